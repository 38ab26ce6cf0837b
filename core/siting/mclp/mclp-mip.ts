import type { ReducedCovering } from './covering-instance.ts';
import { MipRows } from './mip-rows.ts';
import type { MipModel } from './siting-types.ts';

/**
 * Maximal covering on the reduced instance: columns x_i (open site, binary) then y_g (group
 * covered, continuous in [0, 1]: with x integral the optimum sets y_g = min(1, Σ x) anyway).
 * max constant + Σ w_g y_g subject to y_g ≤ Σ_{i∈N_g} x_i and Σ x_i = p.
 */
export function buildMclpMip(reduced: ReducedCovering, p: number): MipModel {
  const n = reduced.candidateOf.length;
  const groupCount = reduced.weight.length;
  const rows = new MipRows();
  for (let g = 0; g < groupCount; g += 1) {
    const start = reduced.groupStart[g];
    const end = reduced.groupStart[g + 1];
    const columns = [n + g];
    const values = [1];
    for (let k = start; k < end; k += 1) {
      columns.push(reduced.groupCandidates[k]);
      values.push(-1);
    }
    rows.add(-Infinity, 0, columns, values);
  }
  const sites = Math.min(p, n);
  rows.add(sites, sites, Array.from({ length: n }, (_, i) => i), 1);
  const colCost = new Float64Array(n + groupCount);
  colCost.set(reduced.weight, n);
  const integrality = new Int32Array(n + groupCount);
  integrality.fill(1, 0, n);
  return rows.build({ sense: 'maximize', offset: reduced.constantWeight, colCost, colLower: new Float64Array(n + groupCount), colUpper: new Float64Array(n + groupCount).fill(1), integrality });
}

/** Columns of the maximal covering MIP for a chosen set (a feasible start). */
export function mclpStart(reduced: ReducedCovering, chosen: readonly number[]): Float64Array {
  const n = reduced.candidateOf.length;
  const values = new Float64Array(n + reduced.weight.length);
  for (const i of chosen) {
    values[i] = 1;
    for (let k = reduced.candidateStart[i]; k < reduced.candidateStart[i + 1]; k += 1) values[n + reduced.candidateGroups[k]] = 1;
  }
  return values;
}

/** Set covering on the reduced instance: min Σ x_i subject to Σ_{i∈N_g} x_i ≥ 1 for every group. */
export function buildLscpMip(reduced: ReducedCovering): MipModel {
  const n = reduced.candidateOf.length;
  const rows = new MipRows();
  for (let g = 0; g < reduced.weight.length; g += 1) rows.add(1, Infinity, reduced.groupCandidates.subarray(reduced.groupStart[g], reduced.groupStart[g + 1]), 1);
  return rows.build({ sense: 'minimize', offset: 0, colCost: new Float64Array(n).fill(1), colLower: new Float64Array(n), colUpper: new Float64Array(n).fill(1), integrality: new Int32Array(n).fill(1) });
}

export function lscpStart(reduced: ReducedCovering, chosen: readonly number[]): Float64Array {
  const values = new Float64Array(reduced.candidateOf.length);
  for (const i of chosen) values[i] = 1;
  return values;
}

/** The open sites of a MIP solution: the first `siteCount` columns, rounded. */
export function readOpenSites(values: Float64Array, siteCount: number): number[] {
  const open: number[] = [];
  for (let i = 0; i < siteCount; i += 1) if (values[i] > 0.5) open.push(i);
  return open;
}

/** Matrix nonzeros of the maximal covering MIP, to decide before building it whether to try. */
export function countMclpNonzeros(reduced: ReducedCovering): number {
  return reduced.weight.length + reduced.candidateGroups.length + reduced.candidateOf.length;
}
