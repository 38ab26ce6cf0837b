import type { ReducedCovering } from '../covering/reduce-covering.ts';

/**
 * Two-for-one exchanges on a set cover: close r1 and r2, open a, whenever a alone covers every
 * group that would lose its last cover — r1's and r2's sole groups and the groups only the two
 * of them share. Any such a must cover all of r1's sole groups, so only the few candidates
 * common to those groups are tried; r2 then follows from counting a's groups per sole coverer.
 * The open sites are scanned round and round (the per-site sole-group counts kept up to date
 * by every change) until a whole round finds no exchange: restarting from the first site after
 * each exchange made this quadratic on city-sized covers. The cover stays valid throughout.
 */
export function shrinkCover(reduced: ReducedCovering, cover: readonly number[]): number[] {
  const { candidateStart, candidateGroups, groupStart, groupCandidates } = reduced;
  const n = reduced.candidateOf.length;
  const groupCount = reduced.weight.length;
  const open = new Uint8Array(n);
  const count = new Int32Array(groupCount);
  const indexSum = new Float64Array(groupCount);
  // Per open site: how many groups it alone covers.
  const soleCount = new Int32Array(n);
  const change = (i: number, step: 1 | -1) => {
    open[i] = step === 1 ? 1 : 0;
    for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) {
      const g = candidateGroups[k];
      // Leaving the sole-coverer state (1 → 2 or 1 → 0) before the change, entering it after.
      if (count[g] === 1) soleCount[indexSum[g]] -= 1;
      count[g] += step;
      indexSum[g] += step * i;
      if (count[g] === 1) soleCount[indexSum[g]] += 1;
    }
  };
  for (const i of cover) change(i, 1);
  const hits = new Int32Array(n);
  const pairCount = new Int32Array(n);
  const pairHits = new Int32Array(n);
  // Per candidate: the r1 pass it was last seen in, and how many of r1's sole groups it covers.
  const seenIn = new Int32Array(n).fill(-1);
  const common = new Int32Array(n);
  let pass = 0;

  // Sites tried since the last exchange; a full round without one ends the search.
  let quiet = 0;
  for (let r1 = 0; quiet < n; r1 = r1 + 1 === n ? 0 : r1 + 1) {
    quiet += 1;
    let improved = false;
    if (!open[r1]) continue;
    // Candidates covering every sole group of r1 (all of them when r1 has none).
    pass += 1;
    let needed = 0;
    for (let k = candidateStart[r1]; k < candidateStart[r1 + 1]; k += 1) {
      const g = candidateGroups[k];
      if (count[g] !== 1) continue;
      needed += 1;
      for (let m = groupStart[g]; m < groupStart[g + 1]; m += 1) {
        const a = groupCandidates[m];
        if (seenIn[a] !== pass) {
          seenIn[a] = pass;
          common[a] = 0;
        }
        common[a] += 1;
      }
    }
    if (needed === 0) {
      // r1 is redundant on its own: close it.
      change(r1, -1);
      quiet = 0;
      continue;
    }
    // Groups only r1 and one other open site cover, by that other site.
    const touchedPairs: number[] = [];
    for (let k = candidateStart[r1]; k < candidateStart[r1 + 1]; k += 1) {
      const g = candidateGroups[k];
      if (count[g] !== 2) continue;
      const other = indexSum[g] - r1;
      if (pairCount[other] === 0) touchedPairs.push(other);
      pairCount[other] += 1;
    }
    for (let k = candidateStart[r1]; k < candidateStart[r1 + 1] && !improved; k += 1) {
      const g = candidateGroups[k];
      if (count[g] !== 1) continue;
      for (let m = groupStart[g]; m < groupStart[g + 1] && !improved; m += 1) {
        const a = groupCandidates[m];
        if (open[a] || seenIn[a] !== pass || common[a] !== needed) continue;
        common[a] = -1; // try each a once per r1
        const r2 = partnerFor(a, r1);
        if (r2 >= 0) {
          change(r1, -1);
          change(r2, -1);
          change(a, 1);
          improved = true;
        }
      }
    }
    for (const other of touchedPairs) pairCount[other] = 0;
    if (improved) quiet = 0;
  }
  const result: number[] = [];
  open.forEach((flag, i) => {
    if (flag) result.push(i);
  });
  return result;

  /** An open r2 ≠ r1 such that a covers r2's sole groups and the groups r1 and r2 alone share. */
  function partnerFor(a: number, r1: number): number {
    const touched: number[] = [];
    for (let k = candidateStart[a]; k < candidateStart[a + 1]; k += 1) {
      const g = candidateGroups[k];
      let r2 = -1;
      if (count[g] === 1) {
        r2 = indexSum[g];
        if (r2 === r1) continue;
        if (hits[r2] === 0 && pairHits[r2] === 0) touched.push(r2);
        hits[r2] += 1;
      } else if (count[g] === 2 && open[r1] && coveredBy(g, r1)) {
        r2 = indexSum[g] - r1;
        if (hits[r2] === 0 && pairHits[r2] === 0) touched.push(r2);
        pairHits[r2] += 1;
      }
    }
    let found = -1;
    for (const r2 of touched) {
      if (found < 0 && hits[r2] === soleCount[r2] && pairHits[r2] === pairCount[r2]) found = r2;
      hits[r2] = 0;
      pairHits[r2] = 0;
    }
    return found;
  }

  function coveredBy(g: number, i: number): boolean {
    for (let m = groupStart[g]; m < groupStart[g + 1]; m += 1) if (groupCandidates[m] === i) return true;
    return false;
  }
}
