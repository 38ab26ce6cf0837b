import type { CoverageLists, SitingInstance } from '../contract/siting-types.ts';
import { formatCount } from '../common/format-count.ts';

/**
 * A covering instance reduced without loss: the solvers only see demands whose coverage still
 * depends on the choice, merged by identical candidate sets, and candidates that can still add
 * something. Every reduction keeps the optimum and maps back to the caller's indices.
 */
export interface ReducedCovering {
  /** Reduced candidate → the caller's candidate index. */
  candidateOf: Int32Array;
  /** Reduced candidates that are forced open (capacitated only; otherwise fixed sites are folded
   * into the constant coverage). */
  fixed: Uint8Array;
  /** Capacity per reduced candidate (capacitated only). */
  capacity?: Float64Array;
  /** Summed weight of each demand group. */
  weight: Float64Array;
  /** Reduced candidate i covers groups candidateGroups[candidateStart[i] … candidateStart[i+1]-1]. */
  candidateStart: Int32Array;
  candidateGroups: Int32Array;
  /** Group g is covered by candidates groupCandidates[groupStart[g] … groupStart[g+1]-1]. */
  groupStart: Int32Array;
  groupCandidates: Int32Array;
  /** Weight covered whatever is chosen (pre-covered, or reached by a fixed site when uncapacitated). */
  constantWeight: number;
  /** Positive-weight demands that no candidate can reach and nothing already covers. */
  uncoverable: number[];
  uncoverableWeight: number;
  totalWeight: number;
  /** The caller's demand → its group, or −1 when it is not in the reduced problem. */
  groupOfDemand: Int32Array;
  notes: string[];
}

export interface ReduceOptions {
  /** Keep capacities and fixed sites as such (capacitated MCLP); disables dominance. */
  capacitated: boolean;
}

/** Reduce a covering instance (mclp or lscp; the instance must carry `cover`). */
export function reduceCovering(instance: SitingInstance, options: ReduceOptions): ReducedCovering {
  const cover = instance.cover;
  if (!cover) throw new RangeError('a covering model needs the coverage lists (instance.cover)');
  const candidateCount = instance.candidateIds.length;
  const demandCount = instance.demandIds.length;
  const weights = instance.weights;
  const fixedOpen = instance.fixedOpen;
  const capacitated = options.capacitated;
  const notes: string[] = [];

  // Demands whose state no choice can change: already covered, or weightless.
  const constant = new Uint8Array(demandCount);
  let constantWeight = 0;
  let totalWeight = 0;
  for (let j = 0; j < demandCount; j += 1) {
    totalWeight += weights[j];
    if (instance.preCovered?.[j]) {
      constant[j] = 1;
      constantWeight += weights[j];
    } else if (weights[j] <= 0) constant[j] = 1;
  }
  // Uncapacitated, a fixed site simply covers its demands: they become constants too.
  const active = new Uint8Array(candidateCount);
  for (let i = 0; i < candidateCount; i += 1) {
    if (fixedOpen?.[i] && !capacitated) {
      for (let k = cover.start[i]; k < cover.start[i + 1]; k += 1) {
        const j = cover.demand[k];
        if (!constant[j]) {
          constant[j] = 1;
          constantWeight += weights[j];
        }
      }
    } else active[i] = 1;
  }

  let candidates = listActive(active);
  let grouping = groupDemands(cover, candidates, constant, demandCount);
  const uncoverable: number[] = [];
  let uncoverableWeight = 0;
  for (let j = 0; j < demandCount; j += 1) {
    if (!constant[j] && grouping.groupOfDemand[j] < 0) {
      uncoverable.push(j);
      uncoverableWeight += weights[j];
    }
  }
  const before = candidates.length;
  candidates = candidates.filter((i) => rowLength(grouping, i) > 0);
  if (!capacitated) {
    candidates = dropDominated(candidates, grouping);
    // Fewer candidates can merge more demands: group once more on what is left.
    grouping = groupDemands(cover, candidates, constant, demandCount);
  }
  const varying = demandCount - countOnes(constant) - uncoverable.length;
  notes.push(`${formatCount(varying)} demands → ${formatCount(grouping.groupCount)} distinct coverage sets (lossless)`);
  if (candidates.length < before) notes.push(`${formatCount(before - candidates.length)} of ${formatCount(before)} candidates add nothing another candidate does not (dropped, lossless)`);

  return {
    ...buildRows(candidates, grouping, weights, capacitated ? instance.capacities : undefined, capacitated ? fixedOpen : undefined),
    constantWeight,
    uncoverable,
    uncoverableWeight,
    totalWeight,
    groupOfDemand: grouping.groupOfDemand,
    notes,
  };
}

