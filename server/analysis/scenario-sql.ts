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
 * puts them: a point layer takes the project's point (a point on a line or area), read as exact
 * float8 like the layer's own points; a line or area layer takes the geometry itself, with the
 * 15 decimals the layer's features are read with. So once built they are the very same facilities.
 */
export async function readProjectFacilities(sql: Queryable, layer: LayerDefinition, phases: readonly ScenarioPhase[]): Promise<{ projects: ScenarioProject[]; facilities: Facility[] }> {
  const isPointLayer = layer.geometry === 'Point';
  const rows = await sql<ProjectFacilityRow[]>`
    SELECT id, name, phase,
           CASE WHEN ${isPointLayer} THEN ST_X(place) END AS lon,
           CASE WHEN ${isPointLayer} THEN ST_Y(place) END AS lat,
           CASE WHEN NOT ${isPointLayer} THEN ST_AsGeoJSON(geom, 15) END AS geometry
    FROM (SELECT id, name, phase, geom,
                 CASE WHEN GeometryType(geom) = 'POINT' THEN geom ELSE ST_PointOnSurface(geom) END AS place
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
