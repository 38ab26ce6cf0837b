import type { FeatureGeometry, FeatureRecord, FeatureValue } from '../../core/layers/feature-contract.ts';
import { measuredProperty, settableProperties } from '../../core/layers/feature-input.ts';
import { sqlTypeOf, type LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';

/**
 * The SQL of feature edits. Table and column names come from the layer registry alone (an
 * allow-list, quoted besides); every value from a request is a bound parameter, cast to its
 * column's declared type so PostgreSQL never guesses.
 */

/** `ST_AsGeoJSON` precision: 7 decimals of a degree is about a centimetre (as OGC serves it). */
const COORDINATE_DECIMALS = 7;

const quote = (name: string) => `"${name}"`;

/** A request's GeoJSON as a WGS84 geometry (the schema already checked its shape and numbers). */
const GEOMETRY_PARAMETER = (index: number) => `ST_SetSRID(ST_GeomFromGeoJSON($${index}::text), 4326)`;

type Row = { id: number; version: number; geometry: FeatureGeometry } & Record<string, FeatureValue>;

function returning(layer: LayerDefinition): string {
  const columns = Object.keys(layer.properties).map(quote).join(', ');
  return `id, version, ${columns}, ST_AsGeoJSON(geom, ${COORDINATE_DECIMALS})::json AS geometry`;
}

function toRecord(layer: LayerDefinition, row: Row): FeatureRecord {
  const properties: Record<string, FeatureValue> = {};
  for (const column of Object.keys(layer.properties)) properties[column] = row[column];
  return { type: 'Feature', id: row.id, layer: layer.id, geometry: row.geometry, properties, version: row.version };
}

/** One feature; `lock` holds its row until the transaction ends, so a version check stays true. */
export async function readFeature(sql: Queryable, layer: LayerDefinition, id: number, options: { lock?: boolean } = {}): Promise<FeatureRecord | undefined> {
  const [row] = await sql.unsafe<Row[]>(`SELECT ${returning(layer)} FROM ${quote(layer.id)} WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return row && toRecord(layer, row);
}

/** What the server derives from a geometry: where it is and how big it is. */
export interface GeometryFacts {
  valid: boolean;
  /** PostGIS's reason when the geometry is not valid (a self-crossing ring…). */
  reason: string | null;
  inside: boolean;
  communityCode: string | null;
  townCode: string | null;
  /** The layer's measured property (metres or square metres), when it has one. */
  measure: number | null;
}

/**
 * Validity first: the overlay functions below throw on an invalid geometry (a point of finite
 * coordinates, which the schemas require, is always valid: no round trip for it). A point belongs
 * to the community that holds it, a line or polygon to the one holding the largest share of it
 * (length or area on the ellipsoid); a point in a sliver between grid cells goes to the nearest.
 * "Inside the district" is ST_CoveredBy, so a site on the boundary line itself still counts.
 */
export async function inspectGeometry(sql: Queryable, layer: LayerDefinition, geometry: FeatureGeometry): Promise<GeometryFacts> {
  const geojson = JSON.stringify(geometry);
  if (geometry.type !== 'Point') {
    const [validity] = await sql.unsafe<{ valid: boolean; reason: string }[]>(
      `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ${GEOMETRY_PARAMETER(1)} AS g) AS input`,
      [geojson],
    );
    if (!validity.valid) return { valid: false, reason: validity.reason, inside: false, communityCode: null, townCode: null, measure: null };
  }
  const share = {
    Point: 'CASE WHEN ST_Covers(c.geom, g) THEN 1 ELSE 0 END',
    LineString: 'CASE WHEN ST_Intersects(c.geom, g) THEN ST_Length(ST_Intersection(c.geom, g)::geography) ELSE 0 END',
    Polygon: 'CASE WHEN ST_Intersects(c.geom, g) THEN ST_Area(ST_Intersection(c.geom, g)::geography) ELSE 0 END',
  }[geometry.type];
  const measured = measuredProperty(layer);
  // Rounded as the demo data is: lengths to a decimetre, areas to a square metre.
  const measure = !measured ? 'NULL' : measured.measure === 'length' ? 'round(ST_Length(g::geography)::numeric, 1)::float8' : 'round(ST_Area(g::geography)::numeric)::float8';
  // Only the communities the geometry touches are weighed (ST_Intersects finds them with the GiST
  // index; testing all 150 cost a public submission about 9 ms), and the nearest is looked for
  // only when it touches none. Every community not touched lies further away, so the choice is
  // the one the whole table would give: largest share, then nearest, then the lowest code.
  const [facts] = await sql.unsafe<{ inside: boolean; community_code: string | null; town_code: string | null; measure: number | null }[]>(
    `SELECT EXISTS (SELECT 1 FROM district d WHERE ST_CoveredBy(g, d.geom)) AS inside,
            coalesce(touching.code, nearest.code) AS community_code, coalesce(touching.town_code, nearest.town_code) AS town_code,
            ${measure} AS measure
     FROM (SELECT ${GEOMETRY_PARAMETER(1)} AS g) AS input
     LEFT JOIN LATERAL (
       SELECT c.code, c.town_code FROM communities c WHERE ST_Intersects(c.geom, g) ORDER BY ${share} DESC, c.code LIMIT 1
     ) AS touching ON true
     LEFT JOIN LATERAL (
       SELECT c.code, c.town_code FROM communities c WHERE touching.code IS NULL ORDER BY ST_Distance(c.geom, g), c.code LIMIT 1
     ) AS nearest ON true`,
    [geojson],
    // Prepared: one statement per layer and geometry type, so it is parsed once per connection and
    // pipelines with its neighbours (an unprepared statement with parameters waits for its own
    // describe round trip first).
    { prepare: true },
  );
  return { valid: true, reason: null, inside: facts.inside, communityCode: facts.community_code, townCode: facts.town_code, measure: facts.measure };
}

/** The columns a write sets and their values, from the user's properties and the derived facts. */
function assignments(layer: LayerDefinition, properties: Record<string, FeatureValue>, located: { facts: GeometryFacts; geometry: FeatureGeometry } | undefined) {
  const columns: Array<{ column: string; value: FeatureValue }> = [];
  for (const column of settableProperties(layer)) {
    if (column in properties) columns.push({ column, value: properties[column] });
  }
  if (located) {
    if ('community_code' in layer.properties) columns.push({ column: 'community_code', value: located.facts.communityCode });
    if ('town_code' in layer.properties) columns.push({ column: 'town_code', value: located.facts.townCode });
    const measured = measuredProperty(layer);
    if (measured) columns.push({ column: measured.column, value: located.facts.measure });
  }
  return columns;
}

function castOf(layer: LayerDefinition, column: string): string {
  return sqlTypeOf(layer.properties[column].type);
}

/** A new feature: every settable property (null when left out), the derived ones, demo false. */
export async function insertFeature(
  sql: Queryable,
  layer: LayerDefinition,
  properties: Record<string, FeatureValue>,
  located: { facts: GeometryFacts; geometry: FeatureGeometry },
): Promise<FeatureRecord> {
  const complete = Object.fromEntries(settableProperties(layer).map((column) => [column, properties[column] ?? null]));
  const columns = assignments(layer, complete, located);
  if ('demo' in layer.properties) columns.push({ column: 'demo', value: false });
  const values = columns.map(({ column }, index) => `$${index + 1}::${castOf(layer, column)}`);
  const [row] = await sql.unsafe<Row[]>(
    `INSERT INTO ${quote(layer.id)} (${columns.map(({ column }) => quote(column)).join(', ')}, geom)
     VALUES (${values.join(', ')}, ${GEOMETRY_PARAMETER(columns.length + 1)})
     RETURNING ${returning(layer)}`,
    [...columns.map(({ value }) => value), JSON.stringify(located.geometry)] as never[],
  );
  return toRecord(layer, row);
}

/**
 * The change is made only on the version the editor read (`WHERE id AND version`); undefined
 * means the feature is gone or has moved on, and the caller tells which. A new geometry brings
 * its derived properties with it.
 */
export async function updateFeature(
  sql: Queryable,
  layer: LayerDefinition,
  id: number,
  version: number,
  properties: Record<string, FeatureValue>,
  located: { facts: GeometryFacts; geometry: FeatureGeometry } | undefined,
): Promise<FeatureRecord | undefined> {
  const columns = assignments(layer, properties, located);
  const sets = columns.map(({ column }, index) => `${quote(column)} = $${index + 3}::${castOf(layer, column)}`);
  const parameters: unknown[] = [id, version, ...columns.map(({ value }) => value)];
  if (located) {
    parameters.push(JSON.stringify(located.geometry));
    sets.push(`geom = ${GEOMETRY_PARAMETER(parameters.length)}`);
  }
  const [row] = await sql.unsafe<Row[]>(
    `UPDATE ${quote(layer.id)} SET ${[...sets, 'version = version + 1'].join(', ')}
     WHERE id = $1 AND version = $2
     RETURNING ${returning(layer)}`,
    parameters as never[],
  );
  return row && toRecord(layer, row);
}

/** Deleted only on the version the editor read; false when gone or changed since. */
export async function deleteFeature(sql: Queryable, layer: LayerDefinition, id: number, version: number): Promise<boolean> {
  const rows = await sql.unsafe(`DELETE FROM ${quote(layer.id)} WHERE id = $1 AND version = $2 RETURNING id`, [id, version]);
  return rows.length === 1;
}
