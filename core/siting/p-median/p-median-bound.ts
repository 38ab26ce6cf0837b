import { checkNewSiteCount, isActiveDemand, preparePMedian, type PMedianData } from './p-median-data.ts';
import { collectBoundPairs, type BoundPairs } from './p-median-pairs.ts';
import type { SitingInstance } from '../contract/siting-types.ts';

/** Subgradient iterations at most: each reads the near pairs once (a few ms on large instances). */
const MAX_ITERATIONS = 300;
/** Pairs read over all iterations at most (about a second): with p small, each demand has many
 * candidates nearer than its multiplier and an iteration reads far more, so fewer are run. */
const PAIR_READ_BUDGET = 250_000_000;
/** Iterations run whatever the budget, so that the bound is never left at its start. */
const MIN_ITERATIONS = 20;
/** Iterations without a better bound before the step factor is halved. */
const PATIENCE = 20;
const FIRST_STEP_FACTOR = 2;
const LAST_STEP_FACTOR = 0.001;
/** A bound this close to the incumbent (relatively) cannot usefully rise further. */
const CLOSED_GAP = 1e-9;

/**
 * A proven lower bound on the p-median optimum, by Lagrangian relaxation of "each demand is
 * served once" with subgradient optimisation. With multiplier u_j per demand,
 *
 *   L(u) = Σ_j u_j + Σ over the p most negative ρ_i,   ρ_i = Σ_j min(0, w_j·d_ij − u_j),
 *
 * is at most the optimum for every u, provided u_j never exceeds what the demand can always get
 * without a new site, w_j × its kept (or fixed-site) distance; the best value seen is returned.
 * See collectBoundPairs for the cap that lets large instances use only near pairs.
 * `incumbent` is the objective of a known solution (Infinity if none): it sets the step sizes
 * and ends the search once reached, and the bound never exceeds it.
 */
export function boundPMedian(instance: SitingInstance, p: number, incumbent: number, options: { shouldStop?: () => boolean } = {}): number {
  const data = preparePMedian(instance);
  checkNewSiteCount(p, data);
  // No choice left: the only solution's objective is the bound.
  if (p === 0 || p === data.free.length) return objectiveWithAllOpen(data, p > 0);
  const pairs = collectBoundPairs(data, p);
  const reduced = new Float64Array(data.free.length);
  const multipliers = Float64Array.from(pairs.start);
  const subgradient = new Float64Array(data.demandCount);
  let best = -Infinity;
  let stepFactor = FIRST_STEP_FACTOR;
  let stalled = 0;
  let pairsRead = 0;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    if (iteration >= MIN_ITERATIONS && pairsRead > PAIR_READ_BUDGET) break;
    const { value, opened, read } = lagrangianValue(data, pairs, multipliers, p, reduced);
    pairsRead += read;
    if (value > best) {
      best = value;
      stalled = 0;
    } else if ((stalled += 1) >= PATIENCE) {
      stepFactor /= 2;
      stalled = 0;
      if (stepFactor < LAST_STEP_FACTOR) break;
    }
    // Polyak's step aims at the incumbent; without one, a little above the best bound so far.
    const target = Number.isFinite(incumbent) ? incumbent : best + Math.max(1, Math.abs(best) * 0.1);
    if (target - best <= CLOSED_GAP * Math.abs(target) || options.shouldStop?.()) break;
    const norm = computeSubgradient(data, pairs, multipliers, opened, subgradient);
    // A zero subgradient means these multipliers maximise L: nothing better to find.
    if (norm === 0) break;
    const step = (stepFactor * (target - value)) / norm;
    for (let j = 0; j < data.demandCount; j += 1) {
      multipliers[j] = Math.min(pairs.cap[j], multipliers[j] + step * subgradient[j]);
    }
  }
  return Number.isFinite(incumbent) ? Math.min(best, incumbent) : best;
}

