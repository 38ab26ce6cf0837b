import { z } from 'zod';
import type { FeatureCreateRequest, FeatureGeometry, FeaturePatchRequest, FeatureValue } from './feature-contract.ts';
import { isFacilityLayer, type LayerDefinition, type PropertyDefinition } from './registry.ts';

/**
 * What a user may write to a facility layer, derived from its declaration: the geometry type
 * it holds, the properties a person sets, and those the server fills in itself — the community
 * and town from the location, the length or area from the geometry, the demo flag. The server
 * parses every write with these schemas; the client can show the same rules.
 */

/** Enough for a detailed site boundary or trail; far more would be an import, not an edit. */
export const MAX_FEATURE_VERTICES = 5_000;
export const MAX_POLYGON_RINGS = 100;
export const MAX_TEXT_CHARS = 200;
/** A feature body at the vertex limit, written out at full double precision, fits. */
export const MAX_FEATURE_BODY_CHARS = 262_144;
/** PostgreSQL's `integer`. */
const MAX_INTEGER = 2_147_483_647;
/** Capacities and measures; anything larger is a typing slip, not a facility. */
const MAX_REAL = 1e12;

/** Why the server, not the user, sets a property. */
export type DerivedKind = 'location' | 'measure' | 'system';

export type EditableGeometryType = FeatureGeometry['type'];

/** Facility layers are edited; the frame (district, divisions, roads, population) is not. */
export function isEditableLayer(layer: LayerDefinition): boolean {
  return isFacilityLayer(layer) && layer.geometry !== 'MultiPolygon';
}

/**
 * The property measured from the geometry on the ellipsoid: a line layer's `length_m`, a polygon
 * layer's `area_m2`. A point layer's `area_m2` (a sports park's) is a surveyed figure a user sets.
 */
export function measuredProperty(layer: LayerDefinition): { column: string; measure: 'length' | 'area' } | undefined {
  if (layer.geometry === 'LineString' && 'length_m' in layer.properties) return { column: 'length_m', measure: 'length' };
  if (layer.geometry === 'Polygon' && 'area_m2' in layer.properties) return { column: 'area_m2', measure: 'area' };
  return undefined;
}

/** The properties the server fills in, by column, with why. */
export function derivedProperties(layer: LayerDefinition): ReadonlyMap<string, DerivedKind> {
  const derived = new Map<string, DerivedKind>();
  if ('community_code' in layer.properties) derived.set('community_code', 'location');
  if ('town_code' in layer.properties) derived.set('town_code', 'location');
  if ('demo' in layer.properties) derived.set('demo', 'system');
  const measured = measuredProperty(layer);
  if (measured) derived.set(measured.column, 'measure');
  return derived;
}

/** The properties a user sets, in declaration order. */
export function settableProperties(layer: LayerDefinition): string[] {
  const derived = derivedProperties(layer);
  return Object.keys(layer.properties).filter((column) => !derived.has(column));
}

const DERIVED_REASONS: Record<DerivedKind, (column: string) => string> = {
  location: (column) => `${column} is derived from the feature's location and cannot be set`,
  measure: (column) => `${column} is measured from the geometry and cannot be set`,
  system: (column) => `${column} marks generated data; a feature added or edited here is never demo data`,
};

/** Lone UTF-16 surrogates have no UTF-8 form: they would be stored as something else. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text is stored verbatim (markup and quotes are data); only what PostgreSQL cannot hold is refused. */
function textSchema(column: string, required: boolean) {
  const text = z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `${column} is required` : `${column} is text`) })
    .max(MAX_TEXT_CHARS, `${column} is at most ${MAX_TEXT_CHARS} characters`)
    .refine((value) => !value.includes('\u0000'), `${column} cannot contain the NUL character`)
    .refine((value) => !LONE_SURROGATE.test(value), `${column} is not well-formed Unicode`);
  return required ? text.refine((value) => value.trim() !== '', `${column} cannot be blank`) : text;
}

/** Counts (seats, beds, spaces) and measures are never negative. */
function valueSchema(column: string, definition: PropertyDefinition): z.ZodType<FeatureValue> {
  if (definition.values) return z.enum(definition.values as [string, ...string[]], { error: `${column} is one of ${definition.values.join(', ')}` });
  if (definition.type === 'integer') return z.number({ error: `${column} is a number` }).int(`${column} is a whole number`).min(0, `${column} is not negative`).max(MAX_INTEGER, `${column} is at most ${MAX_INTEGER}`);
  if (definition.type === 'real') return z.number({ error: `${column} is a number` }).min(0, `${column} is not negative`).max(MAX_REAL, `${column} is at most ${MAX_REAL}`);
  if (definition.type === 'boolean') return z.boolean({ error: `${column} is true or false` });
  return textSchema(column, definition.required === true);
}

/**
 * A create names every required property and may leave the others out (they are stored as
 * null); a patch names only what changes, and may clear an optional property with null.
 */
