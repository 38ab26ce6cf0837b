import type { SitingInstance } from '../contract/siting-types.ts';
import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { sortByGain } from '../common/sort-by-gain.ts';
import { buildAssignment, pairFlows } from './capacitated-assignment.ts';

export interface CapacitatedOutcome {
  /** The chosen sites in the caller's indices, by marginal gain, with their gains. */
  chosen: number[];
  marginalGain: number[];
  coveredWeight: number;
  uncoveredDemands: number[];
}

/** Weight the best assignment serves with these new sites and the fixed ones open. */
export function measureServed(reduced: ReducedCovering, sites: readonly number[]): number {
  return buildAssignment(reduced, withFixedSites(reduced, sites)).network.total;
}

function withFixedSites(reduced: ReducedCovering, sites: readonly number[]): number[] {
  const open = [...sites];
  reduced.fixed.forEach((fixed, i) => {
    if (fixed) open.push(i);
  });
  return open;
}

/** Coverage, gains and uncovered demands of the chosen new sites, in the caller's indices. */
export function describeCapacitatedOutcome(instance: SitingInstance, reduced: ReducedCovering, chosen: readonly number[]): CapacitatedOutcome {
  const open = withFixedSites(reduced, chosen);
  const assignment = buildAssignment(reduced, open);
  const served = assignment.network.total;
  const flows = pairFlows(reduced, assignment);
  const groupServed = new Float64Array(reduced.weight.length);
  flows.forEach((flow, k) => (groupServed[reduced.candidateGroups[k]] += flow));
  // A site's gain: what the best assignment loses without it.
  const gains = chosen.map((site) => served - measureServed(reduced, chosen.filter((other) => other !== site)));
  const sorted = sortByGain(
    chosen.map((site) => reduced.candidateOf[site]),
    gains,
  );
  const { start, demand } = instance.cover!;
  const inReach = new Uint8Array(instance.demandIds.length);
  for (const site of open) {
    const i = reduced.candidateOf[site];
    for (let k = start[i]; k < start[i + 1]; k += 1) inReach[demand[k]] = 1;
  }
  const uncoveredDemands: number[] = [];
  instance.demandIds.forEach((_, j) => {
    if (instance.preCovered?.[j]) return;
    const group = reduced.groupOfDemand[j];
    const full = group >= 0 ? groupServed[group] >= reduced.weight[group] * (1 - 1e-9) : inReach[j] === 1;
    if (!full) uncoveredDemands.push(j);
  });
  return { chosen: sorted.chosen, marginalGain: sorted.marginalGain, coveredWeight: reduced.constantWeight + served, uncoveredDemands };
}
