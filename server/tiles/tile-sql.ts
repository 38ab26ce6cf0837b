import { LAYERS, type LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';

/** MVT geometry grid: 4096 units a tile side, 64 units of buffer so lines and labels join up. */
export const TILE_EXTENT = 4096;
const TILE_BUFFER = 64;
/** Web Mercator's width in metres, to turn a zoom into a simplification tolerance. */
const WORLD_WIDTH_M = 40_075_016.686;

export const BASEMAP_LAYERS: readonly LayerDefinition[] = LAYERS.filter((layer) => layer.category === 'base');

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
export function tileQuery(layers: readonly LayerDefinition[]): string {
  return `SELECT ${layers.map(layerTileQuery).join(' || ')} AS tile`;
}

export async function renderTile(sql: Queryable, layers: readonly LayerDefinition[], z: number, x: number, y: number): Promise<Uint8Array> {
  const [row] = await sql.unsafe<{ tile: Uint8Array | null }[]>(tileQuery(layers), [z, x, y]);
  return row?.tile ?? new Uint8Array();
}

/** Current data versions of the given layers (0 for a layer never written). */
export async function readLayerVersions(sql: Queryable, layerIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await sql<{ layer: string; version: number }[]>`
    SELECT layer, version::int AS version FROM layer_versions WHERE layer IN ${sql(layerIds as string[])}`;
  return new Map(layerIds.map((id) => [id, rows.find((row) => row.layer === id)?.version ?? 0]));
}
