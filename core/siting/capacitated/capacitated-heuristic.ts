import { buildAssignment, openSite, priceOpening, SINK, SOURCE, unservedByGroup, type AssignmentNetwork } from './capacitated-assignment.ts';
import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { SitingCancelled } from '../contract/siting-types.ts';

export interface CapacitatedHeuristicResult {
  /** New sites (reduced indices; fixed sites are open anyway and not listed). */
  chosen: number[];
  /** Weight served by the fixed and chosen sites under the best assignment (a maximum flow). */
  served: number;
}

/**
 * Capacitated maximal covering: greedy selection, then one-for-one swaps until none serves more.
 * Candidates are ranked by a capacity-limited estimate, min(capacity, unserved weight in reach),
 * which serving that weight directly already achieves; the best few are then priced exactly by
 * continuing the maximum flow with them open (re-routing can add more). Every reported value is
 * a maximum flow of the chosen set, so it is achievable.
 */
export function solveCapacitatedHeuristic(reduced: ReducedCovering, p: number, options: { shouldStop?: () => boolean } = {}): CapacitatedHeuristicResult {
  const n = reduced.candidateOf.length;
  const free: number[] = [];
  const fixedSites: number[] = [];
  for (let i = 0; i < n; i += 1) (reduced.fixed[i] ? fixedSites : free).push(i);
  const target = Math.min(p, free.length);
  // Small instances are priced exhaustively; large ones only at their most promising sites.
  const shortlist = free.length <= 64 ? free.length : 12;
  const tolerance = 1e-10 * Math.max(1, reduced.weight.reduce((sum, value) => sum + value, 0));
  const stop = () => {
    if (options.shouldStop?.()) throw new SitingCancelled();
  };

  const chosen: number[] = [];
  const isOpen = new Uint8Array(n);
  for (const i of fixedSites) isOpen[i] = 1;
  const assignment = buildAssignment(reduced, fixedSites);
  while (chosen.length < target) {
    stop();
    const ranked = rankByEstimate(reduced, assignment, isOpen, free).slice(0, shortlist);
    let best = ranked[0];
    let bestGain = -1;
    for (const a of ranked) {
      const gain = priceOpening(reduced, assignment, a);
      if (gain > bestGain + tolerance) {
        bestGain = gain;
        best = a;
      }
    }
    chosen.push(best);
    isOpen[best] = 1;
    openSite(reduced, assignment, best);
    assignment.network.maximize(SOURCE, SINK);
  }

  let served = assignment.network.total;
  for (let round = 0; round < 50 && chosen.length > 0 && chosen.length < free.length; round += 1) {
    let improved = false;
    for (let slot = 0; slot < chosen.length && !improved; slot += 1) {
      stop();
      const removed = chosen[slot];
      const others = [...fixedSites, ...chosen.filter((i) => i !== removed)];
      const without = buildAssignment(reduced, others);
      isOpen[removed] = 0;
      for (const a of rankByEstimate(reduced, without, isOpen, free).slice(0, shortlist)) {
        if (a === removed) continue;
        const value = without.network.total + priceOpening(reduced, without, a);
        if (value > served + tolerance) {
          chosen[slot] = a;
          isOpen[a] = 1;
          served = value;
          improved = true;
          break;
        }
      }
      if (!improved) isOpen[removed] = 1;
    }
    if (!improved) break;
  }
  // The value reported is that of a fresh flow on the final set, not of the pricing arithmetic.
  served = buildAssignment(reduced, [...fixedSites, ...chosen]).network.total;
  return { chosen, served };
}

/** Closed sites, best estimated gain first (ties: larger reach, then lower index). */
function rankByEstimate(reduced: ReducedCovering, assignment: AssignmentNetwork, isOpen: Uint8Array, free: readonly number[]): number[] {
  const unserved = unservedByGroup(reduced, assignment);
  const estimate = new Map<number, number>();
  const reach = new Map<number, number>();
  for (const i of free) {
    if (isOpen[i]) continue;
    let open = 0;
    let all = 0;
    for (let k = reduced.candidateStart[i]; k < reduced.candidateStart[i + 1]; k += 1) {
      open += unserved[reduced.candidateGroups[k]];
      all += reduced.weight[reduced.candidateGroups[k]];
    }
    estimate.set(i, Math.min(reduced.capacity![i], open));
    reach.set(i, Math.min(reduced.capacity![i], all));
  }
  return [...estimate.keys()].sort((a, b) => estimate.get(b)! - estimate.get(a)! || reach.get(b)! - reach.get(a)! || a - b);
}
