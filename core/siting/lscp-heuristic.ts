import { MinHeap } from '../analysis/min-heap.ts';
import type { ReducedCovering } from './covering-instance.ts';
import { SitingCancelled } from './siting-types.ts';

/**
 * Set covering by greedy selection (the site covering most still-uncovered groups; lazy gains),
 * then redundancy elimination: a site whose every group is covered twice is dropped. Weights
 * play no part: every group must be covered, whatever it weighs. Optional per-site priorities
 * (Lagrangian reduced costs) break the greedy's ties differently, for restarts.
 */
export function solveLscpHeuristic(reduced: ReducedCovering, options: { shouldStop?: () => boolean; price?: Float64Array } = {}): number[] {
  const { candidateStart, candidateGroups, groupStart, groupCandidates, weight } = reduced;
  const n = reduced.candidateOf.length;
  const count = new Int32Array(weight.length);
  const chosen: number[] = [];
  const price = options.price;
  // Score: uncovered groups reached (or, with prices, their summed price), per site.
  const score = (i: number): number => {
    let total = 0;
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) {
      const g = candidateGroups[k];
      if (count[g] === 0) total += price ? price[g] : 1;
    }
    return total;
  };
  const heap = new MinHeap(n);
  for (let i = 0; i < n; i += 1) heap.push(-score(i), i);
  let uncovered = weight.length;
  while (uncovered > 0 && heap.size > 0) {
    if (options.shouldStop?.()) throw new SitingCancelled();
    const i = heap.peekValue();
    heap.pop();
    const fresh = score(i);
    if (heap.size > 0 && fresh < -heap.peekKey()) {
      heap.push(-fresh, i);
      continue;
    }
    chosen.push(i);
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) {
      const g = candidateGroups[k];
      if (count[g] === 0) uncovered -= 1;
      count[g] += 1;
    }
  }
  if (uncovered > 0) {
    // Only reachable when a zero price hid a group: finish with any coverer.
    for (let g = 0; g < weight.length; g += 1) {
      if (count[g] > 0) continue;
      const i = groupCandidates[groupStart[g]];
      chosen.push(i);
      for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) count[candidateGroups[k]] += 1;
    }
  }
  return dropRedundant(reduced, chosen, count);
}

/** Drop sites, smallest first, whose groups all stay covered without them. */
function dropRedundant(reduced: ReducedCovering, chosen: number[], count: Int32Array): number[] {
  const { candidateStart, candidateGroups } = reduced;
  const order = [...chosen].sort((a, b) => candidateStart[a + 1] - candidateStart[a] - (candidateStart[b + 1] - candidateStart[b]) || a - b);
  const kept = new Set(chosen);
  for (const i of order) {
    let needed = false;
    for (let k = candidateStart[i]; k < candidateStart[i + 1] && !needed; k += 1) needed = count[candidateGroups[k]] < 2;
    if (needed) continue;
    kept.delete(i);
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) count[candidateGroups[k]] -= 1;
  }
  return chosen.filter((i) => kept.has(i));
}
