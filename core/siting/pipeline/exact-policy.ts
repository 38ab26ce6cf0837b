import { formatCount } from '../common/format-count.ts';
import type { SitingRun } from './siting-run.ts';
import type { MipModel, MipRun, MipSolver, SitingMethodChoice } from '../contract/siting-types.ts';

/**
 * Largest MIP (matrix nonzeros) that `auto` hands to the exact solver once the heuristic's gap
 * is open; `exact` tries whatever the size. Measured with HiGHS 1.15 (WebAssembly, one core) on
 * random city-like instances (each demand within reach of ~7.5 candidates):
 * - mclp: 500 × 1,500 (9,500 nonzeros after the reduction) proved in 1 s, 2,000 × 6,000
 *   (40,000) in 3.5 s, 6,500 × 19,000 (137,000) in 8 s at p = 10 and 17 s at p = 200;
 *   San Francisco (16 × 205, ~400) in milliseconds. Up to 150,000 the default 30 s limit
 *   usually suffices.
 * - lscp: much harder for the solver. 7,900 nonzeros proved in 5 s; at 16,000 and 33,000 it
 *   does not prove within 60 s (it improved the first, plain greedy heuristic's cover by 10–15 %;
 *   the heuristic now rebuilds neighbourhoods and gains 5–8 % of that itself); at 137,000 the
 *   root LP alone takes 19 s and nothing improves within 60 s.
 * - capacitated mclp: the LP relaxation takes 1.2 s at 23,000 nonzeros, 3.8 s at 35,000 and
 *   7–23 s at 73,000; the MIP is no faster.
 * - pmedian (the p-median module's MIP): San Francisco (16 × 205) in a few hundred ms; random
 *   50 × 300 (45,000 nonzeros) proved in 2.3 s, 100 × 800 (240,000) in 12 s.
 */
export const AUTO_EXACT_NONZEROS = {
  mclp: 150_000,
  lscp: 40_000,
  capacitated: 25_000,
  pmedian: 250_000,
} as const;

/** Whether to run the MIP, with the reason recorded when the choice is not the obvious one. */
export function decideExact(method: SitingMethodChoice, nonzeros: number, limit: number, solver: MipSolver | undefined, notes: string[]): boolean {
  if (method === 'heuristic') return false;
  if (!solver) {
    if (method === 'exact') notes.push('no MIP solver is available here: the heuristic answer and its bound are reported');
    return false;
  }
  if (method === 'auto' && nonzeros > limit) {
    notes.push(`the exact model would have ${formatCount(nonzeros)} nonzeros (auto tries up to ${formatCount(limit)}): heuristic answer with its bound`);
    return false;
  }
  return true;
}

/** Runs the MIP with progress and cancellation wired in (a stop ends the run early, it does not throw). */
export function runMip(solver: MipSolver, model: MipModel, run: SitingRun, timeLimitS: number, start: Float64Array | undefined, from: number, to: number): MipRun {
  run.report('exact', from);
  const remainingS = run.remainingS(timeLimitS);
  // A stop during the run is the caller's to handle: the solver's answer so far may be kept.
  return solver.solve(model, { timeLimitS: remainingS, start, shouldStop: run.shouldStop, onProgress: run.mipProgress(from, to, remainingS) });
}

/** A short account of how the MIP ended, for the notes. */
export function describeMipRun(result: MipRun, timeLimitS: number): string {
  switch (result.status) {
    case 'optimal':
      return 'exact solver proved optimality';
    case 'time_limit':
      return `exact solver stopped at the ${timeLimitS} s time limit with its best solution and bound`;
    case 'interrupted':
      return 'exact solver was interrupted';
    case 'infeasible':
      return 'exact solver found the model infeasible';
    default:
      return 'exact solver failed: the heuristic answer is reported';
  }
}
