import type { MipSolver, SitingInstance, SitingSolution, SitingSolveOptions } from '../contract/siting-types.ts';
import { readOpenSites } from '../covering/read-open-sites.ts';
import { reduceCovering } from '../covering/reduce-covering.ts';
import { AUTO_EXACT_NONZEROS } from '../pipeline/exact-policy.ts';
import { runSitingPipeline } from '../pipeline/run-siting-pipeline.ts';
import { settleUpperBound } from '../pipeline/settle-upper-bound.ts';
import { readP, type SitingRun } from '../pipeline/siting-run.ts';
import type { SitingStages } from '../pipeline/siting-stages.ts';
import { boundCapacitatedByRelaxation } from './capacitated-bound.ts';
import { computeCapacitatedCurve } from './capacitated-curve.ts';
import { solveCapacitatedHeuristic, type CapacitatedHeuristicResult } from './capacitated-heuristic.ts';
import { boundCapacitatedSimply, buildCapacitatedMip, capacitatedStart, countCapacitatedNonzeros } from './capacitated-mip.ts';
import { describeCapacitatedOutcome, measureServed, type CapacitatedOutcome } from './capacitated-outcome.ts';

type CapacitatedEvaluation = CapacitatedOutcome & { objective: number };

/**
 * Capacitated maximal covering: a demand counts as covered only as far as open sites within reach
 * have room for it (fractional assignment). Kept facilities take part as fixed candidates with
 * their own capacity; a demand marked pre-covered counts as served from outside the model. The
 * bound is the LP relaxation when a solver is at hand and no MIP runs (and the model is not too
 * large), else a simple capacity bound; a MIP supplies its own.
 */
export function solveCapacitatedMclp(instance: SitingInstance, options: SitingSolveOptions, run: SitingRun, solver?: MipSolver): SitingSolution {
  const p = readP(options);
  return runSitingPipeline(() => createCapacitatedStages(instance, p, options, solver), options, run, solver);
}

function createCapacitatedStages(
  instance: SitingInstance,
  p: number,
  options: SitingSolveOptions,
  solver: MipSolver | undefined,
): SitingStages<CapacitatedHeuristicResult, CapacitatedEvaluation> {
  const reduced = reduceCovering(instance, { capacitated: true });
  const notes = [...reduced.notes, 'capacitated: demand is covered only up to the capacity of the open sites within reach'];
  const constant = reduced.constantWeight;
  const nonzeros = countCapacitatedNonzeros(reduced);
  const wantsCurve = options.curveUpTo !== undefined && options.curveUpTo > 0;
  return {
    model: 'mclp',
    sense: 'maximize',
    notes,
    progress: { heuristic: 0.05, bound: 0.25 },
    boundName: 'the bound',
    solveHeuristically: (run) => solveCapacitatedHeuristic(reduced, p, { shouldStop: run.shouldStop }),
    objectiveOf: (answer) => constant + answer.served,
    isBetter: (candidate, incumbent) => candidate.served > incumbent.served,
    bound: (answer) => ({ answer, bound: constant + boundCapacitatedSimply(reduced, p) }),
    // No MIP to supply a bound: the LP relaxation gives a tighter one than the simple bound.
    boundWithoutExact: (answer, run) =>
      constant + boundCapacitatedByRelaxation(reduced, p, answer.served, { solver, nonzeros, limit: AUTO_EXACT_NONZEROS.capacitated, timeLimitS: options.timeLimitS }, run),
    exact: {
      nonzeros: () => nonzeros,
      autoLimit: AUTO_EXACT_NONZEROS.capacitated,
      from: 0.4,
      to: wantsCurve ? 0.75 : 0.98,
      build: () => buildCapacitatedMip(reduced, p),
      start: (answer) => capacitatedStart(reduced, answer.chosen),
      read(values) {
        const sites = readOpenSites(values, reduced.candidateOf.length).filter((site) => !reduced.fixed[site]);
        return { chosen: sites, served: measureServed(reduced, sites) };
      },
    },
    evaluate(answer) {
      const outcome = describeCapacitatedOutcome(instance, reduced, answer.chosen);
      return { ...outcome, objective: outcome.coveredWeight };
    },
    settle: (evaluation, bound, proven) => settleUpperBound(evaluation.objective, bound, proven),
    describe(answer, evaluation, settled, _method, run, brief) {
      const curve = wantsCurve && !brief
        ? computeCapacitatedCurve(reduced, Math.min(options.curveUpTo!, 200), { p, served: answer.served, bound: settled.bound - constant, proven: settled.proven }, run, solver, nonzeros, options.timeLimitS)
        : undefined;
      return {
        chosen: evaluation.chosen,
        marginalGain: evaluation.marginalGain,
        coveredWeight: evaluation.coveredWeight,
        uncoveredDemands: evaluation.uncoveredDemands,
        totalWeight: reduced.totalWeight,
        ...(curve ? { curve } : {}),
      };
    },
  };
}
