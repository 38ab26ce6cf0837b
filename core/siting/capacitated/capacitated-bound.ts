import type { MipSolver } from '../contract/siting-types.ts';
import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { gapIsClosed, type SitingRun } from '../pipeline/siting-run.ts';
import { boundCapacitatedSimply, buildCapacitatedMip } from './capacitated-mip.ts';

export interface RelaxationSettings {
  solver: MipSolver | undefined;
  /** The model's nonzeros and the most for which the LP is worth solving. */
  nonzeros: number;
  limit: number;
  timeLimitS: number;
}

/**
 * Served weight's bound (the constant weight not included) from the LP relaxation, through the
 * solver with every column continuous, when there is one and the model is within the limit;
 * never worse than the simple capacity bound.
 */
export function boundCapacitatedByRelaxation(reduced: ReducedCovering, p: number, served: number, settings: RelaxationSettings, run: SitingRun): number {
  let bound = boundCapacitatedSimply(reduced, p);
  const { solver } = settings;
  if (solver && settings.nonzeros <= settings.limit && !gapIsClosed(served, bound)) {
    const model = buildCapacitatedMip(reduced, p);
    const relaxed = solver.solve({ ...model, integrality: new Int32Array(model.integrality.length) }, { timeLimitS: settings.timeLimitS, shouldStop: run.shouldStop });
    run.checkStop();
    if (relaxed.status === 'optimal' && relaxed.bound !== undefined) bound = Math.min(bound, relaxed.bound - reduced.constantWeight);
  }
  return bound;
}
