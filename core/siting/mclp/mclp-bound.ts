import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { selectLargest } from '../common/select-largest.ts';
import { SitingCancelled } from '../contract/siting-types.ts';

export interface MclpBoundResult {
  /** Proven upper bound on the weight of reduced groups p sites can cover. */
  bound: number;
  /** The best p-site set met on the way (the sites the relaxation picked), and its coverage. */
  bestSet: number[];
  bestCovered: number;
  /** Multipliers at the best bound, to warm-start the next p of a curve. */
  multipliers: Float64Array;
}

export interface MclpBoundOptions {
  maxIterations?: number;
  start?: Float64Array;
  shouldStop?: () => boolean;
}

/**
 * Lagrangian bound for maximal covering. Relaxing y_g ≤ Σ_{i covers g} x_i with λ_g ≥ 0 leaves
 * L(λ) = Σ_g max(0, w_g − λ_g) + (sum of the p largest Σ_{g∈N_i} λ_g), an upper bound for every
 * λ ≥ 0. Subgradient steps (Polyak's rule towards the incumbent) lower it; the least value met
 * is reported, so the bound is valid whenever the loop stops.
 */
export function boundMclp(reduced: ReducedCovering, p: number, incumbent: number, options: MclpBoundOptions = {}): MclpBoundResult {
  const { weight, candidateStart, candidateGroups, groupStart, groupCandidates } = reduced;
  const groupCount = weight.length;
  const n = candidateOf(reduced);
  const sites = Math.min(p, n);
  const lambda = options.start ? options.start.slice() : weight.slice();
  const best = { bound: Infinity, multipliers: lambda.slice() };
  let lower = incumbent;
  let bestSet: number[] = [];
  let bestCovered = -1;
  const siteValue = new Float64Array(n);
  const picked = new Uint8Array(n);
  const scratch = new Float64Array(n);
  const stamp = new Int32Array(groupCount);
  const step = new Float64Array(groupCount);
  const maxIterations = options.maxIterations ?? 300;
  const tolerance = 1e-10 * Math.max(1, incumbent);
  let theta = 2;
  let sinceBetter = 0;
  // With whole weights (head counts) the optimum is a whole number: a bound may be rounded down.
  const whole = weight.every(Number.isInteger);
  const settle = (value: number) => (whole ? Math.floor(value + 1e-9 * Math.max(1, value)) : value);
  for (let iteration = 1; iteration <= maxIterations; iteration += 1) {
    if ((iteration & 15) === 0 && options.shouldStop?.()) throw new SitingCancelled();
    let value = 0;
    for (let g = 0; g < groupCount; g += 1) if (weight[g] > lambda[g]) value += weight[g] - lambda[g];
    for (let i = 0; i < n; i += 1) {
      let sum = 0;
      for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) sum += lambda[candidateGroups[k]];
      siteValue[i] = sum;
    }
    value = settle(value + selectLargest(siteValue, sites, picked, scratch));
    if (value < best.bound) {
      best.bound = value;
      best.multipliers.set(lambda);
      sinceBetter = 0;
    } else if ((sinceBetter += 1) >= 15) {
      theta /= 2;
      sinceBetter = 0;
    }
    // The relaxation's sites are a feasible choice: keep the best as a starting point.
    const covered = coverageOf(reduced, picked, stamp, iteration);
    if (covered > bestCovered) {
      bestCovered = covered;
      bestSet = listPicked(picked);
      lower = Math.max(lower, covered);
    }
    if (best.bound - lower <= tolerance || theta < 1e-4) break;
    // Subgradient of L at λ: (Σ_{i∈N_g} x_i) − y_g, with y_g chosen to cancel it where the
    // y-term is flat (λ_g = w_g).
    let norm = 0;
    for (let g = 0; g < groupCount; g += 1) {
      let open = 0;
      for (let k = groupStart[g]; k < groupStart[g + 1]; k += 1) open += picked[groupCandidates[k]];
      const y = weight[g] > lambda[g] ? 1 : weight[g] < lambda[g] ? 0 : Math.min(1, open);
      step[g] = y - open;
      norm += step[g] * step[g];
    }
    if (norm === 0) break;
    const length = (theta * (value - lower)) / norm;
    for (let g = 0; g < groupCount; g += 1) lambda[g] = Math.max(0, lambda[g] + length * step[g]);
  }
  return { bound: Math.max(best.bound, lower), bestSet, bestCovered: Math.max(0, bestCovered), multipliers: best.multipliers };
}

function candidateOf(reduced: ReducedCovering): number {
  return reduced.candidateOf.length;
}

function listPicked(picked: Uint8Array): number[] {
  const list: number[] = [];
  picked.forEach((flag, i) => {
    if (flag) list.push(i);
  });
  return list;
}

function coverageOf(reduced: ReducedCovering, picked: Uint8Array, stamp: Int32Array, mark: number): number {
  const { weight, candidateStart, candidateGroups } = reduced;
  let total = 0;
  for (let i = 0; i < picked.length; i += 1) {
    if (!picked[i]) continue;
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) {
      const g = candidateGroups[k];
      if (stamp[g] !== mark) {
        stamp[g] = mark;
        total += weight[g];
      }
    }
  }
  return total;
}
