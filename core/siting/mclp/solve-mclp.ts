import { type ReducedCovering, reduceCovering } from '../covering/reduce-covering.ts';
import { readOpenSites } from '../covering/read-open-sites.ts';
import { buildMclpMip, countMclpNonzeros, mclpStart } from './mclp-mip.ts';
import { evaluateCovering } from '../covering/evaluate-covering.ts';
import { AUTO_EXACT_NONZEROS, decideExact, describeMipRun, runMip } from '../pipeline/exact-policy.ts';
import { formatCount } from '../shared/format-count.ts';
import { boundMclp } from './mclp-bound.ts';
import { computeMclpCurve } from './mclp-curve.ts';
import { CoverState, improveByRestarts, solveMclpHeuristic, type MclpHeuristicResult } from './mclp-heuristic.ts';
import { gapIsClosed, readP, relativeGap, type SitingRun } from '../pipeline/siting-run.ts';
import type { MipSolver, SitingInstance, SitingSolution, SitingSolveOptions } from '../contract/siting-types.ts';

/**
 * Maximal covering (uncapacitated). The objective is all weight covered, kept facilities
 * included, so objective, bound and curve read in the same units as `coveredWeight`.
 */
export function solveMclp(instance: SitingInstance, options: SitingSolveOptions, run: SitingRun, solver?: MipSolver): SitingSolution {
  const p = readP(options);
  run.report('preparing', 0);
  const reduced = reduceCovering(instance, { capacitated: false });
  const notes = [...reduced.notes];
  const candidateCount = reduced.candidateOf.length;
  if (p > candidateCount) {
    notes.push(`only ${formatCount(candidateCount)} candidates can add coverage: the other ${formatCount(p - candidateCount)} new sites would add nothing and are not proposed`);
  }
  const wantsCurve = options.curveUpTo !== undefined && options.curveUpTo > 0;
  const exactEnd = wantsCurve ? 0.75 : 0.98;

  run.report('heuristic', 0.05);
  let best = solveMclpHeuristic(reduced, p, { shouldStop: run.shouldStop });
  run.report('bound', 0.2, { incumbent: reduced.constantWeight + best.covered });
  const relaxation = boundMclp(reduced, p, best.covered, { shouldStop: run.shouldStop });
  if (relaxation.bestCovered > best.covered) {
    // The relaxation met a better set: polish it the same way and keep whichever covers more.
    const again = solveMclpHeuristic(reduced, p, { shouldStop: run.shouldStop }, relaxation.bestSet);
    if (again.covered > best.covered) best = again;
  }
  let bound = reduced.constantWeight + relaxation.bound;
  if (!gapIsClosed(reduced.constantWeight + best.covered, bound)) best = improveByRestarts(reduced, best, { shouldStop: run.shouldStop });
  let proven = gapIsClosed(reduced.constantWeight + best.covered, bound);
  run.report('bound', 0.35, { incumbent: reduced.constantWeight + best.covered, bound });
  let method: SitingSolution['method'] = 'heuristic';

  const mayStop = options.method === 'auto' && proven;
  if (mayStop) notes.push('the heuristic answer meets the Lagrangian bound: optimal without the exact solver');
  else if (proven && options.method === 'exact') notes.push('the heuristic answer already meets the bound (proven optimal); the exact solver runs only because it was asked for');
  let usedExact = false;
  if (!mayStop && decideExact(options.method, countMclpNonzeros(reduced), AUTO_EXACT_NONZEROS.mclp, solver, notes)) {
    const result = runMip(solver!, buildMclpMip(reduced, p), run, options.timeLimitS, mclpStart(reduced, best.chosen), 0.4, exactEnd);
    notes.push(describeMipRun(result, options.timeLimitS));
    if (result.status !== 'failed' && result.status !== 'infeasible') {
      method = 'exact';
      usedExact = true;
      if (result.values) best = better(best, readCoverage(reduced, readOpenSites(result.values, candidateCount)));
      if (result.bound !== undefined) bound = Math.min(bound, result.bound);
      if (result.status === 'optimal') proven = true;
    }
  }

  const evaluation = evaluateCovering(
    instance,
    best.chosen.map((site) => reduced.candidateOf[site]),
  );
  const objective = evaluation.coveredWeight;
  // Proven: the bound is the objective. Otherwise never report a bound below what is achieved
  // (the two are summed in different orders and may differ in the last bits).
  bound = proven ? objective : Math.max(bound, objective);
  proven ||= gapIsClosed(objective, bound);
  if (proven) bound = objective;

  const curve = wantsCurve
    ? computeMclpCurve(reduced, Math.min(options.curveUpTo!, 200), { p, covered: best.covered, bound: bound - reduced.constantWeight, proven, chosen: best.chosen }, run, {
        solver: usedExact ? solver : undefined,
        timeLimitS: options.timeLimitS,
        from: exactEnd,
      })
    : undefined;
  // The last report closes the phase that ran last.
  run.report(curve ? 'curve' : method === 'exact' ? 'exact' : 'bound', 1, { incumbent: objective, bound });
  return {
    model: 'mclp',
    status: proven ? 'optimal' : 'feasible',
    method,
    gap: proven ? 0 : relativeGap(objective, bound),
    objective,
    bound,
    chosen: evaluation.chosen,
    marginalGain: evaluation.marginalGain,
    coveredWeight: evaluation.coveredWeight,
    totalWeight: reduced.totalWeight,
    uncoveredDemands: evaluation.uncoveredDemands,
    ...(curve ? { curve } : {}),
    notes,
  };
}

function readCoverage(reduced: ReducedCovering, sites: number[]): MclpHeuristicResult {
  const state = new CoverState(reduced);
  for (const site of sites) state.add(site);
  return { chosen: sites, covered: state.coveredWeight() };
}

function better(first: MclpHeuristicResult, second: MclpHeuristicResult): MclpHeuristicResult {
  return second.covered > first.covered ? second : first;
}
