import type { ReducedCovering } from './covering-instance.ts';
import { SitingCancelled } from './siting-types.ts';

export interface LscpBoundResult {
  /** Proven lower bound on the number of sites (an integer, ≥ 1 when anything is to be covered). */
  bound: number;
  /** Multipliers at the best bound (group prices, for a priced greedy restart). */
  prices: Float64Array;
}

/**
 * Lagrangian bound for set covering. Relaxing Σ_{i∈N_g} x_i ≥ 1 with u_g ≥ 0 gives
 * L(u) = Σ_g u_g + Σ_i min(0, 1 − Σ_{g∈N_i} u_g) ≤ optimum for every u ≥ 0. The start
 * u_g = min over its coverers of 1/|N_i| is dual feasible (no site is over-priced), so L starts
 * at a packing bound; subgradient steps raise it. The site count is an integer, so the bound is
 * rounded up (with a small allowance for rounding error).
 */
export interface LscpBoundOptions {
  maxIterations?: number;
  shouldStop?: () => boolean;
  /** Called with the current prices every so often (a primal heuristic); returns the size of the
   * best cover known since, which sharpens the step and may end the loop early. */
  onPrices?: (prices: Float64Array) => number;
}

export function boundLscp(reduced: ReducedCovering, start: number, options: LscpBoundOptions = {}): LscpBoundResult {
  let incumbent = start;
  const { candidateStart, candidateGroups, groupStart, groupCandidates } = reduced;
  const groupCount = reduced.weight.length;
  const n = reduced.candidateOf.length;
  if (groupCount === 0) return { bound: 0, prices: new Float64Array(0) };
  const u = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g += 1) {
    let price = 1;
    for (let k = groupStart[g]; k < groupStart[g + 1]; k += 1) {
      const i = groupCandidates[k];
      price = Math.min(price, 1 / (candidateStart[i + 1] - candidateStart[i]));
    }
    u[g] = price;
  }
  const open = new Uint8Array(n);
  const step = new Float64Array(groupCount);
  let best = 0;
  const prices = u.slice();
  let theta = 2;
  let sinceBetter = 0;
  const maxIterations = options.maxIterations ?? 300;
  for (let iteration = 1; iteration <= maxIterations; iteration += 1) {
    if ((iteration & 15) === 0 && options.shouldStop?.()) throw new SitingCancelled();
    let value = 0;
    for (let g = 0; g < groupCount; g += 1) value += u[g];
    for (let i = 0; i < n; i += 1) {
      let reducedCost = 1;
      for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) reducedCost -= u[candidateGroups[k]];
      open[i] = reducedCost < 0 ? 1 : 0;
      if (reducedCost < 0) value += reducedCost;
    }
    if (value > best) {
      best = value;
      prices.set(u);
      sinceBetter = 0;
    } else if ((sinceBetter += 1) >= 15) {
      theta /= 2;
      sinceBetter = 0;
    }
    if (options.onPrices && iteration % 25 === 0) incumbent = Math.min(incumbent, options.onPrices(u));
    if (roundUp(best) >= incumbent || theta < 1e-4) break;
    let norm = 0;
    for (let g = 0; g < groupCount; g += 1) {
      let covered = 0;
      for (let k = groupStart[g]; k < groupStart[g + 1]; k += 1) covered += open[groupCandidates[k]];
      // A group already over-covered with u_g = 0 cannot move down: leave it out of the step.
      step[g] = covered === 0 ? 1 : u[g] > 0 || covered < 1 ? 1 - covered : 0;
      norm += step[g] * step[g];
    }
    if (norm === 0) break;
    // Polyak's step towards the incumbent (an upper bound); at least half a site, so the steps
    // do not stall when the bound is already close to an optimal incumbent.
    const length = (theta * Math.max(0.5, incumbent - value)) / norm;
    for (let g = 0; g < groupCount; g += 1) u[g] = Math.max(0, u[g] + length * step[g]);
  }
  return { bound: Math.max(1, roundUp(best)), prices };
}

/** The smallest integer ≥ value, forgiving a relative error of 1e-9 from summing prices. */
function roundUp(value: number): number {
  return Math.ceil(value - 1e-9 * Math.max(1, Math.abs(value)));
}
