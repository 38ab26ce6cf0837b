import type { MipSolver, SitingSolution, SitingSolveOptions } from '../contract/siting-types.ts';
import { decideExact, describeMipRun, runMip } from './exact-policy.ts';
import { gapIsClosed, type SitingRun } from './siting-run.ts';
import type { SitingMethod, SitingStages } from './siting-stages.ts';

/** Whether a bound proves an objective optimal (never a missing, infinite objective). */
function meetsBound(objective: number, bound: number): boolean {
  return Number.isFinite(objective) && gapIsClosed(objective, bound);
}

/**
 * The one way every siting model is solved: prepare, heuristic, bound; then the exact solver
 * when the policy says so (see solve-siting.ts), keeping the better answer and the tighter bound;
 * then the bound settled against the final objective, and the result. `prepare` runs once the
 * run has reported that it is preparing, and returns the model's stages.
 */
export function runSitingPipeline<Answer, Evaluation extends { objective: number }>(
  prepare: () => SitingStages<Answer, Evaluation>,
  options: SitingSolveOptions,
  run: SitingRun,
  solver: MipSolver | undefined,
): SitingSolution {
  run.report('preparing', 0);
  const stages = prepare();
  const { exact, notes, progress } = stages;

  if (progress.heuristic !== undefined) run.report('heuristic', progress.heuristic);
  let answer = stages.solveHeuristically(run);
  run.report('bound', progress.bound, { incumbent: stages.objectiveOf(answer) });
  const bounded = stages.bound(answer, run);
  answer = bounded.answer;
  let bound = bounded.bound;
  let proven = meetsBound(stages.objectiveOf(answer), bound);
  if (progress.boundDone !== undefined) run.report('bound', progress.boundDone, { incumbent: stages.objectiveOf(answer), bound });

  let method: SitingMethod = 'heuristic';
  const mayStop = options.method === 'auto' && proven;
  if (mayStop) notes.push(`the heuristic answer meets ${stages.boundName}: optimal without the exact solver`);
  else if (proven && options.method === 'exact') notes.push('the heuristic answer already meets the bound (proven optimal); the exact solver runs only because it was asked for');
  const runsExact = !mayStop && exact.applies !== false && decideExact(options.method, exact.nonzeros(), exact.autoLimit, solver, notes);
  if (!runsExact && !proven && stages.boundWithoutExact) {
    bound = stages.boundWithoutExact(answer, run);
    proven = meetsBound(stages.objectiveOf(answer), bound);
  }
  /** The answer as a result: evaluated, its bound settled, described (brief: no curve). */
  const conclude = (final: Answer, finalBound: number, finalProven: boolean, finalMethod: SitingMethod, brief: boolean, extraNotes: string[] = []): SitingSolution => {
    const evaluation = stages.evaluate(final);
    const settled = stages.settle(evaluation, finalBound, finalProven);
    const details = stages.describe(final, evaluation, settled, finalMethod, run, brief);
    return {
      model: stages.model,
      status: settled.status,
      method: finalMethod,
      gap: settled.gap,
      objective: evaluation.objective,
      bound: settled.bound,
      ...details,
      notes: [...notes, ...extraNotes],
    };
  };

  if (runsExact) {
    // The best answer so far, in case the solver is stopped from outside (cancel, or the deadline
    // its caller enforces when the solver overruns its own time limit).
    const budgetS = run.remainingS(options.timeLimitS);
    options.onCheckpoint?.(conclude(answer, bound, proven, method, true), { exactBudgetS: budgetS });
    const result = runMip(solver!, exact.build(), run, options.timeLimitS, exact.start(answer), exact.from, exact.to);
    notes.push(describeMipRun(result, options.timeLimitS));
    // A failed or infeasible run leaves the heuristic's answer, bound and method as they were.
    if (result.status !== 'failed' && result.status !== 'infeasible') {
      method = 'exact';
      const found = result.values ? exact.read(result.values) : undefined;
      if (found !== undefined && stages.isBetter(found, answer)) answer = found;
      if (result.bound !== undefined) {
        const solverBound = exact.readBound ? exact.readBound(result.bound) : result.bound;
        bound = stages.sense === 'maximize' ? Math.min(bound, solverBound) : Math.max(bound, solverBound);
      }
      if (result.status === 'optimal') proven = true;
    }
    if (run.stopRequested) {
      // Cancelled during the solve: what it found until then is the best answer so far.
      options.onCheckpoint?.(conclude(answer, bound, proven, method, true), { exactBudgetS: 0 });
      run.checkStop();
    }
  }

  const solution = conclude(answer, bound, proven, method, false);
  // The last report closes the phase that ran last.
  run.report(solution.curve ? 'curve' : method === 'exact' ? 'exact' : 'bound', 1, { incumbent: solution.objective, bound: solution.bound });
  return solution;
}
