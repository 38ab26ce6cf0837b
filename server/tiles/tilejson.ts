import type { TileJson } from '../../core/api/responses.ts';
import type { LayerDefinition, PropertyType } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';
import type { MemoCache } from '../cache/memo-cache.ts';

export const BASEMAP_ID = 'basemap';
/** TileJSON maxzoom: MapLibre over-zooms past it, so deeper tiles are never requested in vain. */
const ADVERTISED_MAX_ZOOM = 16;

const FIELD_TYPES: Record<PropertyType, string> = { text: 'String', integer: 'Number', real: 'Number', boolean: 'Boolean' };

/**
 * TileJSON 3.0.0 for one layer or the basemap, with the data version in the tile URL. The bounds
 * (an extent over every feature) are kept per tile set and version: clients ask for the
 * TileJSON after every edit, and the extent of a large layer costs far more than the rest.
 */
export async function buildTileJson(sql: Queryable, cache: MemoCache, id: string, layers: readonly LayerDefinition[], version: number, origin: string): Promise<TileJson> {
  const bounds = await cache.get(`tilejson-bounds:${id}@${version}`, () => readBounds(sql, layers));
  const minzoom = Math.min(...layers.map((layer) => layer.minzoom));
  const maxzoom = Math.min(ADVERTISED_MAX_ZOOM, Math.max(...layers.map((layer) => layer.maxzoom)));
  const single = layers.length === 1 ? layers[0] : undefined;
  return {
    tilejson: '3.0.0',
    name: single ? single.title.en : 'Renewal Atlas basemap',
    description: single ? single.description.en : 'District boundary, towns, community grid, walking network and population',
    version: '1.0.0',
    attribution: [...new Set(layers.map((layer) => layer.attribution))].join('; '),
    scheme: 'xyz',
    tiles: [`${origin}/tiles/${id}/{z}/{x}/{y}.mvt?v=${version}`],
    minzoom,
    maxzoom,
    bounds,
    center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.max(minzoom, 11)],
    vector_layers: layers.map((layer) => ({
      id: layer.id,
      description: layer.title.en,
      minzoom: layer.minzoom,
      maxzoom: Math.min(ADVERTISED_MAX_ZOOM, layer.maxzoom),
      fields: Object.fromEntries(Object.entries(layer.properties).map(([column, property]) => [column, FIELD_TYPES[property.type]])),
    })),
  };
}

/**
 * Each side of the extent is the distance from a line far beyond it (a meridian at 360° west,
 * a parallel at 180° south…) to the nearest feature: an ordered search of the layer's GiST index
 * that reads a few entries, where ST_Extent read every feature (over a second for 100,000
 * demands on a busy machine, and every accepted demand makes a new version to compute it for).
 * Distance from a line that spans the whole other axis is exactly how far a geometry's nearest
 * vertex or edge lies along this one, so the sides are the extent's own.
 */
const FAR_SIDES = {
  west: { line: 'ST_MakeLine(ST_MakePoint(-360, -90), ST_MakePoint(-360, 90))', value: (distance: string) => `-360 + ${distance}` },
  east: { line: 'ST_MakeLine(ST_MakePoint(360, -90), ST_MakePoint(360, 90))', value: (distance: string) => `360 - ${distance}` },
  south: { line: 'ST_MakeLine(ST_MakePoint(-360, -180), ST_MakePoint(360, -180))', value: (distance: string) => `-180 + ${distance}` },
  north: { line: 'ST_MakeLine(ST_MakePoint(-360, 180), ST_MakePoint(360, 180))', value: (distance: string) => `180 - ${distance}` },
} as const;

async function readBounds(sql: Queryable, layers: readonly LayerDefinition[]): Promise<[number, number, number, number]> {
  const side = (layer: string, which: keyof typeof FAR_SIDES) => {
    const line = `ST_SetSRID(${FAR_SIDES[which].line}, 4326)`;
    return FAR_SIDES[which].value(`(SELECT geom <-> ${line} FROM ${layer} ORDER BY geom <-> ${line} LIMIT 1)`);
  };
  const perLayer = layers
    .map((layer) => `SELECT ${side(layer.id, 'west')} AS minx, ${side(layer.id, 'south')} AS miny, ${side(layer.id, 'east')} AS maxx, ${side(layer.id, 'north')} AS maxy`)
    .join(' UNION ALL ');
  const [row] = await sql.unsafe<{ minx: number | null; miny: number; maxx: number; maxy: number }[]>(
    `SELECT min(minx) AS minx, min(miny) AS miny, max(maxx) AS maxx, max(maxy) AS maxy FROM (${perLayer}) AS sides`,
  );
  if (row.minx === null) return [-180, -85.0511, 180, 85.0511];
  return [row.minx, row.miny, row.maxx, row.maxy].map((value) => Math.round(value * 1e6) / 1e6) as [number, number, number, number];
}
