import type { MipSolver, SitingInstance, SitingSolution, SitingSolveOptions } from '../contract/siting-types.ts';
import { AUTO_EXACT_NONZEROS } from '../pipeline/exact-policy.ts';
import { runSitingPipeline } from '../pipeline/run-siting-pipeline.ts';
import { gapIsClosed, readP, relativeGap, type SitingRun } from '../pipeline/siting-run.ts';
import type { SitingStages } from '../pipeline/siting-stages.ts';
import { sortByGain } from '../common/sort-by-gain.ts';
import { boundPMedian } from './p-median-bound.ts';
import { ASSIGNED_TO_NONE, evaluatePMedian, type PMedianEvaluation } from './p-median-evaluate.ts';
import { solvePMedianHeuristic } from './p-median-heuristic.ts';
import { buildPMedianMip, countPMedianMipNonzeros, pMedianStart, readPMedianMip } from './p-median-mip.ts';

/** New sites and their Σ weight × distance (Infinity when some reachable demand is left unserved). */
interface PMedianAnswer {
  chosen: number[];
  objective: number;
}

/**
 * The p-median: choose p new sites minimising Σ_j w_j · d(j, nearest open facility), where the
 * open facilities are the chosen sites, the fixed candidates and the kept facilities (through
 * `keptDistance`). Demands nothing can reach are left out and listed; see p-median-data.ts for
 * the conventions every routine in this folder shares.
 *
 * The stages: solvePMedianHeuristic (greedy then fast interchange, seconds at most on large
 * instances), boundPMedian (a proven Lagrangian lower bound, to state the heuristic's gap),
 * the exact model of p-median-mip.ts for a MIP solver, and evaluatePMedian (objective,
 * assignment and marginal gains of any choice of sites). The policy is the covering models':
 * heuristic and bound first, the MIP when asked for (or, under `auto`, when the gap is open and
 * the model small enough), the better of the two answers and the tighter of the bounds.
 */

export function solvePMedian(instance: SitingInstance, options: SitingSolveOptions, run: SitingRun, solver?: MipSolver): SitingSolution {
  const p = readP(options);
  return runSitingPipeline(() => createPMedianStages(instance, p), options, run, solver);
}

function createPMedianStages(instance: SitingInstance, p: number): SitingStages<PMedianAnswer, PMedianEvaluation> {
  const notes: string[] = [];
  return {
    model: 'pmedian',
    sense: 'minimize',
    notes,
    // The heuristic reports its own progress.
    progress: { bound: 0.3, boundDone: 0.4 },
    boundName: 'the Lagrangian bound',
    solveHeuristically(run) {
      const { chosen, objective } = solvePMedianHeuristic(instance, p, { shouldStop: run.shouldStop, onProgress: (fraction) => run.report('heuristic', 0.02 + 0.25 * fraction) });
      // The heuristic returns its best so far when stopped; the run is cancelled all the same.
      run.checkStop();
      return { chosen, objective };
    },
    objectiveOf: (answer) => answer.objective,
    isBetter: (candidate, incumbent) => candidate.objective < incumbent.objective,
    bound(answer, run) {
      const bound = boundPMedian(instance, p, answer.objective, { shouldStop: run.shouldStop });
      run.checkStop();
      return { answer, bound };
    },
    exact: {
      nonzeros: () => countPMedianMipNonzeros(instance),
      autoLimit: AUTO_EXACT_NONZEROS.pmedian,
      from: 0.45,
      to: 0.98,
      build: () => buildPMedianMip(instance, p),
      start: (answer) => (Number.isFinite(answer.objective) ? pMedianStart(instance, p, answer.chosen) : undefined),
      read(values) {
        const chosen = readPMedianMip(instance, p, values);
        return { chosen, objective: evaluatePMedian(instance, chosen).objective };
      },
    },
    evaluate: (answer) => evaluatePMedian(instance, answer.chosen),
    settle({ objective }, bound, proven) {
      const feasible = Number.isFinite(objective);
      const note = 'no choice found serves every reachable demand with p new sites';
      if (!feasible && !notes.includes(note)) notes.push(note);
      let settled = proven && feasible ? objective : Math.min(bound, objective);
      const closed = feasible && (proven || gapIsClosed(objective, settled));
      if (closed) settled = objective;
      return {
        status: !feasible ? 'infeasible' : closed ? 'optimal' : 'feasible',
        bound: settled,
        proven: closed,
        gap: !feasible ? null : closed ? 0 : relativeGap(objective, settled),
      };
    },
    describe(answer, evaluation) {
      const sorted = sortByGain(answer.chosen, evaluation.marginalGain);
      let reachableWeight = 0;
      evaluation.assignment.forEach((site, j) => {
        if (site !== ASSIGNED_TO_NONE) reachableWeight += instance.weights[j];
      });
      return {
        chosen: sorted.chosen,
        marginalGain: sorted.marginalGain,
        coveredWeight: reachableWeight,
        totalWeight: instance.weights.reduce((sum, weight) => sum + weight, 0),
        uncoveredDemands: evaluation.unreachable,
        assignment: evaluation.assignment,
        totalWeightedDistance: evaluation.totalWeightedDistance,
        meanWeightedDistance: evaluation.meanWeightedDistance,
      };
    },
  };
}
