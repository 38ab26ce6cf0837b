import { MinHeap } from '../../analysis/min-heap.ts';
import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { createSeededRandom } from '../../seeded-random.ts';
import { SitingCancelled } from '../contract/siting-types.ts';

export interface MclpHeuristicResult {
  /** Reduced candidate indices. */
  chosen: number[];
  /** Weight of the reduced groups covered (the constant weight not included). */
  covered: number;
}

export interface StopOption {
  shouldStop?: () => boolean;
}

/**
 * Maximal covering by greedy selection (lazy gains: a gain never grows as sites are added, so a
 * stale heap key is an upper bound and only the top needs re-evaluating), then site swaps until
 * no single swap covers more.
 */
export function solveMclpHeuristic(reduced: ReducedCovering, p: number, options: StopOption = {}, start?: readonly number[]): MclpHeuristicResult {
  const state = new CoverState(reduced);
  const target = Math.min(p, reduced.candidateOf.length);
  if (start) for (const i of start.slice(0, target)) state.add(i);
  greedyFill(state, target, options);
  improveBySwaps(state, options);
  return { chosen: [...state.chosen], covered: state.coveredWeight() };
}

/**
 * Iterated local search: kick a third of the sites out for random others, swap back to a local
 * optimum, keep the result when it covers more. Swaps alone stall on instances where sites
 * overlap heavily; a few kicks usually get past that. The number of rounds follows a work
 * budget (about two million list entries visited), so large instances get few and small ones
 * many; the seed makes every run the same.
 */
export function improveByRestarts(reduced: ReducedCovering, incumbent: MclpHeuristicResult, options: StopOption = {}): MclpHeuristicResult {
  const n = reduced.candidateOf.length;
  const p = incumbent.chosen.length;
  if (p === 0 || p >= n) return incumbent;
  const work = reduced.candidateGroups.length + n * p;
  const rounds = Math.max(4, Math.min(40, Math.floor(2_000_000 / work)));
  const random = createSeededRandom(0x5eed + n * 31 + p);
  let best = incumbent;
  for (let round = 0; round < rounds; round += 1) {
    const state = new CoverState(reduced);
    const kept = [...best.chosen];
    const kicks = Math.max(1, Math.ceil(p / 3));
    for (let k = 0; k < kicks; k += 1) kept.splice(Math.floor(random() * kept.length), 1);
    for (const site of kept) state.add(site);
    while (state.chosen.length < p) {
      const site = Math.floor(random() * n);
      if (!state.isChosen[site] && !best.chosen.includes(site)) state.add(site);
    }
    improveBySwaps(state, options);
    const covered = state.coveredWeight();
    if (covered > best.covered) best = { chosen: [...state.chosen], covered };
  }
  return best;
}

/** Which groups the chosen sites cover, with enough bookkeeping to price a swap in O(|N_a|). */
export class CoverState {
  readonly chosen: number[] = [];
  readonly isChosen: Uint8Array;
  /** Chosen sites covering each group, and the sum of their indices (= the site when only one). */
  readonly count: Int32Array;
  readonly indexSum: Float64Array;
  /** Per chosen site: weight only it covers (what removing it alone would lose). */
  readonly loss: Float64Array;

  constructor(readonly reduced: ReducedCovering) {
    this.isChosen = new Uint8Array(reduced.candidateOf.length);
    this.count = new Int32Array(reduced.weight.length);
    this.indexSum = new Float64Array(reduced.weight.length);
    this.loss = new Float64Array(reduced.candidateOf.length);
  }

