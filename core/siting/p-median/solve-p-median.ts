import { sortByGain } from '../shared/sort-by-gain.ts';
import { AUTO_EXACT_NONZEROS, decideExact, describeMipRun, runMip } from '../pipeline/exact-policy.ts';
import { boundPMedian } from './p-median-bound.ts';
import { evaluatePMedian } from './p-median-evaluate.ts';
import { solvePMedianHeuristic } from './p-median-heuristic.ts';
import { buildPMedianMip, countPMedianMipNonzeros, pMedianStart, readPMedianMip } from './p-median-mip.ts';
import { gapIsClosed, readP, relativeGap, type SitingRun } from '../pipeline/siting-run.ts';
import type { MipSolver, SitingInstance, SitingSolution, SitingSolveOptions } from '../contract/siting-types.ts';

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
  const notes: string[] = [];
  run.report('preparing', 0);
  const heuristic = solvePMedianHeuristic(instance, p, { shouldStop: run.shouldStop, onProgress: (fraction) => run.report('heuristic', 0.02 + 0.25 * fraction) });
  // The heuristic returns its best so far when stopped; the run is cancelled all the same.
  run.checkStop();
  let chosen = heuristic.chosen;
  let objective = heuristic.objective;
  run.report('bound', 0.3, { incumbent: objective });
  let bound = boundPMedian(instance, p, objective, { shouldStop: run.shouldStop });
  run.checkStop();
  let proven = Number.isFinite(objective) && gapIsClosed(objective, bound);
  run.report('bound', 0.4, { incumbent: objective, bound });
  let method: SitingSolution['method'] = 'heuristic';
  const mayStop = options.method === 'auto' && proven;
  if (mayStop) notes.push('the heuristic answer meets the Lagrangian bound: optimal without the exact solver');
  else if (proven && options.method === 'exact') notes.push('the heuristic answer already meets the bound (proven optimal); the exact solver runs only because it was asked for');
  if (!mayStop && decideExact(options.method, countPMedianMipNonzeros(instance), AUTO_EXACT_NONZEROS.pmedian, solver, notes)) {
    const result = runMip(solver!, buildPMedianMip(instance, p), run, options.timeLimitS, Number.isFinite(objective) ? pMedianStart(instance, p, chosen) : undefined, 0.45, 0.98);
    notes.push(describeMipRun(result, options.timeLimitS));
    if (result.status !== 'failed' && result.status !== 'infeasible') {
      method = 'exact';
      if (result.values) {
        const sites = readPMedianMip(instance, p, result.values);
        const value = evaluatePMedian(instance, sites).objective;
        if (value < objective) {
          chosen = sites;
          objective = value;
        }
      }
      if (result.bound !== undefined) bound = Math.max(bound, result.bound);
      if (result.status === 'optimal') proven = true;
    }
  }
  const evaluation = evaluatePMedian(instance, chosen);
  objective = evaluation.objective;
  const feasible = Number.isFinite(objective);
  if (!feasible) notes.push('no choice found serves every reachable demand with p new sites');
  bound = proven && feasible ? objective : Math.min(bound, objective);
  proven = feasible && (proven || gapIsClosed(objective, bound));
  if (proven) bound = objective;
  const sorted = sortByGain(chosen, evaluation.marginalGain);
  let reachableWeight = 0;
  evaluation.assignment.forEach((site, j) => {
    if (site !== -2) reachableWeight += instance.weights[j];
  });
  // The last report closes the phase that ran last.
  run.report(method === 'exact' ? 'exact' : 'bound', 1, { incumbent: objective, bound });
  return {
    model: 'pmedian',
    status: !feasible ? 'infeasible' : proven ? 'optimal' : 'feasible',
    method,
    gap: !feasible ? null : proven ? 0 : relativeGap(objective, bound),
    objective,
    bound,
    chosen: sorted.chosen,
    marginalGain: sorted.marginalGain,
    coveredWeight: reachableWeight,
    totalWeight: instance.weights.reduce((sum, weight) => sum + weight, 0),
    uncoveredDemands: evaluation.unreachable,
    assignment: evaluation.assignment,
    totalWeightedDistance: evaluation.totalWeightedDistance,
    meanWeightedDistance: evaluation.meanWeightedDistance,
    notes,
  };
}
