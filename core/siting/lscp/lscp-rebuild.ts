import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { createSeededRandom } from '../../seeded-random.ts';
import { SitingCancelled } from '../contract/siting-types.ts';

export interface RebuildOptions {
  /** Number of rebuilds tried. */
  rounds: number;
  /** Open sites closed per rebuild (a random one and open neighbours sharing a group with it). */
  closeCount?: number;
  seed?: number;
  shouldStop?: () => boolean;
}

/**
 * Ruin and recreate on a set cover: close a random open site and a few open neighbours, cover
 * what they alone covered again greedily from the candidates reaching those groups (ties broken
 * at random), then close whatever became redundant around the new sites. The change is kept
 * when the cover is no larger (equal-sized moves let the search drift across plateaus, where
 * greedy covers of unit-cost problems sit), undone otherwise. Local, so thousands of rebuilds
 * cost less than one full greedy; the cover stays valid throughout.
 */
export function rebuildCover(reduced: ReducedCovering, cover: readonly number[], options: RebuildOptions): number[] {
  const { candidateStart, candidateGroups, groupStart, groupCandidates } = reduced;
  const n = reduced.candidateOf.length;
  const groupCount = reduced.weight.length;
  const random = createSeededRandom(options.seed ?? 1);
  const closeCount = options.closeCount ?? 7;
  const count = new Int32Array(groupCount);
  // Open sites in a list with each one's position, for a uniform random pick.
  const openList = new Int32Array(n);
  const position = new Int32Array(n).fill(-1);
  let openSize = 0;
  // Every change of this rebuild, to undo it: site i as i + 1 when opened, −(i + 1) when closed.
  const journal: number[] = [];
  const change = (i: number, open: boolean) => {
    const step = open ? 1 : -1;
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) count[candidateGroups[k]] += step;
    if (open) {
      position[i] = openSize;
      openList[openSize] = i;
      openSize += 1;
    } else {
      const last = openList[openSize - 1];
      openList[position[i]] = last;
      position[last] = position[i];
      position[i] = -1;
      openSize -= 1;
    }
    journal.push(open ? i + 1 : -(i + 1));
  };
  for (const i of cover) if (position[i] < 0) change(i, true);
  const siteMark = new Int32Array(n);
  // Per pool site: how many bare groups it reaches (kept current as the repair covers them).
  const reach = new Int32Array(n);
  const groupMark = new Int32Array(groupCount);
  let stamp = 0;
  const closed: number[] = [];
  const uncovered: number[] = [];
  const pool: number[] = [];
  const opened: number[] = [];

  for (let round = 0; round < options.rounds && openSize > 0; round += 1) {
    if ((round & 255) === 0 && options.shouldStop?.()) throw new SitingCancelled();
    journal.length = 0;
    stamp += 1;
    // Ruin: a random open site and open sites sharing its groups, up to closeCount; each
    // neighbour joins at even odds, so the patch differs from one visit to the next.
    closed.length = 0;
    const first = openList[Math.floor(random() * openSize)];
    closed.push(first);
    siteMark[first] = stamp;
    for (let k = candidateStart[first]; k < candidateStart[first + 1] && closed.length < closeCount; k += 1) {
      const g = candidateGroups[k];
      for (let m = groupStart[g]; m < groupStart[g + 1] && closed.length < closeCount; m += 1) {
        const other = groupCandidates[m];
        if (position[other] >= 0 && siteMark[other] !== stamp && random() < 0.5) {
          siteMark[other] = stamp;
          closed.push(other);
        }
      }
    }
    for (const i of closed) change(i, false);
    // The groups left bare, and every candidate reaching one of them.
    uncovered.length = 0;
    pool.length = 0;
    for (const i of closed) {
      for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) {
        const g = candidateGroups[k];
        if (count[g] !== 0 || groupMark[g] === stamp) continue;
        groupMark[g] = stamp;
        uncovered.push(g);
        for (let m = groupStart[g]; m < groupStart[g + 1]; m += 1) {
          const a = groupCandidates[m];
          if (siteMark[a] !== -stamp) {
            siteMark[a] = -stamp;
            pool.push(a);
            reach[a] = 0;
          }
          reach[a] += 1;
        }
      }
    }
    // Recreate: the pool site reaching most bare groups (ties broken at random) until none is.
    opened.length = 0;
    let bare = uncovered.length;
    while (bare > 0) {
      // The closed sites are in the pool, so some site always reaches a bare group.
      let pick = -1;
      let pickScore = 0;
      for (const a of pool) {
        if (position[a] >= 0 || reach[a] === 0) continue;
        const score = reach[a] + 0.9 * random();
        if (score > pickScore) {
          pick = a;
          pickScore = score;
        }
      }
      for (let k = candidateStart[pick]; k < candidateStart[pick + 1]; k += 1) {
        const g = candidateGroups[k];
        if (count[g] !== 0) continue;
        bare -= 1;
        for (let m = groupStart[g]; m < groupStart[g + 1]; m += 1) reach[groupCandidates[m]] -= 1;
      }
      change(pick, true);
      opened.push(pick);
    }
    // Redundancy: open sites sharing a group with a new site, in random order.
    let dropped = 0;
    const nearby: number[] = [];
    stamp += 1;
    for (const a of opened) {
      for (let k = candidateStart[a]; k < candidateStart[a + 1]; k += 1) {
        const g = candidateGroups[k];
        for (let m = groupStart[g]; m < groupStart[g + 1]; m += 1) {
          const b = groupCandidates[m];
          if (position[b] >= 0 && siteMark[b] !== stamp) {
            siteMark[b] = stamp;
            nearby.push(b);
          }
        }
      }
    }
    for (let q = nearby.length - 1; q > 0; q -= 1) {
      const r = Math.floor(random() * (q + 1));
      const t = nearby[q];
      nearby[q] = nearby[r];
      nearby[r] = t;
    }
    for (const b of nearby) {
      let needed = false;
      for (let k = candidateStart[b]; k < candidateStart[b + 1] && !needed; k += 1) needed = count[candidateGroups[k]] < 2;
      if (needed) continue;
      change(b, false);
      dropped += 1;
    }
    if (opened.length - dropped > closed.length) {
      // Larger than before: undo, newest change first.
      const undo = journal.slice();
      for (let q = undo.length - 1; q >= 0; q -= 1) {
        const entry = undo[q];
        change(entry > 0 ? entry - 1 : -entry - 1, entry < 0);
      }
    }
  }
  return Array.from(openList.subarray(0, openSize)).sort((a, b) => a - b);
}
