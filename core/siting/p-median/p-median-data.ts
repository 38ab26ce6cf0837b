import type { SitingInstance } from '../contract/siting-types.ts';

/**
 * The p-median instance reduced to what every p-median routine needs.
 *
 * Conventions shared by the heuristic, the bound, the MIP and the evaluation:
 * - A demand's distance is the least over the open sites (chosen, fixed) and its kept distance.
 * - Fixed candidates are always open and never chosen, so they are folded into the demand's
 *   "fallback" distance together with `keptDistance`: whatever no new site beats, they serve.
 * - A demand that no candidate (fixed or not) and no kept facility reaches is unreachable: it
 *   cannot be served by any choice, so it is left out of the objective and listed apart.
 * - A zero-weight demand adds nothing to the objective whatever serves it (0 × ∞ counts as 0).
 * - A reachable demand of positive weight that the open sites and kept facilities do not reach
 *   makes the objective infinite: that choice of sites is infeasible.
 */
export interface PMedianData {
  candidateCount: number;
  demandCount: number;
  /** Candidate i → demand j at `i * demandCount + j`, metres, Infinity = no path. */
  distances: Float32Array | Float64Array;
  weights: Float64Array;
  /** Candidates that may be chosen (not fixed open), ascending. */
  free: Int32Array;
  isFixed: Uint8Array;
  /** Per demand, metres to the nearest kept facility or fixed candidate; Infinity when none. */
  fallbackDistance: Float64Array;
  /** 1 when some candidate or kept facility reaches the demand. */
  reachable: Uint8Array;
  /** Largest finite candidate distance anywhere (0 when there is none). */
  largestFiniteDistance: number;
}

export function preparePMedian(instance: SitingInstance): PMedianData {
  const { distances, weights } = instance;
  const candidateCount = instance.candidateIds.length;
  const demandCount = weights.length;
  if (!distances) throw new Error('a p-median instance needs its distances');
  if (distances.length !== candidateCount * demandCount) {
    throw new RangeError(`p-median distances hold ${distances.length} values, expected ${candidateCount} × ${demandCount}`);
  }
  const isFixed = new Uint8Array(candidateCount);
  if (instance.fixedOpen) isFixed.set(instance.fixedOpen.subarray(0, candidateCount));
  const fallbackDistance = new Float64Array(demandCount).fill(Infinity);
  if (instance.keptDistance) fallbackDistance.set(instance.keptDistance.subarray(0, demandCount));
  const reachable = new Uint8Array(demandCount);
  const freeList: number[] = [];
  let largestFiniteDistance = 0;
  // One pass over the rows, in memory order: the matrix can hold millions of values.
  for (let i = 0; i < candidateCount; i += 1) {
    const base = i * demandCount;
    const fixed = isFixed[i] === 1;
    if (!fixed) freeList.push(i);
    for (let j = 0; j < demandCount; j += 1) {
      const d = distances[base + j];
      if (d === Infinity) continue;
      reachable[j] = 1;
      if (d > largestFiniteDistance) largestFiniteDistance = d;
      if (fixed && d < fallbackDistance[j]) fallbackDistance[j] = d;
    }
  }
  for (let j = 0; j < demandCount; j += 1) if (fallbackDistance[j] < Infinity) reachable[j] = 1;
  return {
    candidateCount,
    demandCount,
    distances,
    weights,
    free: Int32Array.from(freeList),
    isFixed,
    fallbackDistance,
    reachable,
    largestFiniteDistance,
  };
}

/** p counts new sites only, so it can be at most the number of candidates not fixed open. */
export function checkNewSiteCount(p: number, data: PMedianData): void {
  if (!Number.isInteger(p) || p < 0 || p > data.free.length) {
    throw new RangeError(`p must be a whole number from 0 to ${data.free.length} (the candidates not fixed open), got ${p}`);
  }
}

/** Demands that count in the objective: reachable and of positive weight. */
export function isActiveDemand(data: PMedianData, j: number): boolean {
  return data.reachable[j] === 1 && data.weights[j] > 0;
}

/**
 * Weighted cost of leaving demand j to its fallback (kept facilities and fixed sites). Searches
 * cannot work with an infinite cost (∞ − ∞), so a demand with no fallback costs `unservedCost`,
 * chosen larger than any solution that serves everyone: the search then serves as many demands
 * as it can before it shortens distances. Inactive demands cost 0 and no site can improve them.
 */
export function computeFallbackCosts(data: PMedianData): Float64Array {
  const { demandCount, weights, fallbackDistance } = data;
  // Any choice that serves every demand costs at most this (each at its farthest reach).
  let servedEverywhere = 0;
  for (let j = 0; j < demandCount; j += 1) {
    if (!isActiveDemand(data, j)) continue;
    const farthest = fallbackDistance[j] < Infinity ? fallbackDistance[j] : data.largestFiniteDistance;
    servedEverywhere += weights[j] * farthest;
  }
  const unservedCost = 2 * servedEverywhere + 1;
  const costs = new Float64Array(demandCount);
  for (let j = 0; j < demandCount; j += 1) {
    if (!isActiveDemand(data, j)) continue;
    costs[j] = fallbackDistance[j] < Infinity ? weights[j] * fallbackDistance[j] : unservedCost;
  }
  return costs;
}
