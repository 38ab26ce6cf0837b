import { distance, point } from '@turf/turf';
import type { LayerSummary } from '../../../core/api/responses.ts';
import type { PublicDemand } from '../../../core/demands/demand-contract.ts';
import type { DemandStatus } from '../../../core/demands/demand-states.ts';
import type { DemandOptimization } from '../../../core/demands/demand-types.ts';
import { facilityProjectKind } from '../../../core/projects/facility-projects.ts';
import { indicatorOfCapacity } from '../../../core/targets/indicators.ts';
import type { NewProjectBody } from './project-draft.ts';

/**
 * A siting result turned into proposed projects, one per chosen site: the facility of the layer
 * sited (its capacity prefilled), the project's type after the layer (kindergartens →
 * kindergarten, parking_lots → parking), and the residents' demands the facility answers inside
 * the coverage radius linked to it (core/projects/facility-projects.ts).
 */

/** Demands a project may answer: taken on by the district (accepted), or already planned by another. */
export const LINKABLE_STATUSES: readonly DemandStatus[] = ['accepted', 'planned'];

/** The project type a layer's new facility is. */
export function projectTypeOfLayer(layerId: string): string {
  return facilityProjectKind(layerId).type;
}

/**
 * Demands a new facility of the layer answers within `radius` metres of a site (great-circle
 * distance, Turf): of the types it serves, linkable ones only.
 */
export function demandsWithinRadius<T extends Pick<PublicDemand, 'id' | 'lon' | 'lat' | 'status' | 'type'>>(layerId: string, site: readonly [number, number], radius: number, demands: readonly T[]): T[] {
  const { demandTypes } = facilityProjectKind(layerId);
  const centre = point([site[0], site[1]]);
  return demands.filter((demand) => demandTypes.includes(demand.type) && LINKABLE_STATUSES.includes(demand.status)
    && distance(centre, point([demand.lon, demand.lat]), { units: 'meters' }) <= radius);
}

export interface SiteProjectChoice {
  site: { lon: number; lat: number; label: string };
  layer: LayerSummary;
  capacity: number | undefined;
  responsibleUnit: string;
  demandIds: readonly number[];
  name: string;
}

export function siteProjectRequest(choice: SiteProjectChoice): NewProjectBody {
  const { layer, capacity } = choice;
  const capacityColumn = layer.capacity?.column;
  // What the capacity counts towards in the yearly list (a car park's spaces are parking_spaces).
  const indicator = capacityColumn ? indicatorOfCapacity(capacityColumn) : undefined;
  const optimization = (typeof layer.category === 'number' ? layer.category : 1) as DemandOptimization;
  return {
    name: choice.name,
    optimization,
    type: projectTypeOfLayer(layer.id),
    geometry: { type: 'Point', coordinates: [choice.site.lon, choice.site.lat] },
    sizeClass: 'small',
    responsibleUnit: choice.responsibleUnit,
    deliverables: capacity && indicator ? [{ indicator, amount: capacity }] : [],
    facility: { layer: layer.id, properties: { name: choice.name, ...(capacity && capacityColumn ? { [capacityColumn]: capacity } : {}) } },
    demandIds: [...choice.demandIds],
  };
}
