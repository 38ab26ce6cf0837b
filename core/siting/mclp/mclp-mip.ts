import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { MipRows } from '../common/mip-rows.ts';
import type { MipModel } from '../contract/siting-types.ts';

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

/** Matrix nonzeros of the maximal covering MIP, to decide before building it whether to try. */
export function countMclpNonzeros(reduced: ReducedCovering): number {
  return reduced.weight.length + reduced.candidateGroups.length + reduced.candidateOf.length;
}
