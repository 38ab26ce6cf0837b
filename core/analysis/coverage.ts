import type { DemandSet } from './demand-set.ts';

/**
 * Population-weighted coverage: a cell is covered when its nearest-facility distance is
 * ≤ the radius. Per-community sums are indexed like `demand.communities`.
 */
export interface CoverageSummary {
  radiusM: number;
  totalPopulation: number;
  coveredPopulation: number;
  /** covered / total, 0 when there is no population at all. */
  coveredShare: number;
  communityPopulation: Float64Array;
  communityCovered: Float64Array;
}

export function computeCoverage(demand: DemandSet, distances: Float64Array, radiusM: number): CoverageSummary {
  if (distances.length !== demand.count) {
    throw new RangeError(`distances hold ${distances.length} cells, the demand ${demand.count}`);
  }
  if (!(radiusM >= 0)) throw new RangeError(`invalid radius ${radiusM}`);
  const communityPopulation = new Float64Array(demand.communities.length);
  const communityCovered = new Float64Array(demand.communities.length);
  let totalPopulation = 0;
  let coveredPopulation = 0;
  for (let cell = 0; cell < demand.count; cell += 1) {
    const population = demand.population[cell];
    const community = demand.community[cell];
    totalPopulation += population;
    communityPopulation[community] += population;
    if (distances[cell] <= radiusM) {
      coveredPopulation += population;
      communityCovered[community] += population;
    }
  }
  return {
    radiusM,
    totalPopulation,
    coveredPopulation,
    coveredShare: totalPopulation > 0 ? coveredPopulation / totalPopulation : 0,
    communityPopulation,
    communityCovered,
  };
}

/** Indexes of the cells not covered at the radius (unreachable ones included). */
export function listUncoveredCells(distances: Float64Array, radiusM: number): number[] {
  const uncovered: number[] = [];
  for (let cell = 0; cell < distances.length; cell += 1) if (!(distances[cell] <= radiusM)) uncovered.push(cell);
  return uncovered;
}
