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
  if (runsExact) {
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
  }

  const evaluation = stages.evaluate(answer);
  const settled = stages.settle(evaluation, bound, proven);
  const details = stages.describe(answer, evaluation, settled, method, run);
  // The last report closes the phase that ran last.
  run.report(details.curve ? 'curve' : method === 'exact' ? 'exact' : 'bound', 1, { incumbent: evaluation.objective, bound: settled.bound });
  return {
    model: stages.model,
    status: settled.status,
    method,
    gap: settled.gap,
    objective: evaluation.objective,
    bound: settled.bound,
    ...details,
    notes,
  };
}
