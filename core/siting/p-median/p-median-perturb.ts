import { createSeededRandom } from '../../seeded-random.ts';
import type { PMedianData } from './p-median-data.ts';
import type { SearchControl } from './p-median-greedy.ts';
import { improveBySwaps } from './p-median-interchange.ts';
import { createNearestSites, openInSlot, totalNearestCost, type NearestSites } from './p-median-nearest.ts';

/** Sites swapped at random per kick: enough to leave the local optimum's basin, few enough
 * that the swaps after it start close to a good answer and end quickly. */
function kickSize(p: number): number {
  return Math.max(2, Math.round(p / 5));
}

/**
 * Iterated local search: swap a few of the best sites for random candidates, let the
 * interchange descend again, and keep the result when it is better. Single swaps stop in local
 * optima that a couple of simultaneous moves escape; each round costs about one interchange pass.
 */
export function kickAndImprove(data: PMedianData, fallbackCost: Float64Array, best: NearestSites, rounds: number, control: SearchControl): NearestSites {
  const p = best.sites.length;
  const free = data.free;
  if (p === 0 || free.length <= p) return best;
  const random = createSeededRandom(p * 7_919 + free.length);
  let bestCost = totalNearestCost(best);
  for (let round = 0; round < rounds; round += 1) {
    if (control.shouldStop?.()) break;
    const sites = Array.from(best.sites);
    for (let kick = 0; kick < kickSize(p); kick += 1) {
      let candidate: number;
      do candidate = free[Math.floor(random() * free.length)];
      while (sites.includes(candidate));
      sites[Math.floor(random() * p)] = candidate;
    }
    const state = createNearestSites(data, fallbackCost, p);
    sites.forEach((site, slot) => openInSlot(state, slot, site));
    improveBySwaps(state, free, { shouldStop: control.shouldStop, report: (fraction) => control.report((round + fraction) / rounds) });
    const cost = totalNearestCost(state);
    if (cost < bestCost) {
      best = state;
      bestCost = cost;
    }
  }
  return best;
}
