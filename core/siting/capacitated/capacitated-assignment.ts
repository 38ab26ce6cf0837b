import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { FlowNetwork } from './flow-network.ts';

/** Node numbering of the assignment network: source, sink, one node per group, one per site. */
export const SOURCE = 0;
export const SINK = 1;

export interface AssignmentNetwork {
  network: FlowNetwork;
  /** Edge id of source → group g. */
  supplyEdge: Int32Array;
  /** Edge id of group → site for each (site, group) pair in the reduced rows; −1 when closed. */
  pairEdge: Int32Array;
}

/**
 * The capacitated coverage of an open set is a transport problem: each group sends at most its
 * weight to open sites within reach, each site takes at most its capacity. Its maximum flow is
 * exactly what the capacitated model counts as covered for that set.
 */
export function buildAssignment(reduced: ReducedCovering, open: readonly number[]): AssignmentNetwork {
  const groupCount = reduced.weight.length;
  const tolerance = 1e-12 * Math.max(1, reduced.weight.reduce((sum, value) => sum + value, 0));
  const network = new FlowNetwork(2 + groupCount + reduced.candidateOf.length, tolerance);
  const supplyEdge = new Int32Array(groupCount);
  for (let g = 0; g < groupCount; g += 1) supplyEdge[g] = network.addEdge(SOURCE, 2 + g, reduced.weight[g]);
  const pairEdge = new Int32Array(reduced.candidateGroups.length).fill(-1);
  const assignment = { network, supplyEdge, pairEdge };
  for (const i of open) openSite(reduced, assignment, i);
  network.maximize(SOURCE, SINK);
  return assignment;
}

/** Adds site i's edges (call `maximize` afterwards to use it). */
export function openSite(reduced: ReducedCovering, assignment: AssignmentNetwork, i: number): void {
  const groupCount = reduced.weight.length;
  const siteNode = 2 + groupCount + i;
  assignment.network.addEdge(siteNode, SINK, reduced.capacity![i]);
  for (let k = reduced.candidateStart[i]; k < reduced.candidateStart[i + 1]; k += 1) {
    const g = reduced.candidateGroups[k];
    assignment.pairEdge[k] = assignment.network.addEdge(2 + g, siteNode, reduced.weight[g]);
  }
}

/** Weight of each group still unserved. */
export function unservedByGroup(reduced: ReducedCovering, assignment: AssignmentNetwork): Float64Array {
  return reduced.weight.map((weight, g) => Math.max(0, weight - assignment.network.flowOn(assignment.supplyEdge[g])));
}

/** Weight sent along each (site, group) pair of the reduced rows (0 for closed sites). */
export function pairFlows(reduced: ReducedCovering, assignment: AssignmentNetwork): Float64Array {
  return Float64Array.from(assignment.pairEdge, (edge) => (edge >= 0 ? Math.max(0, assignment.network.flowOn(edge)) : 0));
}

/** Exact increase in served weight if site i were opened too; the network is left unchanged. */
export function priceOpening(reduced: ReducedCovering, assignment: AssignmentNetwork, i: number): number {
  const state = assignment.network.mark();
  const before = assignment.network.total;
  openSite(reduced, assignment, i);
  const after = assignment.network.maximize(SOURCE, SINK);
  assignment.network.rollback(state);
  assignment.pairEdge.fill(-1, reduced.candidateStart[i], reduced.candidateStart[i + 1]);
  return after - before;
}
