import { createFacility, type Facility, type FacilityGeometry } from '../../core/analysis/facility.ts';
import type { ScenarioPhase, ScenarioProject } from '../../core/analysis/scenario-contract.ts';
import type { LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';

interface ProjectFacilityRow extends ScenarioProject {
  lon: number | null;
  lat: number | null;
  geometry: string | null;
}

/**
 * The facilities the projects in these phases will add to the layer, where their completion
 * (server/projects/project-completion.ts) puts them: the project's geometry, or for a point layer
 * a point on a line or area (core/projects/project-facility.ts), written as GeoJSON with 7
 * decimals and read back, as the completion does. Then read like the layer's own features
 * (points as exact float8, lines and areas with 15 decimals): once built they are the very same.
 */
export async function readProjectFacilities(sql: Queryable, layer: LayerDefinition, phases: readonly ScenarioPhase[]): Promise<{ projects: ScenarioProject[]; facilities: Facility[] }> {
  const isPointLayer = layer.geometry === 'Point';
  const rows = await sql<ProjectFacilityRow[]>`
    SELECT id, name, phase,
           CASE WHEN ${isPointLayer} THEN ST_X(place) END AS lon,
           CASE WHEN ${isPointLayer} THEN ST_Y(place) END AS lat,
           CASE WHEN NOT ${isPointLayer} THEN ST_AsGeoJSON(geom, 15) END AS geometry
    FROM (SELECT id, name, phase,
                 ST_GeomFromGeoJSON(ST_AsGeoJSON(geom, 7)) AS geom,
                 ST_GeomFromGeoJSON(ST_AsGeoJSON(CASE WHEN GeometryType(geom) = 'POINT' THEN geom ELSE ST_PointOnSurface(geom) END, 7)) AS place
          FROM projects
          WHERE facility_layer = ${layer.id} AND phase IN ${sql([...phases])}) AS p
    ORDER BY id`;
  return {
    projects: rows.map(({ id, name, phase }) => ({ id, name, phase })),
    facilities: rows.map((row) => createFacility(isPointLayer
      ? { type: 'Point', coordinates: [row.lon!, row.lat!] }
      : JSON.parse(row.geometry!) as FacilityGeometry)),
  };
}