/** Exact objective when no new site is opened, or when every free candidate is. */
function objectiveWithAllOpen(data: PMedianData, openFree: boolean): number {
  const { demandCount, distances, weights, free, fallbackDistance } = data;
  const nearest = Float64Array.from(fallbackDistance);
  if (openFree) {
    for (const candidate of free) {
      const base = candidate * demandCount;
      for (let j = 0; j < demandCount; j += 1) if (distances[base + j] < nearest[j]) nearest[j] = distances[base + j];
    }
  }
  let total = 0;
  for (let j = 0; j < demandCount; j += 1) if (isActiveDemand(data, j)) total += weights[j] * nearest[j];
  return total;
}

/** L(u), and the free candidates (by position in data.free) that the relaxation opens. */
function lagrangianValue(data: PMedianData, pairs: BoundPairs, u: Float64Array, p: number, reduced: Float64Array): { value: number; opened: Int32Array; read: number } {
  const read = computeReducedCosts(data.weights, pairs, u, reduced);
  const opened = selectSmallest(reduced, p);
  let value = 0;
  for (let j = 0; j < u.length; j += 1) value += u[j];
  for (const k of opened) value += reduced[k];
  return { value, opened, read };
}

/** ρ_k = Σ_j min(0, w_j·d_kj − u_j) for every free candidate k, reading each demand's bands
 * only up to the first that starts at or past u_j / w_j. Returns the number of pairs read. */
function computeReducedCosts(weights: Float64Array, pairs: BoundPairs, u: Float64Array, reduced: Float64Array): number {
  const { bandsPerDemand, bandStart, bandLow, candidate, distance } = pairs;
  reduced.fill(0);
  let read = 0;
  for (let j = 0; j < u.length; j += 1) {
    const weight = weights[j];
    const multiplier = u[j];
    const lastBand = (j + 1) * bandsPerDemand - 1;
    for (let band = j * bandsPerDemand; band <= lastBand; band += 1) {
      if (weight * bandLow[band] >= multiplier) break;
      const end = bandStart[band + 1];
      read += end - bandStart[band];
      if (band < lastBand && weight * bandLow[band + 1] <= multiplier) {
        // The whole band lies at or below u_j / w_j (the next band starts there): no test needed.
        for (let at = bandStart[band]; at < end; at += 1) reduced[candidate[at]] += weight * distance[at] - multiplier;
      } else {
        for (let at = bandStart[band]; at < end; at += 1) {
          const below = weight * distance[at] - multiplier;
          if (below < 0) reduced[candidate[at]] += below;
        }
      }
    }
  }
  return read;
}

/** Positions of the `count` smallest values (ties to the lower position), by insertion into a
 * sorted short list: most values are larger than its last and cost one comparison. */
function selectSmallest(values: Float64Array, count: number): Int32Array {
  const kept = new Int32Array(count);
  const keptValue = new Float64Array(count).fill(Infinity);
  let size = 0;
  for (let k = 0; k < values.length; k += 1) {
    const value = values[k];
    if (size === count && !(value < keptValue[count - 1])) continue;
    let at = size < count ? size++ : count - 1;
    while (at > 0 && keptValue[at - 1] > value) {
      keptValue[at] = keptValue[at - 1];
      kept[at] = kept[at - 1];
      at -= 1;
    }
    keptValue[at] = value;
    kept[at] = k;
  }
  return kept;
}

/**
 * g_j = 1 − (how many opened candidates would take demand j at u), projected so that a demand
 * held at its cap is not pushed further up. Read from the opened candidates' rows of the matrix
 * (p rows): a pair outside the kept lists has w_j·d_ij ≥ u_j and takes nothing. Returns ‖g‖².
 */
function computeSubgradient(data: PMedianData, pairs: BoundPairs, u: Float64Array, opened: Int32Array, g: Float64Array): number {
  const { demandCount, distances, weights, free } = data;
  for (let j = 0; j < demandCount; j += 1) g[j] = isActiveDemand(data, j) ? 1 : 0;
  for (const k of opened) {
    const base = free[k] * demandCount;
    for (let j = 0; j < demandCount; j += 1) if (weights[j] * distances[base + j] < u[j]) g[j] -= 1;
  }
  let norm = 0;
  for (let j = 0; j < demandCount; j += 1) {
    if (g[j] > 0 && u[j] >= pairs.cap[j]) g[j] = 0;
    norm += g[j] * g[j];
  }
  return norm;
}
