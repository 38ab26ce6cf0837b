import { MinHeap } from '../../analysis/min-heap.ts';
import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { SitingCancelled } from '../contract/siting-types.ts';

/**
 * Set covering by greedy selection, then redundancy elimination (a site whose every group is
 * covered twice is dropped). Weights play no part: every group must be covered, whatever it
 * weighs. Without prices the greedy takes the site covering most still-uncovered groups. With
 * Lagrangian prices u (Beasley's and Caprara–Fischetti–Toth's Lagrangian heuristic) it takes
 * the site of least score, γ/μ when γ > 0 and γ·μ otherwise, where μ counts the uncovered groups
 * the site reaches and γ = 1 − their summed prices: sites the relaxation already wants open come
 * first, then the cheapest per group. Both scores only grow as groups get covered, so gains are
 * re-evaluated lazily.
 */
export function solveLscpHeuristic(reduced: ReducedCovering, options: { shouldStop?: () => boolean; price?: Float64Array } = {}): number[] {
  const { candidateStart, candidateGroups, groupStart, groupCandidates, weight } = reduced;
  const n = reduced.candidateOf.length;
  const count = new Int32Array(weight.length);
  const chosen: number[] = [];
  const price = options.price;
  const score = (i: number): number => {
    let reach = 0;
    let reducedCost = 1;
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) {
      const g = candidateGroups[k];
      if (count[g] !== 0) continue;
      reach += 1;
      if (price) reducedCost -= price[g];
    }
    if (reach === 0) return Infinity;
    if (!price) return -reach;
    return reducedCost > 0 ? reducedCost / reach : reducedCost * reach;
  };
  const heap = new MinHeap(n);
  for (let i = 0; i < n; i += 1) heap.push(score(i), i);
  let uncovered = weight.length;
  while (uncovered > 0 && heap.size > 0) {
    if ((chosen.length & 63) === 0 && options.shouldStop?.()) throw new SitingCancelled();
    const i = heap.peekValue();
    heap.pop();
    const fresh = score(i);
    if (fresh === Infinity) continue; // reaches nothing still uncovered
    if (heap.size > 0 && fresh > heap.peekKey()) {
      heap.push(fresh, i);
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
    // Not reachable while every group has a coverer; kept so the result is always a cover.
    for (let g = 0; g < weight.length; g += 1) {
      if (count[g] > 0) continue;
      const i = groupCandidates[groupStart[g]];
      chosen.push(i);
      for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) count[candidateGroups[k]] += 1;
    }
  }
  return dropRedundant(reduced, chosen, count, price);
}

/**
 * Drop sites whose groups all stay covered without them: with prices, the dearest first (the
 * largest Lagrangian reduced cost 1 − Σ u); without, the smallest first.
 */
function dropRedundant(reduced: ReducedCovering, chosen: number[], count: Int32Array, price: Float64Array | undefined): number[] {
  const { candidateStart, candidateGroups } = reduced;
  const order = [...chosen];
  if (price) {
    const cost = new Map<number, number>();
    for (const i of chosen) {
      let reducedCost = 1;
      for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) reducedCost -= price[candidateGroups[k]];
      cost.set(i, reducedCost);
    }
    order.sort((a, b) => cost.get(b)! - cost.get(a)! || a - b);
  } else order.sort((a, b) => candidateStart[a + 1] - candidateStart[a] - (candidateStart[b + 1] - candidateStart[b]) || a - b);
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