  /** Weight site i would add now. */
  gain(i: number): number {
    const { candidateStart, candidateGroups, weight } = this.reduced;
    let total = 0;
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) {
      const g = candidateGroups[k];
      if (this.count[g] === 0) total += weight[g];
    }
    return total;
  }

  add(i: number): void {
    const { candidateStart, candidateGroups, weight } = this.reduced;
    this.chosen.push(i);
    this.isChosen[i] = 1;
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) {
      const g = candidateGroups[k];
      if (this.count[g] === 0) this.loss[i] += weight[g];
      else if (this.count[g] === 1) this.loss[this.indexSum[g]] -= weight[g];
      this.count[g] += 1;
      this.indexSum[g] += i;
    }
  }

  remove(i: number): void {
    const { candidateStart, candidateGroups, weight } = this.reduced;
    this.chosen.splice(this.chosen.indexOf(i), 1);
    this.isChosen[i] = 0;
    this.loss[i] = 0;
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) {
      const g = candidateGroups[k];
      this.count[g] -= 1;
      this.indexSum[g] -= i;
      if (this.count[g] === 1) this.loss[this.indexSum[g]] += weight[g];
    }
  }

  coveredWeight(): number {
    let total = 0;
    this.count.forEach((count, g) => {
      if (count > 0) total += this.reduced.weight[g];
    });
    return total;
  }

  /** Recompute the losses from scratch, so that rounding from many updates never piles up. */
  refreshLosses(): void {
    const { weight } = this.reduced;
    for (const i of this.chosen) this.loss[i] = 0;
    this.count.forEach((count, g) => {
      if (count === 1) this.loss[this.indexSum[g]] += weight[g];
    });
  }
}

function greedyFill(state: CoverState, target: number, options: StopOption): void {
  const n = state.reduced.candidateOf.length;
  const heap = new MinHeap(n);
  for (let i = 0; i < n; i += 1) if (!state.isChosen[i]) heap.push(-state.gain(i), i);
  while (state.chosen.length < target && heap.size > 0) {
    if (options.shouldStop?.()) throw new SitingCancelled();
    const i = heap.peekValue();
    heap.pop();
    const fresh = state.gain(i);
    if (heap.size === 0 || fresh >= -heap.peekKey()) state.add(i);
    else heap.push(-fresh, i);
  }
}

/**
 * First-improvement swaps. For a site a outside the solution, adding it while dropping r gains
 * (weight only a would cover) + (weight covered solely by r that a also covers) − loss(r); the
 * middle term is gathered per r while scanning a's groups, so every swap of a is priced at once.
 */
function improveBySwaps(state: CoverState, options: StopOption): void {
  const { reduced } = state;
  const n = reduced.candidateOf.length;
  if (state.chosen.length === 0 || state.chosen.length === n) return;
  const { candidateStart, candidateGroups, weight } = reduced;
  const tolerance = 1e-10 * Math.max(1, totalOf(weight));
  const extra = new Float64Array(n);
  const touched: number[] = [];
  let sinceImprovement = 0;
  let a = 0;
  let minLossSite = lowestLoss(state);
  while (sinceImprovement < n) {
    if ((a & 255) === 0 && options.shouldStop?.()) throw new SitingCancelled();
    if (!state.isChosen[a]) {
      let fresh = 0;
      for (let k = candidateStart[a]; k < candidateStart[a + 1]; k += 1) {
        const g = candidateGroups[k];
        if (state.count[g] === 0) fresh += weight[g];
        else if (state.count[g] === 1) {
          const r = state.indexSum[g];
          if (extra[r] === 0) touched.push(r);
          extra[r] += weight[g];
        }
      }
      // Untouched sites only lose their own weight: the cheapest of them is the lowest loss overall.
      let bestSite = minLossSite;
      let bestChange = fresh - state.loss[minLossSite];
      for (const r of touched) {
        const change = fresh + extra[r] - state.loss[r];
        if (change > bestChange) {
          bestChange = change;
          bestSite = r;
        }
        extra[r] = 0;
      }
      touched.length = 0;
      if (bestChange > tolerance) {
        state.remove(bestSite);
        state.add(a);
        state.refreshLosses();
        minLossSite = lowestLoss(state);
        sinceImprovement = 0;
      }
    }
    sinceImprovement += 1;
    a = a + 1 === n ? 0 : a + 1;
  }
}

function lowestLoss(state: CoverState): number {
  let best = state.chosen[0];
  for (const i of state.chosen) if (state.loss[i] < state.loss[best]) best = i;
  return best;
}

export function totalOf(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