interface Grouping {
  groupCount: number;
  groupOfDemand: Int32Array;
  /** Per caller candidate i: the groups it covers, ascending, at rowGroups[rowStart[i] … rowStart[i+1]-1]
   * (empty for candidates not listed). */
  rowStart: Int32Array;
  rowGroups: Int32Array;
}

function rowLength(grouping: Grouping, i: number): number {
  return grouping.rowStart[i + 1] - grouping.rowStart[i];
}

function listActive(active: Uint8Array): number[] {
  const list: number[] = [];
  active.forEach((flag, i) => {
    if (flag) list.push(i);
  });
  return list;
}

function countOnes(flags: Uint8Array): number {
  let count = 0;
  for (const flag of flags) count += flag;
  return count;
}

/** Merge the non-constant demands by the exact set of (listed, ascending) candidates that reach them. */
function groupDemands(cover: CoverageLists, candidates: readonly number[], constant: Uint8Array, demandCount: number): Grouping {
  // Transpose to per-demand candidate lists (ascending, since candidates are visited in order).
  const start = new Int32Array(demandCount + 1);
  for (const i of candidates) {
    for (let k = cover.start[i]; k < cover.start[i + 1]; k += 1) if (!constant[cover.demand[k]]) start[cover.demand[k] + 1] += 1;
  }
  for (let j = 0; j < demandCount; j += 1) start[j + 1] += start[j];
  const coverers = new Int32Array(start[demandCount]);
  const fill = start.slice(0, demandCount);
  for (const i of candidates) {
    for (let k = cover.start[i]; k < cover.start[i + 1]; k += 1) {
      const j = cover.demand[k];
      if (!constant[j]) coverers[fill[j]++] = i;
    }
  }
  const sameList = (a: number, b: number): boolean => {
    if (start[a + 1] - start[a] !== start[b + 1] - start[b]) return false;
    for (let k = 0; k < start[a + 1] - start[a]; k += 1) if (coverers[start[a] + k] !== coverers[start[b] + k]) return false;
    return true;
  };
  // Hash each list, then confirm equality within a bucket: no string keys for 20,000 demands.
  const groupOfDemand = new Int32Array(demandCount).fill(-1);
  const representative: number[] = [];
  const buckets = new Map<number, number[]>();
  for (let j = 0; j < demandCount; j += 1) {
    if (start[j + 1] === start[j]) continue;
    let hash = 0x811c9dc5;
    for (let k = start[j]; k < start[j + 1]; k += 1) hash = Math.imul(hash ^ coverers[k], 0x01000193);
    const bucket = buckets.get(hash);
    let group = bucket?.find((candidate) => sameList(representative[candidate], j));
    if (group === undefined) {
      group = representative.length;
      representative.push(j);
      if (bucket) bucket.push(group);
      else buckets.set(hash, [group]);
    }
    groupOfDemand[j] = group;
  }
  // Per-candidate group rows, ascending because groups are visited in order.
  const candidateCount = cover.start.length - 1;
  const rowStart = new Int32Array(candidateCount + 1);
  for (const j of representative) for (let k = start[j]; k < start[j + 1]; k += 1) rowStart[coverers[k] + 1] += 1;
  for (let i = 0; i < candidateCount; i += 1) rowStart[i + 1] += rowStart[i];
  const rowGroups = new Int32Array(rowStart[candidateCount]);
  const rowFill = rowStart.slice(0, candidateCount);
  representative.forEach((j, group) => {
    for (let k = start[j]; k < start[j + 1]; k += 1) rowGroups[rowFill[coverers[k]]++] = group;
  });
  return { groupCount: representative.length, groupOfDemand, rowStart, rowGroups };
}

