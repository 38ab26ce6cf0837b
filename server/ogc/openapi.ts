import { LANGUAGES, type Language } from '../../core/i18n-text.ts';
import { LAYERS, type LayerDefinition, type PropertyDefinition } from '../../core/layers/registry.ts';
import { itemsPath, SERVICE_DESCRIPTION, SERVICE_TITLE } from './documents.ts';
import { MEDIA_TYPES } from './links.ts';
import { CRS84, DEFAULT_LIMIT, FORMATS, MAX_INTEGER, MAX_LIMIT } from './parameters.ts';

/**
 * The OpenAPI 3.0 definition, generated from the layer registry: one items path per collection
 * with that collection's property filters, so clients (and GDAL) see exactly what is accepted.
 */

type Schema = Record<string, unknown>;
const ref = (kind: 'parameters' | 'schemas' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });

const JSON_TYPES: Record<PropertyDefinition['type'], string> = { text: 'string', integer: 'integer', real: 'number', boolean: 'boolean' };

function schemaOf(property: PropertyDefinition): Schema {
  return { type: JSON_TYPES[property.type], ...(property.values ? { enum: [...property.values] } : {}) };
}

const queryParameter = (name: string, description: string, schema: Schema, extra: Schema = {}) => ({
  name, in: 'query', required: false, description, schema, style: 'form', explode: false, ...extra,
});

