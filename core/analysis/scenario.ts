import { computeCoverage } from './coverage.ts';
import type { DemandSet } from './demand-set.ts';
import type { Facility } from './facility.ts';
import { lowerNearestDistances } from './nearest-distance.ts';
import type { ScenarioCommunity, ScenarioTotals } from './scenario-contract.ts';

/**
 * Coverage with facilities added, from today's nearest distances rather than from scratch.
 * A nearest distance is a minimum over facilities, so adding some can only lower it, and the
 * minimum of today's distance and the added facilities' own is exactly what a full
 * recomputation over all of them gives, in either mode: straight-line distances are compared
 * as they are, and walking ones are sums that grow along each path (Dijkstra from the union of
 * seeds settles each node at the smaller of the two searches' values, bit for bit). So the
 * scenario says what the coverage analysis will say once the projects are built.
 */

/** Today's straight-line distances lowered by the added facilities (a copy). */
export function addFacilitiesStraight(demand: DemandSet, today: Float64Array, added: readonly Facility[], capM: number): Float64Array {
  const distances = Float64Array.from(today);
  for (const facility of added) lowerNearestDistances(demand, facility, capM, distances);
  return distances;
}

/** Cell by cell, the nearer of two sets of facilities (walking: today's and the added ones' own search). */
export function nearerOf(today: Float64Array, added: Float64Array): Float64Array {
  if (today.length !== added.length) throw new RangeError(`distances hold ${today.length} and ${added.length} cells`);
  const distances = new Float64Array(today.length);
  for (let cell = 0; cell < today.length; cell += 1) distances[cell] = Math.min(today[cell], added[cell]);
  return distances;
}

export interface CoverageComparison {
  today: ScenarioTotals;
  withProjects: ScenarioTotals;
  gainedPopulation: number;
  byCommunity: ScenarioCommunity[];
}

/** Totals and per-community coverage before and after, with the same sums the coverage answer uses. */
export function compareCoverage(demand: DemandSet, today: Float64Array, withProjects: Float64Array, radiusM: number): CoverageComparison {
  const before = computeCoverage(demand, today, radiusM);
  const after = computeCoverage(demand, withProjects, radiusM);
  const totals = (summary: typeof before): ScenarioTotals => ({
    totalPopulation: summary.totalPopulation,
    coveredPopulation: summary.coveredPopulation,
    coveredShare: summary.coveredShare,
  });
  return {
    today: totals(before),
    withProjects: totals(after),
    gainedPopulation: after.coveredPopulation - before.coveredPopulation,
    byCommunity: demand.communities.map((community, index) => ({
      code: community.code,
      name: community.name,
      population: before.communityPopulation[index],
      coveredToday: before.communityCovered[index],
      coveredWithProjects: after.communityCovered[index],
      gainedPopulation: after.communityCovered[index] - before.communityCovered[index],
    })),
  };
}
