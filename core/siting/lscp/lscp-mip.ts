import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { MipRows } from '../common/mip-rows.ts';
import type { MipModel } from '../contract/siting-types.ts';

/** Set covering on the reduced instance: min Σ x_i subject to Σ_{i∈N_g} x_i ≥ 1 for every group. */
export function buildLscpMip(reduced: ReducedCovering): MipModel {
  const n = reduced.candidateOf.length;
  const rows = new MipRows();
  for (let g = 0; g < reduced.weight.length; g += 1) rows.add(1, Infinity, reduced.groupCandidates.subarray(reduced.groupStart[g], reduced.groupStart[g + 1]), 1);
  return rows.build({ sense: 'minimize', offset: 0, colCost: new Float64Array(n).fill(1), colLower: new Float64Array(n), colUpper: new Float64Array(n).fill(1), integrality: new Int32Array(n).fill(1) });
}

/** Columns of the set covering MIP for a chosen set (a feasible start). */
export function lscpStart(reduced: ReducedCovering, chosen: readonly number[]): Float64Array {
  const values = new Float64Array(reduced.candidateOf.length);
  for (const i of chosen) values[i] = 1;
  return values;
}