function propertiesSchema(layer: LayerDefinition, use: 'create' | 'patch') {
  const derived = derivedProperties(layer);
  const shape: Record<string, z.ZodType> = {};
  for (const [column, definition] of Object.entries(layer.properties)) {
    const kind = derived.get(column);
    if (kind) {
      shape[column] = z.never({ error: DERIVED_REASONS[kind](column) }).optional();
      continue;
    }
    const value = valueSchema(column, definition);
    if (!definition.required) shape[column] = value.nullable().optional();
    else shape[column] = use === 'create' ? value : value.optional();
  }
  const settable = settableProperties(layer).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `${layer.id} has no settable property ${issue.keys.map((key) => JSON.stringify(key.slice(0, 40))).join(', ')} (it has ${settable})` : 'properties is an object',
  }) as unknown as z.ZodType<Record<string, FeatureValue>>;
}

const longitude = z.number({ error: 'a longitude is a finite number' }).min(-180, 'a longitude lies within −180…180').max(180, 'a longitude lies within −180…180');
const latitude = z.number({ error: 'a latitude is a finite number' }).min(-90, 'a latitude lies within −90…90').max(90, 'a latitude lies within −90…90');
/** A GeoJSON position, and the line and polygon coordinates built from it (projects reuse them). */
export const position = z.tuple([longitude, latitude], { error: 'a position is [longitude, latitude]' });

const samePosition = (a: readonly number[], b: readonly number[]) => a[0] === b[0] && a[1] === b[1];

export const lineCoordinates = z
  .array(position, { error: 'a line is a list of positions' })
  .min(2, 'a line has at least two positions')
  .max(MAX_FEATURE_VERTICES, `a geometry has at most ${MAX_FEATURE_VERTICES.toLocaleString('en-US')} positions`)
  .refine((line) => line.some((point) => !samePosition(point, line[0])), 'a line joins at least two different positions');

const ring = z
  .array(position, { error: 'a polygon ring is a list of positions' })
  .min(4, 'a polygon ring has at least four positions, the last repeating the first')
  .max(MAX_FEATURE_VERTICES, `a geometry has at most ${MAX_FEATURE_VERTICES.toLocaleString('en-US')} positions`)
  .refine((positions) => samePosition(positions[0], positions[positions.length - 1]), 'a polygon ring is closed: its last position repeats its first');

export const polygonCoordinates = z
  .array(ring, { error: 'a polygon is a list of rings' })
  .min(1, 'a polygon has an outer ring')
  .max(MAX_POLYGON_RINGS, `a polygon has at most ${MAX_POLYGON_RINGS} rings`)
  .refine((rings) => rings.reduce((sum, positions) => sum + positions.length, 0) <= MAX_FEATURE_VERTICES, `a geometry has at most ${MAX_FEATURE_VERTICES.toLocaleString('en-US')} positions`);

/** The layer's geometry type and no other: a point layer takes a Point, and so on. */
function geometrySchema(layer: LayerDefinition): z.ZodType<FeatureGeometry> {
  const expected = layer.geometry as EditableGeometryType;
  const mismatch = `${layer.id} holds ${expected} geometries`;
  return z
    .discriminatedUnion(
      'type',
      [
        z.strictObject({ type: z.literal('Point'), coordinates: position }),
        z.strictObject({ type: z.literal('LineString'), coordinates: lineCoordinates }),
        z.strictObject({ type: z.literal('Polygon'), coordinates: polygonCoordinates }),
      ],
      { error: `${mismatch}: a geometry is a GeoJSON object with "type": "${expected}"` },
    )
    .refine((geometry) => geometry.type === expected, {
      path: ['type'],
      error: (issue) => `${mismatch}, not ${(issue.input as FeatureGeometry).type}`,
    });
}

const schemas = new Map<string, { create: z.ZodType<FeatureCreateRequest>; patch: z.ZodType<FeaturePatchRequest> }>();

function schemasOf(layer: LayerDefinition) {
  if (!isEditableLayer(layer)) throw new Error(`layer ${layer.id} is not edited feature by feature`);
  let cached = schemas.get(layer.id);
  if (!cached) {
    const geometry = geometrySchema(layer);
    cached = {
      create: z.strictObject({
        type: z.literal('Feature', { error: 'a feature is a GeoJSON object with "type": "Feature"' }),
        geometry,
        properties: propertiesSchema(layer, 'create'),
      }),
      patch: z
        .strictObject({ geometry: geometry.optional(), properties: propertiesSchema(layer, 'patch').optional() })
        .refine((patch) => patch.geometry !== undefined || Object.keys(patch.properties ?? {}).length > 0, 'a change names a new geometry, some properties, or both'),
    };
    schemas.set(layer.id, cached);
  }
  return cached;
}

/** The body of `POST /api/layers/{layer}/features` for this layer. */
export function featureCreateSchema(layer: LayerDefinition): z.ZodType<FeatureCreateRequest> {
  return schemasOf(layer).create;
}

/** The body of `PATCH /api/layers/{layer}/features/{id}` for this layer. */
export function featurePatchSchema(layer: LayerDefinition): z.ZodType<FeaturePatchRequest> {
  return schemasOf(layer).patch;
}

/** The properties of a new feature of this layer alone (a project names the facility it will add). */
export function featurePropertiesSchema(layer: LayerDefinition): z.ZodType<Record<string, FeatureValue>> {
  if (!isEditableLayer(layer)) throw new Error(`layer ${layer.id} is not edited feature by feature`);
  return propertiesSchema(layer, 'create');
}
