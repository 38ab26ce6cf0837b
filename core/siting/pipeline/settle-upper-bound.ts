import { gapIsClosed, relativeGap } from './siting-run.ts';
import type { SettledBound } from './siting-stages.ts';

/**
 * The covering models' settling of an upper bound: proven, the bound is the objective;
 * otherwise it is never reported below what is achieved (objective and bound are summed in
 * different orders and may differ in the last bits), and meeting it proves the answer optimal.
 */
export function settleUpperBound(objective: number, bound: number, proven: boolean): SettledBound {
  let settled = proven ? objective : Math.max(bound, objective);
  const closed = proven || gapIsClosed(objective, settled);
  if (closed) settled = objective;
  return { status: closed ? 'optimal' : 'feasible', bound: settled, proven: closed, gap: closed ? 0 : relativeGap(objective, settled) };
}
