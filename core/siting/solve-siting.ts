import { solveCapacitatedMclp } from './capacitated/solve-capacitated-mclp.ts';
import { solveLscp } from './lscp/solve-lscp.ts';
import { solveMclp } from './mclp/solve-mclp.ts';
import { solvePMedian } from './p-median/solve-p-median.ts';
import { SitingRun } from './pipeline/siting-run.ts';
import type { MipSolver, SitingInstance, SitingSolution, SitingSolveOptions } from './contract/siting-types.ts';

/**
 * Solves a siting instance with any of the three models. Policy (`options.method`):
 * - `heuristic`: the heuristic answer and its proven bound (optimal when they meet);
 * - `exact`: the heuristic answer, then the MIP solver warm-started from it within the time
 *   limit; optimal only when the solver proves it or the bound meets the objective, otherwise
 *   feasible with the gap to the best bound found (Lagrangian or the solver's);
 * - `auto`: heuristic and bound; stop if they meet, else the MIP when the model is within the
 *   size limit of pipeline/exact-policy.ts and a solver is given, else the heuristic answer.
 * Every model runs that policy through the same pipeline (pipeline/run-siting-pipeline.ts) and
 * supplies only its stages: heuristic, bound, MIP, settling the bound, describing the result.
 * `method` in the result says which produced the final answer. `chosen` is ordered by marginal
 * gain: what the objective would lose were that site alone taken away. Capacities (mclp only)
 * switch to the capacitated model. Throws SitingCancelled when `shouldStop` turns true, and
 * RangeError when the instance or options do not fit the model.
 */
export function solveSiting(instance: SitingInstance, options: SitingSolveOptions, mipSolver?: MipSolver): SitingSolution {
  const run = new SitingRun(options);
  switch (options.model) {
    case 'mclp':
      return instance.capacities ? solveCapacitatedMclp(instance, options, run, mipSolver) : solveMclp(instance, options, run, mipSolver);
    case 'lscp':
      return solveLscp(instance, options, run, mipSolver);
    case 'pmedian':
      return solvePMedian(instance, options, run, mipSolver);
    default:
      throw new RangeError(`unknown siting model ${String(options.model)}`);
  }
}
