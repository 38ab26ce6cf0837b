import { createDemandSet, type DemandCommunity, type DemandSet } from '../../core/analysis/demand-set.ts';
import { createFacility, type Facility, type FacilityGeometry } from '../../core/analysis/facility.ts';
import type { RoadEdgeInput } from '../../core/analysis/road-graph.ts';
import type { LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';

/**
 * What the analysis reads from PostGIS, once per data version. Table names come from the
 * registry only; values are parameters.
 */

interface CellRow {
  id: number;
  lon: number;
  lat: number;
  population: number;
  community_code: string;
}

/**
 * Cells with their centres. The centre is PostGIS's ST_Centroid, read back as exact float8,
 * so a cross-check with ST_DWithin(ST_Centroid(geom)::geography, …) measures from the very
 * same points. Cells of a community code missing from `communities` still count, under their code.
 */
export async function readDemandSet(sql: Queryable): Promise<DemandSet> {
  const [cells, communityRows] = await Promise.all([
    sql<CellRow[]>`
      SELECT id, ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat, population, community_code
      FROM population ORDER BY id`,
    sql<DemandCommunity[]>`SELECT code, name FROM communities ORDER BY code`,
  ]);
  const communities = [...communityRows];
  const indexByCode = new Map(communities.map((community, index) => [community.code, index]));
  const community = cells.map((cell) => {
    let index = indexByCode.get(cell.community_code);
    if (index === undefined) {
      index = communities.push({ code: cell.community_code, name: cell.community_code }) - 1;
      indexByCode.set(cell.community_code, index);
    }
    return index;
  });
  return createDemandSet({
    ids: cells.map((cell) => cell.id),
    lon: cells.map((cell) => cell.lon),
    lat: cells.map((cell) => cell.lat),
    population: cells.map((cell) => cell.population),
    community,
  }, communities);
}

/**
 * A facility layer's features. Points come as exact float8 coordinates; lines and polygons as
 * GeoJSON with 15 decimals (every digit a double holds at these longitudes).
 */
export async function readFacilities(sql: Queryable, layer: LayerDefinition): Promise<Facility[]> {
  if (layer.geometry === 'Point') {
    const rows = await sql.unsafe<{ lon: number; lat: number }[]>(`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM ${layer.id} ORDER BY id`);
    return rows.map((row) => createFacility({ type: 'Point', coordinates: [row.lon, row.lat] }));
  }
  const rows = await sql.unsafe<{ geometry: string }[]>(`SELECT ST_AsGeoJSON(geom, 15) AS geometry FROM ${layer.id} ORDER BY id`);
  return rows.map((row) => createFacility(JSON.parse(row.geometry) as FacilityGeometry));
}

export async function readRoadEdges(sql: Queryable): Promise<RoadEdgeInput[]> {
  const rows = await sql<{ source_node: number; target_node: number; length_m: number; geometry: string }[]>`
    SELECT source_node, target_node, length_m, ST_AsGeoJSON(geom, 15) AS geometry FROM roads ORDER BY id`;
  return rows.map((row) => ({
    source: row.source_node,
    target: row.target_node,
    lengthM: row.length_m,
    coordinates: (JSON.parse(row.geometry) as { coordinates: number[][] }).coordinates,
  }));
}

/** Is the point inside the district? True when no district is loaded (nothing to check against). */
export async function isInsideDistrict(sql: Queryable, lon: number, lat: number): Promise<boolean> {
  const [row] = await sql<{ districts: number; inside: boolean | null }[]>`
    SELECT count(*)::int AS districts, bool_or(ST_Covers(geom, ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326))) AS inside
    FROM district`;
  return row.districts === 0 || row.inside === true;
}

/** Population squares by id, for mapping the cells an analysis picked out. */
export async function readCellSquares(sql: Queryable, ids: readonly number[]): Promise<Array<{ id: number; population: number; community_code: string; geometry: string }>> {
  if (!ids.length) return [];
  return sql<Array<{ id: number; population: number; community_code: string; geometry: string }>>`
    SELECT id, population, community_code, ST_AsGeoJSON(geom, 7) AS geometry
    FROM population WHERE id = ANY(${sql.array(ids as number[], 23)}::int[]) ORDER BY id`;
}
