import type { MipSolver, SitingInstance, SitingSolution, SitingSolveOptions } from '../contract/siting-types.ts';
import { evaluateCovering, type CoveringEvaluation } from '../covering/evaluate-covering.ts';
import { readOpenSites } from '../covering/read-open-sites.ts';
import { reduceCovering, type ReducedCovering } from '../covering/reduce-covering.ts';
import { AUTO_EXACT_NONZEROS } from '../pipeline/exact-policy.ts';
import { runSitingPipeline } from '../pipeline/run-siting-pipeline.ts';
import { settleUpperBound } from '../pipeline/settle-upper-bound.ts';
import { gapIsClosed, readP, type SitingRun } from '../pipeline/siting-run.ts';
import type { SitingStages } from '../pipeline/siting-stages.ts';
import { formatCount } from '../common/format-count.ts';
import { boundMclp } from './mclp-bound.ts';
import { computeMclpCurve } from './mclp-curve.ts';
import { CoverState, improveByRestarts, solveMclpHeuristic, type MclpHeuristicResult } from './mclp-heuristic.ts';
import { buildMclpMip, countMclpNonzeros, mclpStart } from './mclp-mip.ts';

type MclpEvaluation = CoveringEvaluation & { objective: number };

/**
 * Maximal covering (uncapacitated). The objective is all weight covered, kept facilities
 * included, so objective, bound and curve read in the same units as `coveredWeight`.
 */
export function solveMclp(instance: SitingInstance, options: SitingSolveOptions, run: SitingRun, solver?: MipSolver): SitingSolution {
  const p = readP(options);
  return runSitingPipeline(() => createMclpStages(instance, p, options, solver), options, run, solver);
}

function createMclpStages(instance: SitingInstance, p: number, options: SitingSolveOptions, solver: MipSolver | undefined): SitingStages<MclpHeuristicResult, MclpEvaluation> {
  const reduced = reduceCovering(instance, { capacitated: false });
  const notes = [...reduced.notes];
  const candidateCount = reduced.candidateOf.length;
  if (p > candidateCount) {
    notes.push(`only ${formatCount(candidateCount)} candidates can add coverage: the other ${formatCount(p - candidateCount)} new sites would add nothing and are not proposed`);
  }
  const constant = reduced.constantWeight;
  const wantsCurve = options.curveUpTo !== undefined && options.curveUpTo > 0;
  // With a curve to follow, the exact run leaves it the last quarter of the progress bar.
  const exactEnd = wantsCurve ? 0.75 : 0.98;
  return {
    model: 'mclp',
    sense: 'maximize',
    notes,
    progress: { heuristic: 0.05, bound: 0.2, boundDone: 0.35 },
    boundName: 'the Lagrangian bound',
    solveHeuristically: (run) => solveMclpHeuristic(reduced, p, { shouldStop: run.shouldStop }),
    objectiveOf: (answer) => constant + answer.covered,
    isBetter: (candidate, incumbent) => candidate.covered > incumbent.covered,
    bound(answer, run) {
      let best = answer;
      const relaxation = boundMclp(reduced, p, best.covered, { shouldStop: run.shouldStop });
      if (relaxation.bestCovered > best.covered) {
        // The relaxation met a better set: polish it the same way and keep whichever covers more.
        const again = solveMclpHeuristic(reduced, p, { shouldStop: run.shouldStop }, relaxation.bestSet);
        if (again.covered > best.covered) best = again;
      }
      const bound = constant + relaxation.bound;
      if (!gapIsClosed(constant + best.covered, bound)) best = improveByRestarts(reduced, best, { shouldStop: run.shouldStop });
      return { answer: best, bound };
    },
    exact: {
      nonzeros: () => countMclpNonzeros(reduced),
      autoLimit: AUTO_EXACT_NONZEROS.mclp,
      from: 0.4,
      to: exactEnd,
      build: () => buildMclpMip(reduced, p),
      start: (answer) => mclpStart(reduced, answer.chosen),
      read: (values) => readCoverage(reduced, readOpenSites(values, candidateCount)),
    },
    evaluate(answer) {
      const evaluation = evaluateCovering(
        instance,
        answer.chosen.map((site) => reduced.candidateOf[site]),
      );
      return { ...evaluation, objective: evaluation.coveredWeight };
    },
    settle: (evaluation, bound, proven) => settleUpperBound(evaluation.objective, bound, proven),
    describe(answer, evaluation, settled, method, run, brief) {
      const curve = wantsCurve && !brief
        ? computeMclpCurve(reduced, Math.min(options.curveUpTo!, 200), { p, covered: answer.covered, bound: settled.bound - constant, proven: settled.proven, chosen: answer.chosen }, run, {
            solver: method === 'exact' ? solver : undefined,
            timeLimitS: options.timeLimitS,
            from: exactEnd,
          })
        : undefined;
      return {
        chosen: evaluation.chosen,
        marginalGain: evaluation.marginalGain,
        coveredWeight: evaluation.coveredWeight,
        totalWeight: reduced.totalWeight,
        uncoveredDemands: evaluation.uncoveredDemands,
        ...(curve ? { curve } : {}),
      };
    },
  };
}

function readCoverage(reduced: ReducedCovering, sites: number[]): MclpHeuristicResult {
  const state = new CoverState(reduced);
  for (const site of sites) state.add(site);
  return { chosen: sites, covered: state.coveredWeight() };
}