/**
 * Drop a candidate whose groups are all covered by another kept candidate (equal sets keep the
 * lower index). Exact for uncapacitated covering: in any solution the dominated site can be
 * replaced by its dominator (or, if both are open, by anything) without losing coverage.
 */
function dropDominated(candidates: readonly number[], grouping: Grouping): number[] {
  const { rowStart, rowGroups, groupCount } = grouping;
  const coverersOf: number[][] = Array.from({ length: groupCount }, () => []);
  for (const i of candidates) for (let k = rowStart[i]; k < rowStart[i + 1]; k += 1) coverersOf[rowGroups[k]].push(i);
  const removed = new Uint8Array(rowStart.length - 1);
  const mark = new Int32Array(groupCount).fill(-1);
  for (const a of candidates) {
    const length = rowLength(grouping, a);
    // Any dominator must cover a's rarest group, so only those few candidates are tried.
    let rarest = rowGroups[rowStart[a]];
    for (let k = rowStart[a]; k < rowStart[a + 1]; k += 1) {
      const g = rowGroups[k];
      mark[g] = a;
      if (coverersOf[g].length < coverersOf[rarest].length) rarest = g;
    }
    for (const b of coverersOf[rarest]) {
      if (b === a || removed[b]) continue;
      const otherLength = rowLength(grouping, b);
      if (otherLength < length || (otherLength === length && b > a)) continue;
      let hits = 0;
      for (let k = rowStart[b]; k < rowStart[b + 1]; k += 1) if (mark[rowGroups[k]] === a) hits += 1;
      if (hits === length) {
        removed[a] = 1;
        break;
      }
    }
  }
  return candidates.filter((i) => !removed[i]);
}

function buildRows(candidates: readonly number[], grouping: Grouping, weights: Float64Array, capacities: Float64Array | undefined, fixedOpen: Uint8Array | undefined) {
  const groupCount = grouping.groupCount;
  const weight = new Float64Array(groupCount);
  grouping.groupOfDemand.forEach((group, j) => {
    if (group >= 0) weight[group] += weights[j];
  });
  const candidateOf = Int32Array.from(candidates);
  const fixed = new Uint8Array(candidates.length);
  const capacity = capacities ? new Float64Array(candidates.length) : undefined;
  const candidateStart = new Int32Array(candidates.length + 1);
  candidates.forEach((i, r) => {
    candidateStart[r + 1] = candidateStart[r] + rowLength(grouping, i);
    if (fixedOpen?.[i]) fixed[r] = 1;
    if (capacity) capacity[r] = capacities![i];
  });
  const candidateGroups = new Int32Array(candidateStart[candidates.length]);
  const groupStart = new Int32Array(groupCount + 1);
  candidates.forEach((i, r) => {
    const row = grouping.rowGroups.subarray(grouping.rowStart[i], grouping.rowStart[i + 1]);
    candidateGroups.set(row, candidateStart[r]);
    for (const g of row) groupStart[g + 1] += 1;
  });
  for (let g = 0; g < groupCount; g += 1) groupStart[g + 1] += groupStart[g];
  const groupCandidates = new Int32Array(groupStart[groupCount]);
  const fill = groupStart.slice(0, groupCount);
  for (let r = 0; r < candidates.length; r += 1) {
    for (let k = candidateStart[r]; k < candidateStart[r + 1]; k += 1) {
      const g = candidateGroups[k];
      groupCandidates[fill[g]] = r;
      fill[g] += 1;
    }
  }
  return { candidateOf, fixed, capacity, weight, candidateStart, candidateGroups, groupStart, groupCandidates };
}
