import { buildAssignment, pairFlows } from './capacitated-assignment.ts';
import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { MipRows } from '../common/mip-rows.ts';
import { selectLargest } from '../common/select-largest.ts';
import type { MipModel } from '../contract/siting-types.ts';

/**
 * Capacitated maximal covering on the reduced instance. Columns: x_i (site open, binary; fixed
 * sites pinned to 1), then z_k for each (site i, group g) pair k of the reduced rows: the share
 * of g's weight served by i. max constant + Σ w_g z_k subject to
 *   Σ_{k of g} z_k ≤ 1            (a group is served at most once over),
 *   Σ_{k of i} w_g z_k ≤ C_i x_i   (capacity, only when open),
 *   z_k ≤ x_i                       (tightens the relaxation),
 *   Σ_{i not fixed} x_i = p.
 */
export function buildCapacitatedMip(reduced: ReducedCovering, p: number): MipModel {
  const n = reduced.candidateOf.length;
  const pairs = reduced.candidateGroups.length;
  const { candidateStart, candidateGroups, weight } = reduced;
  const rows = new MipRows();
  const pairsOfGroup: number[][] = Array.from({ length: weight.length }, () => []);
  for (let k = 0; k < pairs; k += 1) pairsOfGroup[candidateGroups[k]].push(n + k);
  for (const columns of pairsOfGroup) rows.add(-Infinity, 1, columns, 1);
  for (let i = 0; i < n; i += 1) {
    const columns = [i];
    const values = [-reduced.capacity![i]];
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) {
      columns.push(n + k);
      values.push(weight[candidateGroups[k]]);
    }
    rows.add(-Infinity, 0, columns, values);
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) rows.add(-Infinity, 0, [n + k, i], [1, -1]);
  }
  const free: number[] = [];
  for (let i = 0; i < n; i += 1) if (!reduced.fixed[i]) free.push(i);
  const sites = Math.min(p, free.length);
  rows.add(sites, sites, free, 1);
  const colCost = new Float64Array(n + pairs);
  for (let k = 0; k < pairs; k += 1) colCost[n + k] = weight[candidateGroups[k]];
  const colLower = new Float64Array(n + pairs);
  for (let i = 0; i < n; i += 1) if (reduced.fixed[i]) colLower[i] = 1;
  const integrality = new Int32Array(n + pairs);
  integrality.fill(1, 0, n);
  return rows.build({ sense: 'maximize', offset: reduced.constantWeight, colCost, colLower, colUpper: new Float64Array(n + pairs).fill(1), integrality });
}

/** A feasible start: the chosen sites open (with the fixed ones) and their maximum-flow shares. */
export function capacitatedStart(reduced: ReducedCovering, chosen: readonly number[]): Float64Array {
  const n = reduced.candidateOf.length;
  const open = [...chosen];
  for (let i = 0; i < n; i += 1) if (reduced.fixed[i]) open.push(i);
  const flows = pairFlows(reduced, buildAssignment(reduced, open));
  const values = new Float64Array(n + flows.length);
  for (const i of open) values[i] = 1;
  flows.forEach((flow, k) => {
    // Shares clipped to [0, 1] so that rounding in the flow never makes the start infeasible.
    values[n + k] = Math.min(1, flow / reduced.weight[reduced.candidateGroups[k]]);
  });
  return values;
}

export function countCapacitatedNonzeros(reduced: ReducedCovering): number {
  return 4 * reduced.candidateGroups.length + 2 * reduced.candidateOf.length;
}

/**
 * A bound that needs no solver: the fixed sites serve at most min(capacity, weight in reach)
 * each, the p new ones at most the p largest of the same, and nobody more than all the weight.
 */
export function boundCapacitatedSimply(reduced: ReducedCovering, p: number): number {
  const n = reduced.candidateOf.length;
  const reachable = new Float64Array(n);
  let fixedTotal = 0;
  const free: number[] = [];
  for (let i = 0; i < n; i += 1) {
    let weight = 0;
    for (let k = reduced.candidateStart[i]; k < reduced.candidateStart[i + 1]; k += 1) weight += reduced.weight[reduced.candidateGroups[k]];
    reachable[i] = Math.min(reduced.capacity![i], weight);
    if (reduced.fixed[i]) fixedTotal += reachable[i];
    else free.push(i);
  }
  const freeValues = Float64Array.from(free, (i) => reachable[i]);
  const best = selectLargest(freeValues, Math.min(p, free.length), new Uint8Array(free.length), new Float64Array(free.length));
  const all = reduced.weight.reduce((sum, value) => sum + value, 0);
  return Math.min(all, fixedTotal + best);
}
