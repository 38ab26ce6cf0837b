import type { MipSolver, SitingCurvePoint } from '../contract/siting-types.ts';
import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { gapIsClosed, type SitingRun } from '../pipeline/siting-run.ts';
import { boundCapacitatedByRelaxation } from './capacitated-bound.ts';
import { solveCapacitatedHeuristic } from './capacitated-heuristic.ts';

/** Curve points get an LP bound each only on models this small (about 0.3 s per LP). */
const CURVE_LP_NONZEROS = 5_000;

/** Coverage with 1…upTo new sites: the heuristic per point with the same kind of bound. */
export function computeCapacitatedCurve(
  reduced: ReducedCovering,
  upTo: number,
  main: { p: number; served: number; bound: number; proven: boolean },
  run: SitingRun,
  solver: MipSolver | undefined,
  nonzeros: number,
  timeLimitS: number,
): SitingCurvePoint[] {
  const points: Array<{ served: number; bound: number; proven: boolean }> = [];
  for (let k = 1; k <= upTo; k += 1) {
    run.report('curve', 0.75 + (0.25 * (k - 1)) / upTo);
    if (k === main.p) {
      points.push(main);
      continue;
    }
    const result = solveCapacitatedHeuristic(reduced, k, { shouldStop: run.shouldStop });
    const bound = Math.max(result.served, boundCapacitatedByRelaxation(reduced, k, result.served, { solver, nonzeros, limit: CURVE_LP_NONZEROS, timeLimitS: timeLimitS / upTo }, run));
    points.push({ served: result.served, bound, proven: false });
  }
  for (let k = points.length - 2; k >= 0; k -= 1) points[k].bound = Math.min(points[k].bound, points[k + 1].bound);
  return points.map((point, index) => {
    const coveredWeight = reduced.constantWeight + point.served;
    const closed = point.proven || gapIsClosed(coveredWeight, reduced.constantWeight + point.bound);
    return { p: index + 1, coveredWeight, upperBound: closed ? coveredWeight : Math.max(coveredWeight, reduced.constantWeight + point.bound), status: closed ? 'optimal' : 'feasible' };
  });
}
