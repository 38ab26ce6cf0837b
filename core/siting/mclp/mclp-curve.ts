import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { readOpenSites } from '../covering/read-open-sites.ts';
import { buildMclpMip, countMclpNonzeros, mclpStart } from './mclp-mip.ts';
import { boundMclp } from './mclp-bound.ts';
import { CoverState, solveMclpHeuristic } from './mclp-heuristic.ts';
import { gapIsClosed, type SitingRun } from '../pipeline/siting-run.ts';
import type { MipSolver, SitingCurvePoint } from '../contract/siting-types.ts';

/** Instances up to this many MIP nonzeros get every curve point solved exactly (when the main
 * solve was exact): San Francisco's 16 × 205 has about 1,000; each point then takes milliseconds. */
export const CURVE_EXACT_NONZEROS = 20_000;

export interface CurveSettings {
  /** Given only when the main answer came from the exact solver. */
  solver?: MipSolver;
  timeLimitS: number;
  /** Progress fraction at which the curve starts (it ends at 1). */
  from: number;
}

/**
 * Coverage with 1…upTo new sites. Each point starts from the previous point's sites (so the
 * curve never drops), adds one greedily and swaps; its bound is the Lagrangian one, warm-started
 * from the previous multipliers. A point is optimal only when its bound closes the gap or the
 * exact solver proves it. Bounds are then made monotone: what k sites can cover, k + 1 can too,
 * so the bound of k + 1 also bounds k.
 */
export function computeMclpCurve(
  reduced: ReducedCovering,
  upTo: number,
  main: { p: number; covered: number; bound: number; proven: boolean; chosen: number[] },
  run: SitingRun,
  settings: CurveSettings,
): SitingCurvePoint[] {
  const constant = reduced.constantWeight;
  const exactSolver = settings.solver && countMclpNonzeros(reduced) <= CURVE_EXACT_NONZEROS ? settings.solver : undefined;
  const points: Array<{ covered: number; bound: number; proven: boolean }> = [];
  let previous: number[] = [];
  let multipliers: Float64Array | undefined;
  for (let k = 1; k <= upTo; k += 1) {
    run.report('curve', settings.from + ((1 - settings.from) * (k - 1)) / upTo);
    if (k === main.p) {
      points.push({ covered: main.covered, bound: main.bound, proven: main.proven });
      previous = main.chosen;
      continue;
    }
    const start = previous.length < k ? previous : [];
    let best = solveMclpHeuristic(reduced, k, { shouldStop: run.shouldStop }, start);
    const relaxation = boundMclp(reduced, k, best.covered, { shouldStop: run.shouldStop, start: multipliers, maxIterations: multipliers ? 60 : 150 });
    multipliers = relaxation.multipliers;
    let bound = relaxation.bound;
    let proven = gapIsClosed(constant + best.covered, constant + bound);
    if (!proven && exactSolver) {
      const result = exactSolver.solve(buildMclpMip(reduced, k), { timeLimitS: Math.max(0.5, settings.timeLimitS / upTo), start: mclpStart(reduced, best.chosen), shouldStop: run.shouldStop });
      run.checkStop();
      if (result.values) {
        const state = new CoverState(reduced);
        const sites = readOpenSites(result.values, reduced.candidateOf.length);
        for (const site of sites) state.add(site);
        if (state.coveredWeight() > best.covered) best = { chosen: sites, covered: state.coveredWeight() };
      }
      if (result.bound !== undefined) bound = Math.min(bound, result.bound - constant);
      proven = result.status === 'optimal';
    }
    points.push({ covered: best.covered, bound: Math.max(bound, best.covered), proven });
    previous = best.chosen;
  }
  for (let k = points.length - 2; k >= 0; k -= 1) points[k].bound = Math.min(points[k].bound, points[k + 1].bound);
  return points.map((point, index) => {
    const coveredWeight = constant + point.covered;
    const closed = point.proven || gapIsClosed(coveredWeight, constant + point.bound);
    return { p: index + 1, coveredWeight, upperBound: closed ? coveredWeight : Math.max(coveredWeight, constant + point.bound), status: closed ? 'optimal' : 'feasible' };
  });
}