const PARAMETERS = {
  f: queryParameter('f', 'Response format; without it, Accept decides (text/html → HTML, otherwise JSON).', { type: 'string', enum: [...FORMATS], default: 'json' }),
  lang: queryParameter('lang', 'Language of titles and descriptions.', { type: 'string', enum: [...LANGUAGES], default: 'zh' }),
  bbox: queryParameter('bbox', 'minx,miny,maxx,maxy in CRS84: features whose geometry intersects the box (6 numbers: heights ignored).', {
    type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' },
  }),
  'bbox-crs': queryParameter('bbox-crs', 'CRS of bbox; only CRS84.', { type: 'string', format: 'uri', enum: [CRS84] }),
  datetime: queryParameter('datetime', 'Accepted for conformance when well-formed; no layer is time-stamped, so it does not narrow the result.', { type: 'string' }),
  limit: queryParameter('limit', `Page size; larger values are served as ${MAX_LIMIT}.`, { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
  offset: queryParameter('offset', 'Features to skip, in id order.', { type: 'integer', minimum: 0, maximum: MAX_INTEGER, default: 0 }),
  collectionId: { name: 'collectionId', in: 'path', required: true, schema: { type: 'string', enum: LAYERS.map((layer) => layer.id) } },
  featureId: { name: 'featureId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
};

const COMMON = [ref('parameters', 'f'), ref('parameters', 'lang')];

const SCHEMAS: Record<string, Schema> = {
  exception: {
    type: 'object', required: ['error'],
    properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
  },
  link: { type: 'object', required: ['href', 'rel'], properties: { href: { type: 'string' }, rel: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' } } },
  document: { type: 'object', description: 'A JSON document with links', properties: { links: { type: 'array', items: ref('schemas', 'link') } } },
};

const ERROR_RESPONSES = {
  '400': ref('responses', 'InvalidParameter'),
  '404': ref('responses', 'NotFound'),
};

function ok(description: string, jsonType: string, schema: Schema) {
  return { description, content: { [jsonType]: { schema }, [MEDIA_TYPES.html]: { schema: { type: 'string' } } } };
}

type PathItem = { get: { operationId: string; summary: string; tags: string[]; parameters: Schema[]; responses: Schema } };

function operation(operationId: string, summary: string, response: Schema, parameters: Schema[] = COMMON, tags = ['service']): PathItem {
  return { get: { operationId, summary, tags, parameters, responses: { '200': response, ...ERROR_RESPONSES } } };
}

/** The GeoJSON types a layer's features have: its declared one, or any simple one for a mixed layer. */
function geometryTypesOf(layer: LayerDefinition): string[] {
  return layer.geometry === 'Geometry' ? ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'] : [layer.geometry];
}

function featureSchema(layer: LayerDefinition): Schema {
  const properties = Object.fromEntries(Object.entries(layer.properties).map(([column, property]) => [column, { ...schemaOf(property), nullable: true, description: property.title.en }]));
  return {
    type: 'object', required: ['type', 'id', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: 'integer' },
      geometry: { type: 'object', description: `GeoJSON ${layer.geometry}`, properties: { type: { type: 'string', enum: geometryTypesOf(layer) }, coordinates: { type: 'array' } } },
      properties: { type: 'object', properties },
      links: { type: 'array', items: ref('schemas', 'link') },
    },
  };
}

function featureCollectionSchema(layer: LayerDefinition): Schema {
  return {
    type: 'object', required: ['type', 'features'],
    properties: {
      type: { type: 'string', enum: ['FeatureCollection'] },
      features: { type: 'array', items: ref('schemas', `${layer.id}Feature`) },
      numberMatched: { type: 'integer', minimum: 0 },
      numberReturned: { type: 'integer', minimum: 0 },
      timeStamp: { type: 'string', format: 'date-time' },
      links: { type: 'array', items: ref('schemas', 'link') },
    },
  };
}

function layerPaths(layer: LayerDefinition): Record<string, PathItem> {
  const columns = Object.keys(layer.properties);
  const filters = Object.entries(layer.properties).map(([column, property]) =>
    queryParameter(column, `Only features whose ${property.title.en} equals this value.`, schemaOf(property)),
  );
  const properties = queryParameter('properties', 'Comma-separated properties to return (empty: none).', { type: 'array', items: { type: 'string', enum: columns } });
  const itemsParameters = [
    ref('parameters', 'bbox'), ref('parameters', 'bbox-crs'), ref('parameters', 'datetime'),
    ref('parameters', 'limit'), ref('parameters', 'offset'), properties, ...filters, ...COMMON,
  ];
  const tags = [layer.id];
  return {
    [itemsPath(layer)]: operation(`get_${layer.id}_features`, `${layer.title.en} (${layer.title.zh}): features`,
      ok('A page of features', MEDIA_TYPES.geojson, ref('schemas', `${layer.id}FeatureCollection`)), itemsParameters, tags),
    [`${itemsPath(layer)}/{featureId}`]: operation(`get_${layer.id}_feature`, `${layer.title.en}: one feature`,
      ok('One feature', MEDIA_TYPES.geojson, ref('schemas', `${layer.id}Feature`)), [ref('parameters', 'featureId'), properties, ...COMMON], tags),
  };
}

export function openApiDocument(root: string, lang: Language) {
  const document = ok('A JSON document', MEDIA_TYPES.json, ref('schemas', 'document'));
  return {
    openapi: '3.0.3',
    info: { title: SERVICE_TITLE[lang], description: SERVICE_DESCRIPTION[lang], version: '1.0.0' },
    servers: [{ url: root }],
    paths: {
      '/': operation('getLandingPage', 'Landing page', document),
      '/conformance': operation('getConformance', 'Conformance classes', document),
      '/api': operation('getApi', 'This API definition', ok('The API definition', MEDIA_TYPES.openapi, { type: 'object' })),
      '/collections': operation('getCollections', 'Feature collections', document),
      '/collections/{collectionId}': operation('getCollection', 'One feature collection', document, [ref('parameters', 'collectionId'), ...COMMON]),
      ...Object.fromEntries(LAYERS.flatMap((layer) => Object.entries(layerPaths(layer)))),
    },
    components: {
      parameters: PARAMETERS,
      schemas: {
        ...SCHEMAS,
        ...Object.fromEntries(LAYERS.flatMap((layer) => [[`${layer.id}Feature`, featureSchema(layer)], [`${layer.id}FeatureCollection`, featureCollectionSchema(layer)]])),
      },
      responses: {
        InvalidParameter: { description: 'A query parameter is unknown or malformed', content: { [MEDIA_TYPES.json]: { schema: ref('schemas', 'exception') } } },
        NotFound: { description: 'No such collection or feature', content: { [MEDIA_TYPES.json]: { schema: ref('schemas', 'exception') } } },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
