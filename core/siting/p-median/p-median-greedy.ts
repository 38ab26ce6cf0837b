import { openInSlot, type NearestSites } from './p-median-nearest.ts';

export interface SearchControl {
  shouldStop?: () => boolean;
  /** Receives the search's own 0…1 fraction. */
  report: (fraction: number) => void;
}

/** How many candidate scans between two polls of shouldStop. */
export const POLL_EVERY = 64;

/** What opening `candidate` would save, given the sites open now. */
function savingOf(state: NearestSites, candidate: number): number {
  const { demandCount, distances, weights } = state.data;
  const nearestCost = state.nearestCost;
  const base = candidate * demandCount;
  let saving = 0;
  for (let j = 0; j < demandCount; j += 1) {
    const cost = weights[j] * distances[base + j];
    if (cost < nearestCost[j]) saving += nearestCost[j] - cost;
  }
  return saving;
}

/**
 * Greedy addition: open, one slot at a time, the candidate that saves the most. A candidate's
 * saving can only shrink as sites open (savings are submodular), so a saving computed
 * earlier is an upper bound and only the front-runner needs recomputing ("lazy" greedy): it is
 * taken once its fresh saving still leads. Returns false when stopped before filling all slots.
 */
export function openGreedily(state: NearestSites, free: Int32Array, control: SearchControl): boolean {
  const slotCount = state.sites.length;
  if (slotCount === 0) return true;
  const upper = new Float64Array(free.length);
  // The round in which upper[k] was last computed exactly; taken candidates get −1.
  const freshIn = new Int32Array(free.length);
  for (let k = 0; k < free.length; k += 1) {
    if (k % POLL_EVERY === 0 && control.shouldStop?.()) return false;
    upper[k] = savingOf(state, free[k]);
  }
  control.report(0.5);
  for (let slot = 0; slot < slotCount; slot += 1) {
    for (;;) {
      let lead = -1;
      for (let k = 0; k < free.length; k += 1) {
        if (freshIn[k] >= 0 && (lead < 0 || upper[k] > upper[lead])) lead = k;
      }
      if (freshIn[lead] === slot) {
        openInSlot(state, slot, free[lead]);
        freshIn[lead] = -1;
        break;
      }
      upper[lead] = savingOf(state, free[lead]);
      freshIn[lead] = slot;
    }
    if (control.shouldStop?.()) return slot + 1 === slotCount;
    control.report(0.5 + (0.5 * (slot + 1)) / slotCount);
  }
  return true;
}

/** After a stop: fill the empty slots with unused candidates, in index order, so that the
 * answer still has p sites (it is feasible, not good). */
export function fillEmptySlots(state: NearestSites, free: Int32Array): void {
  const used = new Set(state.sites);
  let next = 0;
  for (let slot = 0; slot < state.sites.length; slot += 1) {
    if (state.sites[slot] >= 0) continue;
    while (used.has(free[next])) next += 1;
    openInSlot(state, slot, free[next]);
    used.add(free[next]);
  }
}
