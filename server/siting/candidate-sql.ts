import type { LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';

/**
 * What siting reads from PostGIS besides the analysis inputs: one representative point per
 * feature, the district's extent, and which points lie inside the district. Table and column
 * names come from the registry only; values are parameters.
 */

export interface SiteRow {
  id: number;
  name: string | null;
  lon: number;
  lat: number;
  capacity: number | null;
}

/**
 * One point per feature: the point itself, or ST_PointOnSurface for lines and polygons (always
 * on the feature, unlike a centroid). With `capacityColumn`, that column too (null when unset).
 */
export async function readLayerSites(sql: Queryable, layer: LayerDefinition, capacityColumn?: string): Promise<SiteRow[]> {
  const name = 'name' in layer.properties ? 'name' : 'NULL::text';
  const capacity = capacityColumn && capacityColumn in layer.properties ? `${capacityColumn}::float8` : 'NULL::float8';
  return sql.unsafe<SiteRow[]>(`
    SELECT id, name, ST_X(p) AS lon, ST_Y(p) AS lat, capacity
    FROM (SELECT id, ${name} AS name, ${capacity} AS capacity, ST_PointOnSurface(geom) AS p FROM ${layer.id} WHERE NOT ST_IsEmpty(geom)) s
    ORDER BY id`);
}

/** The district's extent; undefined when no district is loaded. */
export async function readDistrictBounds(sql: Queryable): Promise<{ west: number; south: number; east: number; north: number } | undefined> {
  const [row] = await sql<{ west: number | null; south: number; east: number; north: number }[]>`
    SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
    FROM (SELECT ST_Extent(geom)::geometry AS e FROM district) d`;
  return row && row.west !== null ? { west: row.west, south: row.south, east: row.east, north: row.north } : undefined;
}

/** Indexes of the points the district covers (boundary included); all of them when no district is loaded. */
export async function listPointsInsideDistrict(sql: Queryable, lon: readonly number[], lat: readonly number[]): Promise<Set<number>> {
  if (!lon.length) return new Set();
  const rows = await sql<{ k: number }[]>`
    SELECT (p.k - 1)::int AS k
    FROM unnest(${sql.array(lon as number[], 701)}::float8[], ${sql.array(lat as number[], 701)}::float8[]) WITH ORDINALITY AS p(lon, lat, k)
    WHERE NOT EXISTS (SELECT 1 FROM district)
       OR EXISTS (SELECT 1 FROM district d WHERE ST_Covers(d.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)))`;
  return new Set(rows.map((row) => row.k));
}

/** The community each point lies in (the lowest code where polygons overlap); null outside them all. */
export async function findCommunities(sql: Queryable, lon: readonly number[], lat: readonly number[]): Promise<Array<{ name: string; nameEn: string | null } | null>> {
  const found: Array<{ name: string; nameEn: string | null } | null> = lon.map(() => null);
  if (!lon.length) return found;
  const rows = await sql<{ k: number; name: string; name_en: string | null }[]>`
    SELECT (p.k - 1)::int AS k, c.name, c.name_en
    FROM unnest(${sql.array(lon as number[], 701)}::float8[], ${sql.array(lat as number[], 701)}::float8[]) WITH ORDINALITY AS p(lon, lat, k)
    CROSS JOIN LATERAL (
      SELECT name, name_en FROM communities
      WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) ORDER BY code LIMIT 1
    ) c`;
  for (const row of rows) found[row.k] = { name: row.name, nameEn: row.name_en };
  return found;
}
