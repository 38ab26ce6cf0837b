import { LAYERS, isFrameLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';
import { encodeTile, type TileFeature } from './encode-mvt.ts';

/** MVT geometry grid: 4096 units a tile side, 64 units of buffer so lines and labels join up. */
export const TILE_EXTENT = 4096;
const TILE_BUFFER = 64;
/** Web Mercator's width in metres, to turn a zoom into a simplification tolerance. */
const WORLD_WIDTH_M = 40_075_016.686;

export const BASEMAP_LAYERS: readonly LayerDefinition[] = LAYERS.filter(isFrameLayer);

/**
 * One layer's features in one tile, as an MVT layer named after the layer.
 * Lines and polygons are simplified to a quarter of a tile pixel before clipping: invisible at
 * that zoom, and it keeps low-zoom tiles of the grid and network small and quick.
 * Columns come from the registry only; z/x/y are parameters.
 */
function layerTileQuery(layer: LayerDefinition): string {
  const columns = Object.keys(layer.properties).map((column) => `t.${column}`).join(', ');
  const projected = layer.geometry === 'Point'
    ? 'ST_Transform(t.geom, 3857)'
    : `ST_Simplify(ST_Transform(t.geom, 3857), ${WORLD_WIDTH_M / TILE_EXTENT / 4} / (1 << $1::int), true)`;
  return `(SELECT ST_AsMVT(tile, '${layer.id}', ${TILE_EXTENT}, 'geom', 'id') FROM (
      SELECT t.id, ${columns},
             ST_AsMVTGeom(${projected}, ST_TileEnvelope($1::int, $2::int, $3::int), ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
      FROM ${layer.id} t
      WHERE t.geom && ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${TILE_BUFFER / TILE_EXTENT}), 4326)
    ) AS tile WHERE tile.geom IS NOT NULL)`;
}

/** Several layers in one tile: MVT layers are concatenated protobuf messages, so `||` joins them. */
function tileExpression(layers: readonly LayerDefinition[]): string {
  return layers.map(layerTileQuery).join(' || ');
}

export function tileQuery(layers: readonly LayerDefinition[]): string {
  return `SELECT ${tileExpression(layers)} AS tile`;
}

/**
 * PostGIS builds without protobuf-c (the embedded WebAssembly one) have no ST_AsMVT/ST_AsMVTGeom:
 * a real PostGIS encodes tiles itself, the embedded one gets our encoder. The app asks once and
 * keeps the answer (app-services.ts); an unreachable database is an error, not a "no".
 */
export async function supportsNativeMvt(sql: Queryable): Promise<boolean> {
  try {
    await sql.unsafe(`SELECT ST_AsMVT(q, 'probe') FROM (SELECT 1 AS id, ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_TileEnvelope(0, 0, 0)) AS geom) q`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'XX000') return false; // "compiled without protobuf-c support"
    throw error;
  }
}

/**
 * The same clip, simplification and quantisation as ST_AsMVTGeom, in plain PostGIS: clip to the
 * tile plus its buffer, move into tile units (y down), snap to the integer grid. Exterior rings
 * are made counter-clockwise first so the y flip leaves them clockwise, as MVT requires.
 */
function layerFeaturesQuery(layer: LayerDefinition): string {
  const properties = Object.keys(layer.properties).map((column) => `'${column}', t.${column}`).join(', ');
  const projected = layer.geometry === 'Point'
    ? 'ST_Transform(t.geom, 3857)'
    : `ST_ClipByBox2D(ST_ForcePolygonCCW(ST_Simplify(ST_Transform(t.geom, 3857), ${WORLD_WIDTH_M / TILE_EXTENT / 4} / (1 << $1::int), true)), ST_Expand(env.e, env.size * ${TILE_BUFFER / TILE_EXTENT}))`;
  return `SELECT t.id, json_build_object(${properties}) AS properties, ST_AsGeoJSON(ST_SnapToGrid(
      ST_TransScale(${projected}, -ST_XMin(env.e), -ST_YMax(env.e), ${TILE_EXTENT} / env.size, -${TILE_EXTENT} / env.size), 1), 0)::json AS geometry
    FROM ${layer.id} t, (SELECT e, ST_XMax(e) - ST_XMin(e) AS size FROM ST_TileEnvelope($1::int, $2::int, $3::int) AS e) env
    WHERE t.geom && ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${TILE_BUFFER / TILE_EXTENT}), 4326)
    ORDER BY t.id`;
}

async function renderTileInProcess(sql: Queryable, layers: readonly LayerDefinition[], z: number, x: number, y: number): Promise<Uint8Array> {
  const encoded = [];
  for (const layer of layers) {
    const rows = await sql.unsafe<TileFeature[]>(layerFeaturesQuery(layer), [z, x, y]);
    const features = rows.filter((row) => row.geometry && !isEmptyGeometry(row.geometry));
    encoded.push({ name: layer.id, extent: TILE_EXTENT, features });
  }
  return encodeTile(encoded);
}

function isEmptyGeometry(geometry: TileFeature['geometry']): boolean {
  return !Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0;
}

/**
 * The database's share of a tile alone, for the benchmark's baseline: ST_AsMVT where PostGIS has
 * it, otherwise the clip-and-quantise queries whose rows our encoder would turn into the tile.
 */
export async function runRawTileQueries(sql: Queryable, native: boolean, layers: readonly LayerDefinition[], z: number, x: number, y: number): Promise<void> {
  if (native) {
    await sql.unsafe(tileQuery(layers), [z, x, y]);
    return;
  }
  for (const layer of layers) await sql.unsafe(layerFeaturesQuery(layer), [z, x, y]);
}

/**
 * A tile with the data version it shows (the sum of its layers' versions). On a real PostGIS both
 * come from one statement, so one snapshot and one round trip; otherwise the version is read
 * first, so the data can only be newer than the version it is filed under, never older.
 */
export async function renderVersionedTile(sql: Queryable, native: boolean, versionLayers: readonly string[], layers: readonly LayerDefinition[], z: number, x: number, y: number) {
  const versionSql = (parameter: string) => `SELECT coalesce(sum(version), 0)::int FROM layer_versions WHERE layer = ANY(${parameter}::text[])`;
  if (layers.length && native) {
    const [row] = await sql.unsafe<{ version: number; tile: Uint8Array | null }[]>(
      `SELECT (${versionSql('$4')}) AS version, (${tileExpression(layers)}) AS tile`,
      [z, x, y, versionLayers as string[]],
    );
    return { version: row.version, tile: row.tile ?? new Uint8Array() };
  }
  const [{ version }] = await sql.unsafe<{ version: number }[]>(`SELECT (${versionSql('$1')}) AS version`, [versionLayers as string[]]);
  return { version, tile: layers.length ? await renderTileInProcess(sql, layers, z, x, y) : new Uint8Array() };
}

/** For tests and benchmarks: force one encoder whatever the database supports. */
export const renderTileWith = {
  native: async (sql: Queryable, layers: readonly LayerDefinition[], z: number, x: number, y: number) =>
    (await sql.unsafe<{ tile: Uint8Array | null }[]>(tileQuery(layers), [z, x, y]))[0]?.tile ?? new Uint8Array(),
  inProcess: renderTileInProcess,
};

