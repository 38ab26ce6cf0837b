import type { LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';

/**
 * Straight-line coverage computed by PostGIS alone: a cell is covered when ST_DWithin on
 * geography (the spheroid) finds a facility within the radius of its ST_Centroid. Not used to
 * serve requests: it is the independent answer the tests must equal exactly and the baseline
 * the benchmark compares with. The `&&` box (radius / 90 000 degrees, wider than a metre's
 * worth of degrees anywhere below 36° of latitude) only lets the GiST index prune; the
 * geography test alone decides.
 */
export async function countCoveredWithPostgis(sql: Queryable, layer: LayerDefinition, radiusM: number): Promise<Map<string, { population: number; covered: number }>> {
  const rows = await sql.unsafe<Array<{ code: string; population: number; covered: number }>>(`
    SELECT p.community_code AS code, sum(p.population)::float8 AS population,
           coalesce(sum(p.population) FILTER (WHERE EXISTS (
             SELECT 1 FROM ${layer.id} f
             WHERE f.geom && ST_Expand(ST_Centroid(p.geom), $1::float8 / 90000)
               AND ST_DWithin(ST_Centroid(p.geom)::geography, f.geom::geography, $1::float8))), 0)::float8 AS covered
    FROM population p GROUP BY p.community_code`, [radiusM]);
  return new Map(rows.map((row) => [row.code, { population: row.population, covered: row.covered }]));
}
