import { POLL_EVERY, type SearchControl } from './p-median-greedy.ts';
import { swapSite, totalNearestCost, type NearestSites } from './p-median-nearest.ts';

/** Improvements below this share of the objective are rounding noise, not worth a swap. */
const RELATIVE_TOLERANCE = 1e-10;

interface BestSwap {
  slot: number;
  profit: number;
}

/**
 * Whitaker's fast interchange: for a candidate not open, one pass over the demands gives the
 * profit of swapping it with every open site at once. `loss[s]` is what closing slot s alone
 * would cost (its demands fall back to their second-nearest); the candidate's own savings, and
 * the part of each slot's loss it would absorb, are then counted demand by demand.
 */
function bestSwapFor(state: NearestSites, candidate: number, loss: Float64Array, netLoss: Float64Array): BestSwap {
  const { demandCount, distances, weights } = state.data;
  const { nearestCost, nearestSlot, secondCost } = state;
  netLoss.set(loss);
  let gain = 0;
  const base = candidate * demandCount;
  for (let j = 0; j < demandCount; j += 1) {
    const cost = weights[j] * distances[base + j];
    if (cost < nearestCost[j]) {
      gain += nearestCost[j] - cost;
      // Served by the newcomer, the demand no longer loses anything when its nearest closes.
      const slot = nearestSlot[j];
      if (slot >= 0) netLoss[slot] -= secondCost[j] - nearestCost[j];
    } else if (cost < secondCost[j]) {
      // secondCost > nearestCost only when a site (not the fallback) is nearest.
      netLoss[nearestSlot[j]] -= secondCost[j] - cost;
    }
  }
  let slot = 0;
  for (let s = 1; s < netLoss.length; s += 1) if (netLoss[s] < netLoss[slot]) slot = s;
  return { slot, profit: gain - netLoss[slot] };
}

function computeLoss(state: NearestSites, loss: Float64Array): void {
  loss.fill(0);
  const { nearestCost, nearestSlot, secondCost } = state;
  for (let j = 0; j < nearestCost.length; j += 1) {
    if (nearestSlot[j] >= 0) loss[nearestSlot[j]] += secondCost[j] - nearestCost[j];
  }
}

/** The saving of a swap summed term by term: the fast formula's running sums can carry
 * rounding from large unserved costs, so a swap is made only when this confirms it. */
function exactProfit(state: NearestSites, candidate: number, slot: number): number {
  const { demandCount, distances, weights } = state.data;
  const { nearestCost, nearestSlot, secondCost } = state;
  const base = candidate * demandCount;
  let profit = 0;
  for (let j = 0; j < demandCount; j += 1) {
    const cost = weights[j] * distances[base + j];
    const stay = nearestSlot[j] === slot ? secondCost[j] : nearestCost[j];
    const after = cost < stay ? cost : stay;
    if (after !== nearestCost[j]) profit += nearestCost[j] - after;
  }
  return profit;
}

/**
 * Vertex substitution from the current sites: visit the candidates round-robin, make the best
 * swap for each one as soon as it improves, and stop after a full round without improvement
 * (a local optimum for single swaps) or when told to. Returns the number of swaps made.
 */
export function improveBySwaps(state: NearestSites, free: Int32Array, control: SearchControl): number {
  const slotCount = state.sites.length;
  if (slotCount === 0 || slotCount === free.length) return 0;
  const isOpen = new Uint8Array(state.data.candidateCount);
  for (const site of state.sites) isOpen[site] = 1;
  const loss = new Float64Array(slotCount);
  const netLoss = new Float64Array(slotCount);
  computeLoss(state, loss);
  let tolerance = RELATIVE_TOLERANCE * totalNearestCost(state);
  let swaps = 0;
  let sinceImprovement = 0;
  let progress = 0;
  for (let k = 0; sinceImprovement < free.length; k = (k + 1) % free.length) {
    sinceImprovement += 1;
    if (sinceImprovement % POLL_EVERY === 0) {
      if (control.shouldStop?.()) break;
      progress = Math.max(progress, sinceImprovement / free.length);
      control.report(progress);
    }
    const candidate = free[k];
    if (isOpen[candidate] === 1) continue;
    const swap = bestSwapFor(state, candidate, loss, netLoss);
    if (swap.profit <= tolerance || exactProfit(state, candidate, swap.slot) <= tolerance) continue;
    isOpen[state.sites[swap.slot]] = 0;
    isOpen[candidate] = 1;
    swapSite(state, swap.slot, candidate);
    computeLoss(state, loss);
    tolerance = RELATIVE_TOLERANCE * totalNearestCost(state);
    swaps += 1;
    sinceImprovement = 0;
  }
  return swaps;
}
