import type { PMedianData } from './p-median-data.ts';

/**
 * The open sites of a local search, in slots, with each demand's nearest and second-nearest
 * service in weighted cost (weight × metres). Slot −1 is the demand's fallback (kept facilities
 * and fixed sites, or the cost of going unserved), which never closes and wins ties.
 *
 * When the fallback is nearest, closing a site cannot hurt the demand: its second cost is then
 * set equal to its nearest cost, which lets the interchange skip it without a special case.
 */
export interface NearestSites {
  data: PMedianData;
  fallbackCost: Float64Array;
  /** Candidate index open in each slot (−1 = slot not filled yet). */
  sites: Int32Array;
  nearestCost: Float64Array;
  nearestSlot: Int32Array;
  secondCost: Float64Array;
  secondSlot: Int32Array;
}

export const FALLBACK_SLOT = -1;

export function createNearestSites(data: PMedianData, fallbackCost: Float64Array, slotCount: number): NearestSites {
  const { demandCount } = data;
  return {
    data,
    fallbackCost,
    sites: new Int32Array(slotCount).fill(-1),
    nearestCost: Float64Array.from(fallbackCost),
    nearestSlot: new Int32Array(demandCount).fill(FALLBACK_SLOT),
    secondCost: Float64Array.from(fallbackCost),
    secondSlot: new Int32Array(demandCount).fill(FALLBACK_SLOT),
  };
}

/** Σ of the nearest costs: the search's objective (with the unserved penalty). */
export function totalNearestCost(state: NearestSites): number {
  let total = 0;
  for (let j = 0; j < state.nearestCost.length; j += 1) total += state.nearestCost[j];
  return total;
}

/** Open `candidate` in `slot`, which must be empty or just vacated by `closeAndOpen`. */
export function openInSlot(state: NearestSites, slot: number, candidate: number): void {
  const { data, nearestCost, nearestSlot, secondCost, secondSlot } = state;
  const { demandCount, distances, weights } = data;
  state.sites[slot] = candidate;
  const base = candidate * demandCount;
  for (let j = 0; j < demandCount; j += 1) {
    // NaN (0 × ∞) and ∞ compare false: such pairs never serve.
    const cost = weights[j] * distances[base + j];
    if (cost < nearestCost[j]) {
      secondCost[j] = nearestCost[j];
      secondSlot[j] = nearestSlot[j];
      nearestCost[j] = cost;
      nearestSlot[j] = slot;
    } else if (cost < secondCost[j]) {
      secondCost[j] = cost;
      secondSlot[j] = slot;
    }
  }
}

/** Replace the site in `slot` by `candidate`, updating every demand's nearest two. */
export function swapSite(state: NearestSites, slot: number, candidate: number): void {
  const { data, nearestSlot, secondSlot } = state;
  state.sites[slot] = candidate;
  const base = candidate * data.demandCount;
  for (let j = 0; j < data.demandCount; j += 1) {
    if (nearestSlot[j] === slot || secondSlot[j] === slot) {
      rescanDemand(state, j);
    } else {
      const cost = data.weights[j] * data.distances[base + j];
      if (cost < state.nearestCost[j]) {
        state.secondCost[j] = state.nearestCost[j];
        secondSlot[j] = nearestSlot[j];
        state.nearestCost[j] = cost;
        nearestSlot[j] = slot;
      } else if (cost < state.secondCost[j]) {
        state.secondCost[j] = cost;
        secondSlot[j] = slot;
      }
    }
  }
}

function rescanDemand(state: NearestSites, j: number): void {
  const { data, sites } = state;
  const { demandCount, distances } = data;
  const weight = data.weights[j];
  let bestCost = state.fallbackCost[j];
  let bestSlot = FALLBACK_SLOT;
  let nextCost = Infinity;
  let nextSlot = FALLBACK_SLOT;
  for (let slot = 0; slot < sites.length; slot += 1) {
    if (sites[slot] < 0) continue;
    const cost = weight * distances[sites[slot] * demandCount + j];
    if (cost < bestCost) {
      nextCost = bestCost;
      nextSlot = bestSlot;
      bestCost = cost;
      bestSlot = slot;
    } else if (cost < nextCost) {
      nextCost = cost;
      nextSlot = slot;
    }
  }
  state.nearestCost[j] = bestCost;
  state.nearestSlot[j] = bestSlot;
  // See the note on NearestSites: with the fallback nearest, nothing can be lost.
  state.secondCost[j] = bestSlot === FALLBACK_SLOT ? bestCost : nextCost;
  state.secondSlot[j] = bestSlot === FALLBACK_SLOT ? FALLBACK_SLOT : nextSlot;
}
