import type { GeometryType } from '../layers/define-layer.ts';
import type { ProjectGeometry } from './project-contract.ts';

/**
 * How a project's place becomes its facility's when completed: a layer of the same shape takes
 * the geometry as it is; a point layer takes a point on it (a kindergarten drawn as its site
 * polygon is a point on the map of kindergartens). Anything else cannot be added (a trail layer
 * cannot take a polygon): null, and the server refuses the facility.
 */
export type FacilityPlacement = 'as_drawn' | 'point_on_surface';

export function facilityPlacement(layerGeometry: GeometryType, projectGeometry: ProjectGeometry['type']): FacilityPlacement | null {
  if (layerGeometry === projectGeometry) return 'as_drawn';
  if (layerGeometry === 'Point') return 'point_on_surface';
  return null;
}
