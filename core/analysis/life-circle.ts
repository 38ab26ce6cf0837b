import type { LifeCircle } from '../standards.ts';
import { computeCoverage } from './coverage.ts';
import type { DemandSet } from './demand-set.ts';

/** One facility type of the matrix and the distance it is judged at. */
export interface LifeCircleColumn {
  layer: string;
  radiusM: number;
  lifeCircle: LifeCircle['id'];
}

/** A community (or the district): its population and the covered share per column. */
export interface LifeCircleRow {
  code: string;
  name: string;
  population: number;
  /** Covered share per column, in column order; null when the row has no population. */
  shares: Array<number | null>;
  /** Mean of the shares × 100 (every facility type weighs the same); null without population. */
  score: number | null;
}

export interface LifeCircleMatrix {
  columns: LifeCircleColumn[];
  district: LifeCircleRow;
  communities: LifeCircleRow[];
}

function scoreOf(shares: Array<number | null>): number | null {
  const known = shares.filter((share): share is number => share !== null);
  return known.length ? (100 * known.reduce((sum, share) => sum + share, 0)) / known.length : null;
}

/**
 * The life-circle matrix: for every community and facility type, the share of its population
 * within the type's standard distance, and an overall score. `distances[k]` holds the
 * nearest-facility distances for `columns[k]` (straight-line or network, computed to at
 * least that column's radius). The district row weighs communities by population.
 */
export function computeLifeCircleMatrix(demand: DemandSet, columns: readonly LifeCircleColumn[], distances: readonly Float64Array[]): LifeCircleMatrix {
  if (distances.length !== columns.length) throw new RangeError(`${distances.length} distance arrays for ${columns.length} columns`);
  const summaries = columns.map((column, index) => computeCoverage(demand, distances[index], column.radiusM));
  const communityPopulation = summaries[0]?.communityPopulation ?? new Float64Array(demand.communities.length);
  const totalPopulation = demand.population.reduce((sum, population) => sum + population, 0);
  const districtShares = summaries.map((summary) => (totalPopulation > 0 ? summary.coveredShare : null));
  const communities = demand.communities.map((community, index): LifeCircleRow => {
    const population = communityPopulation[index];
    const shares = summaries.map((summary) => (population > 0 ? summary.communityCovered[index] / population : null));
    return { code: community.code, name: community.name, population, shares, score: scoreOf(shares) };
  });
  return {
    columns: [...columns],
    district: { code: '', name: '', population: totalPopulation, shares: districtShares, score: scoreOf(districtShares) },
    communities,
  };
}
