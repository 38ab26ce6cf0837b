import { checkNewSiteCount, computeFallbackCosts, preparePMedian } from './p-median-data.ts';
import { evaluatePrepared } from './p-median-evaluate.ts';
import { fillEmptySlots, openGreedily } from './p-median-greedy.ts';
import { improveBySwaps } from './p-median-interchange.ts';
import { createNearestSites, totalNearestCost, type NearestSites } from './p-median-nearest.ts';
import { kickAndImprove } from './p-median-perturb.ts';
import type { SitingInstance } from '../contract/siting-types.ts';

export interface PMedianHeuristicResult {
  /** Chosen candidate indices, ascending. */
  chosen: number[];
  /** As evaluatePMedian reports it (Infinity when some reachable demand stays unserved). */
  objective: number;
  /** As evaluatePMedian reports it. */
  assignment: Int32Array;
}

export interface PMedianHeuristicOptions {
  /** Polled between candidate scans; once true, the best sites so far are returned. */
  shouldStop?: () => boolean;
  onProgress?: (fraction: number) => void;
}

/** Candidates a greedy start picks from; the swaps then look at all of them. */
const SAMPLED_CANDIDATES = 1000;
/** Sampled candidates per site at least, so that large p still has choice. */
const SAMPLED_PER_SITE = 10;
/** Starts from different samples when there are more candidates than one sample takes. */
const STARTS = 2;
/** Rounds of kicks and swaps from the best start. */
const KICK_ROUNDS = 4;
/** Share of each start's progress given to its greedy part; the swaps get the rest. */
const GREEDY_SHARE = 0.2;
/** Share of the whole progress given to the starts; the kicks get the rest. */
const STARTS_SHARE = 0.6;

/**
 * p new sites for the p-median by greedy addition then fast vertex substitution (Whitaker;
 * Resende and Werneck), keeping each demand's nearest and second-nearest open site. Demands that
 * only some candidates reach are served first (see computeFallbackCosts), so the result has a
 * finite objective whenever the search finds one that serves them all.
 *
 * On many candidates the greedy part is the slow one and its answer is far from a local optimum
 * anyway, so it picks from an evenly spread sample; the swaps consider every candidate. A few
 * such starts from shifted samples end in different local optima; the best is then kicked and
 * improved again a few times (iterated local search, see kickAndImprove).
 * Stopped early, it still returns p sites: the best so far, filled up in index order if need be.
 */
export function solvePMedianHeuristic(instance: SitingInstance, p: number, options: PMedianHeuristicOptions = {}): PMedianHeuristicResult {
  const data = preparePMedian(instance);
  checkNewSiteCount(p, data);
  const fallbackCost = computeFallbackCosts(data);
  const sampleSize = Math.min(data.free.length, Math.max(SAMPLED_CANDIDATES, SAMPLED_PER_SITE * p));
  const starts = sampleSize < data.free.length ? STARTS : 1;
  let reported = 0;
  const report = (fraction: number): void => {
    // Monotone and not too chatty: the caller may forward each call to a client.
    if (fraction < 1 && fraction - reported < 0.01) return;
    reported = fraction;
    options.onProgress?.(fraction);
  };
  let best: NearestSites | undefined;
  for (let start = 0; start < starts; start += 1) {
    const state = createNearestSites(data, fallbackCost, p);
    const progressOfStart = (share: number) => (fraction: number) => report((STARTS_SHARE * (start + share * Math.min(fraction, 0.99))) / starts);
    const finishedGreedy = openGreedily(state, sampleCandidates(data.free, sampleSize, start / starts), {
      shouldStop: options.shouldStop,
      report: progressOfStart(GREEDY_SHARE),
    });
    if (finishedGreedy) {
      improveBySwaps(state, data.free, {
        shouldStop: options.shouldStop,
        report: (fraction) => progressOfStart(1)(GREEDY_SHARE + (1 - GREEDY_SHARE) * fraction),
      });
    } else {
      fillEmptySlots(state, data.free);
    }
    if (!best || totalNearestCost(state) < totalNearestCost(best)) best = state;
    if (options.shouldStop?.()) break;
  }
  if (!options.shouldStop?.()) {
    best = kickAndImprove(data, fallbackCost, best!, KICK_ROUNDS, {
      shouldStop: options.shouldStop,
      report: (fraction) => report(STARTS_SHARE + (1 - STARTS_SHARE) * Math.min(fraction, 0.99)),
    });
  }
  const chosen = Array.from(best!.sites).sort((a, b) => a - b);
  const evaluation = evaluatePrepared(data, chosen);
  report(1);
  return { chosen, objective: evaluation.objective, assignment: evaluation.assignment };
}

/** `size` candidates evenly spread over `free`, shifted by `shift` (0…1) of the spacing. */
function sampleCandidates(free: Int32Array, size: number, shift: number): Int32Array {
  if (size >= free.length) return free;
  const spacing = free.length / size;
  return Int32Array.from({ length: size }, (_, k) => free[Math.min(free.length - 1, Math.floor((k + shift) * spacing))]);
}
