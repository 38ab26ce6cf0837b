import { Hono, type Context } from 'hono';
import { baseRoutePath } from 'hono/route';
import type { Language } from '../../core/i18n-text.ts';
import { findLayer, LAYERS, type LayerDefinition } from '../../core/layers/registry.ts';
import type { AppEnv } from '../app-env.ts';
import { notFound } from '../errors.ts';
import { collectionDocument, collectionsDocument, conformanceDocument, featureDocument, itemsDocument, landingDocument } from './documents.ts';
import { readExtents } from './extent-cache.ts';
import { selectFeature, selectFeaturePage } from './features.ts';
import { renderApi, renderCollection, renderCollections, renderConformance, renderDocument, renderFeature, renderItems, type PageContext, type PlaceNames } from './html.ts';
import { readDistrictName, readDivisions } from '../places/place-sql.ts';
import { districtSubtitle } from '../../core/product-name.ts';
import { createLinker, MEDIA_TYPES, type Linker } from './links.ts';
import { openApiDocument } from './openapi.ts';
import {
  chooseFormat, chooseLanguage, COMMON_PARAMETERS, ITEM_PARAMETERS, itemsParameters, parseColumns, parseFeatureId, parseItemsQuery, readQuery,
  type Format,
} from './parameters.ts';

/** OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) over the layer registry. */
export const ogcRoutes = new Hono<AppEnv>();

interface OgcRequest {
  values: Map<string, string>;
  format: Format;
  lang: Language;
  links: Linker;
}

function readRequest(context: Context<AppEnv>, allowed: readonly string[]): OgcRequest {
  const url = new URL(context.req.url);
  const values = readQuery(url, allowed);
  return {
    values,
    format: chooseFormat(values, context.req.header('Accept')),
    lang: chooseLanguage(values),
    links: createLinker(url, baseRoutePath(context)),
  };
}

async function respond(context: Context<AppEnv>, request: OgcRequest, jsonType: string, document: unknown, renderHtml: (page: PageContext) => string) {
  // Vary: one URL answers JSON or HTML depending on Accept, and caches must keep them apart.
  const headers = { 'Content-Language': request.lang, Vary: 'Accept' };
  if (request.format === 'html') {
    // A page's bar names the district the data holds, as the map's header does.
    const district = await readDistrictName(context.get('deps').sql);
    return context.html(renderHtml({ ...request, ...(district ? { subtitle: districtSubtitle(district) } : {}) }), 200, headers);
  }
  return context.body(JSON.stringify(document), 200, { ...headers, 'Content-Type': jsonType });
}

/** Collection ids are looked up in the registry; nothing else ever names a table. */
function findCollection(context: Context<AppEnv>): LayerDefinition {
  const id = context.req.param('collectionId') ?? '';
  const layer = findLayer(id);
  if (!layer) throw notFound('collection_not_found', 'no such collection', { collectionId: id.slice(0, 64) });
  return layer;
}

ogcRoutes.get('/', (context) => {
  const request = readRequest(context, COMMON_PARAMETERS);
  const document = landingDocument(request.links, request.lang);
  return respond(context, request, MEDIA_TYPES.json, document, (page) => renderDocument(page, document));
});

ogcRoutes.get('/conformance', (context) => {
  const request = readRequest(context, COMMON_PARAMETERS);
  const document = conformanceDocument(request.links);
  return respond(context, request, MEDIA_TYPES.json, document, (page) => renderConformance(page, document));
});

ogcRoutes.get('/api', (context) => {
  const request = readRequest(context, COMMON_PARAMETERS);
  const document = openApiDocument(request.links.root, request.lang);
  return respond(context, request, MEDIA_TYPES.openapi, document, (page) =>
    renderApi(page, document, request.links.selfAndAlternate(MEDIA_TYPES.openapi)),
  );
});

ogcRoutes.get('/collections', async (context) => {
  const request = readRequest(context, COMMON_PARAMETERS);
  const { sql, services } = context.get('deps');
  const extents = await readExtents(sql, services.extents, LAYERS);
  const document = collectionsDocument(extents, request.links, request.lang);
  return respond(context, request, MEDIA_TYPES.json, document, (page) => renderCollections(page, document));
});

ogcRoutes.get('/collections/:collectionId', async (context) => {
  const layer = findCollection(context);
  const request = readRequest(context, COMMON_PARAMETERS);
  const { sql, services } = context.get('deps');
  const extents = await readExtents(sql, services.extents, [layer]);
  const document = collectionDocument(layer, extents.get(layer.id), request.links, request.lang);
  return respond(context, request, MEDIA_TYPES.json, document, (page) => renderCollection(page, document));
});

/** Town and community names for an HTML page (JSON keeps the codes, as stored). */
async function readPlaceNames(context: Context<AppEnv>, request: OgcRequest): Promise<PlaceNames | undefined> {
  if (request.format !== 'html') return undefined;
  const { towns, communities } = await readDivisions(context.get('deps').sql);
  return { towns: new Map(towns.map((town) => [town.code, town])), communities: new Map(communities.map((community) => [community.code, community])) };
}

ogcRoutes.get('/collections/:collectionId/items', async (context) => {
  const layer = findCollection(context);
  const request = readRequest(context, itemsParameters(layer));
  const query = parseItemsQuery(layer, request.values);
  const [page, names] = await Promise.all([selectFeaturePage(context.get('deps').sql, layer, query), readPlaceNames(context, request)]);
  const document = itemsDocument(layer, page, query, request.links);
  return respond(context, request, MEDIA_TYPES.geojson, document, (page) => renderItems({ ...page, names }, layer, document, query));
});

ogcRoutes.get('/collections/:collectionId/items/:featureId', async (context) => {
  const layer = findCollection(context);
  const id = parseFeatureId(context.req.param('featureId'));
  const request = readRequest(context, ITEM_PARAMETERS);
  const [feature, names] = await Promise.all([selectFeature(context.get('deps').sql, layer, parseColumns(layer, request.values.get('properties')), id), readPlaceNames(context, request)]);
  if (!feature) throw notFound('feature_not_found', 'no such feature', { featureId: id });
  const document = featureDocument(layer, feature, request.links);
  return respond(context, request, MEDIA_TYPES.geojson, document, (page) => renderFeature({ ...page, names }, layer, document));
});
