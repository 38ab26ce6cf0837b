// Where demo demands are raised: people ask for what they lack, so a type with a facility layer
// draws its places from the population weighted by how poorly that layer covers each cell
// (nearest facility beyond the standard radius, by the same core analysis the map's coverage
// uses); a type without one follows the population alone.
import { createDemandSet, type DemandSet } from '../../core/analysis/demand-set.ts';
import { createFacility, type FacilityGeometry } from '../../core/analysis/facility.ts';
import { computeNearestDistances } from '../../core/analysis/nearest-distance.ts';
import { findServiceStandard } from '../../core/standards.ts';
import type { DemoFeature, LayerId } from './types.ts';
import type { PopulationCell } from './population.ts';
import type { Rng } from './random.ts';
import { createWeightedSampler } from './facility-placement.ts';

/** The facility layer whose absence a demand type complains about (types not listed have none). */
export const DEMAND_FACILITY_LAYERS: Readonly<Record<string, LayerId>> = {
  bus_shelter: 'smart_bus_shelters',
  bus_stop: 'bus_bay_stops',
  parking: 'parking_lots',
  kindergarten: 'kindergartens',
  primary_school: 'primary_schools',
  middle_school: 'middle_schools',
  elderly_care: 'elderly_centres',
  canteen: 'elderly_centres',
  health_station: 'health_stations',
  fresh_market: 'fresh_markets',
  park: 'sports_parks',
  sports: 'sports_parks',
  greening: 'slope_greening',
};

/**
 * A covered cell still raises some demands (a full kindergarten, a worn-out shelter): its weight
 * is this share of an uncovered cell's.
 */
export const COVERED_CELL_WEIGHT = 0.1;

/** The population grid as the core analysis reads it, communities indexed in code order. */
export function toDemandSet(cells: readonly PopulationCell[]): DemandSet {
  const codes = [...new Set(cells.map((cell) => cell.communityCode))].sort();
  const indexOf = new Map(codes.map((code, index) => [code, index]));
  return createDemandSet(
    {
      lon: cells.map((cell) => cell.centre[0]),
      lat: cells.map((cell) => cell.centre[1]),
      population: cells.map((cell) => cell.population),
      community: cells.map((cell) => indexOf.get(cell.communityCode)!),
    },
    codes.map((code) => ({ code, name: code })),
  );
}

/** Per cell: is the layer's nearest facility within its standard radius? */
export function computeCellCoverage(demand: DemandSet, features: readonly DemoFeature[], layer: LayerId): Uint8Array {
  const standard = findServiceStandard(layer);
  if (!standard) throw new Error(`no service standard for ${layer}: a demand type cannot be weighted by its coverage`);
  const facilities = features.map((feature) => createFacility(feature.geometry as FacilityGeometry));
  const distances = computeNearestDistances(demand, facilities, standard.radiusM);
  return Uint8Array.from(distances, (distance) => (distance <= standard.radiusM ? 1 : 0));
}

export type CellSampler = (rng: Rng) => PopulationCell;

/** One sampler per demand type; types that share a layer share its coverage. */
export function createDemandCellSamplers(
  cells: readonly PopulationCell[],
  layers: Readonly<Record<LayerId, DemoFeature[]>>,
  typeIds: readonly string[],
): Map<string, CellSampler> {
  const demand = toDemandSet(cells);
  const coverageByLayer = new Map<LayerId, Uint8Array>();
  const byPopulation = createWeightedSampler(cells, (cell) => cell.population)!;
  const samplers = new Map<string, CellSampler>();
  for (const typeId of typeIds) {
    const layer = DEMAND_FACILITY_LAYERS[typeId];
    if (!layer) {
      samplers.set(typeId, byPopulation);
      continue;
    }
    if (!coverageByLayer.has(layer)) coverageByLayer.set(layer, computeCellCoverage(demand, layers[layer], layer));
    const covered = coverageByLayer.get(layer)!;
    const indexed = cells.map((cell, index) => ({ cell, index }));
    const sample = createWeightedSampler(indexed, ({ cell, index }) => cell.population * (covered[index] ? COVERED_CELL_WEIGHT : 1));
    samplers.set(typeId, sample ? (rng) => sample(rng).cell : byPopulation);
  }
  return samplers;
}
