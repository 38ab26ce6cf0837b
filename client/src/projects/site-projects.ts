import { distance, point } from '@turf/turf';
import type { LayerSummary } from '../../../core/api/responses.ts';
import type { PublicDemand } from '../../../core/demands/demand-contract.ts';
import type { DemandStatus } from '../../../core/demands/demand-states.ts';
import type { DemandOptimization } from '../../../core/demands/demand-types.ts';
import { indicatorOfCapacity } from '../../../core/targets/indicators.ts';
import type { NewProjectBody } from './project-draft.ts';

/**
 * A siting result turned into proposed projects, one per chosen site: the facility of the layer
 * sited (its capacity prefilled), the project's type after the layer (kindergartens →
 * kindergarten), and the residents' demands inside the coverage radius linked to it.
 */

/** Demands a project may answer: taken on by the district (accepted), or already planned by another. */
export const LINKABLE_STATUSES: readonly DemandStatus[] = ['accepted', 'planned'];

/** The project type a layer's new facility is: the layer id in the singular. */
export function projectTypeOfLayer(layerId: string): string {
  return layerId.replace(/s$/, '');
}

/** Demands within `radius` metres of a site (great-circle distance, Turf), linkable ones only. */
export function demandsWithinRadius<T extends Pick<PublicDemand, 'id' | 'lon' | 'lat' | 'status'>>(site: readonly [number, number], radius: number, demands: readonly T[]): T[] {
  const centre = point([site[0], site[1]]);
  return demands.filter((demand) => LINKABLE_STATUSES.includes(demand.status) && distance(centre, point([demand.lon, demand.lat]), { units: 'meters' }) <= radius);
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
