import { isActiveDemand, type PMedianData } from './p-median-data.ts';

/**
 * The (candidate, demand) pairs the Lagrangian bound looks at: for each demand, its nearer free
 * candidates in bands of increasing distance, and the cap on its multiplier that makes ignoring
 * the others exact.
 *
 * Demand j keeps the free candidates nearer than a threshold T_j, and its multiplier u_j is held
 * at or below w_j·T_j (and at or below its fallback cost, which kept facilities and fixed sites
 * always provide). A pair left out has w_j·d_ij ≥ w_j·T_j ≥ u_j, so its term
 * min(0, w_j·d_ij − u_j) is 0 anyway: the bound computed on the kept pairs is the true
 * Lagrangian value, hence still proven, only over fewer multipliers. T_j is the distance within
 * which 2/p of the candidates lie: with p sites sharing the area, even a demand at the edge of
 * a site's share has about 1.2/p of the candidates nearer than that site, so the cap seldom
 * binds, and the lists are about 2/p of the matrix (all of it when p ≤ 2).
 *
 * Only pairs with w_j·d_ij < u_j count, so a pass stops at the first band that starts at or
 * beyond u_j / w_j: it costs what those bands hold, not the whole list. Bands need no sorting
 * (one counting pass), unlike fully sorted lists.
 */
export interface BoundPairs {
  bandsPerDemand: number;
  /** Pairs of band b of demand j at `bandStart[j·B + b]` … `bandStart[j·B + b + 1] − 1`. */
  bandStart: Int32Array;
  /** Every distance in band j·B + b and the bands after it is at least this. */
  bandLow: Float64Array;
  /** Position in data.free of each pair's candidate. */
  candidate: Uint16Array | Int32Array;
  /** Distance of each pair rounded down to single precision: a lower cost keeps the bound valid. */
  distance: Float32Array;
  /** Cap on each demand's multiplier (0 for demands that do not count). */
  cap: Float64Array;
  /** Where the multipliers start: w_j × the distance within which 1/p of the candidates lie
   * (capped), about a demand's service cost in a good answer. */
  start: Float64Array;
}

/** Kept pairs per demand, in multiples of the expected count of candidates per site. */
const KEPT_PER_SITE = 2;
/** Where multipliers start, in the same unit (tried: 0.3…1.5; 1 converged fastest). */
const START_PER_SITE = 1;
const SAMPLE_SIZE = 512;
/** Fewest sampled candidates a threshold rests on, so that large p keeps enough pairs. */
const FEWEST_SAMPLED = 8;
const BANDS = 16;

export function collectBoundPairs(data: PMedianData, p: number): BoundPairs {
  const { demandCount, weights, fallbackDistance } = data;
  const sample = sampleSortedColumns(data);
  const cap = new Float64Array(demandCount);
  const limit = new Float64Array(demandCount);
  for (let j = 0; j < demandCount; j += 1) {
    if (!isActiveDemand(data, j)) continue;
    limit[j] = Math.min(fallbackDistance[j], sample.quantile(j, KEPT_PER_SITE / p));
    cap[j] = weights[j] * limit[j];
  }
  const start = new Float64Array(demandCount);
  for (let j = 0; j < demandCount; j += 1) {
    if (cap[j] > 0) start[j] = Math.min(cap[j], weights[j] * Math.min(sample.quantile(j, START_PER_SITE / p), data.largestFiniteDistance));
  }
  return { bandsPerDemand: BANDS, ...distributeIntoBands(data, limit), cap, start };
}

/**
 * Band of a distance: equal shares of the squared distance up to the demand's limit, which in
 * the plane holds about as many candidates each. Where a pair falls only affects speed: each
 * band's lower edge is taken from the distances actually put in it.
 */
function bandOf(d: number, bandsPerSquare: number): number {
  return Math.min(BANDS - 1, Math.floor(d * d * bandsPerSquare));
}

function distributeIntoBands(data: PMedianData, limit: Float64Array): Pick<BoundPairs, 'bandStart' | 'bandLow' | 'candidate' | 'distance'> {
  const { demandCount, distances, free } = data;
  // BANDS / limit², or over the largest distance when every pair is kept.
  const bandsPerSquare = limit.map((value) => BANDS / (value < Infinity ? value : Math.max(1, data.largestFiniteDistance)) ** 2);
  const bandStart = new Int32Array(demandCount * BANDS + 1);
  for (let k = 0; k < free.length; k += 1) {
    const base = free[k] * demandCount;
    for (let j = 0; j < demandCount; j += 1) {
      const d = distances[base + j];
      if (d < limit[j]) bandStart[j * BANDS + bandOf(d, bandsPerSquare[j]) + 1] += 1;
    }
  }
  for (let slot = 0; slot < demandCount * BANDS; slot += 1) bandStart[slot + 1] += bandStart[slot];
  const pairCount = bandStart[demandCount * BANDS];
  const candidate = free.length <= 65_536 ? new Uint16Array(pairCount) : new Int32Array(pairCount);
  const distance = new Float32Array(pairCount);
  const bandLow = new Float64Array(demandCount * BANDS).fill(Infinity);
  const cursor = bandStart.slice(0, demandCount * BANDS);
  for (let k = 0; k < free.length; k += 1) {
    const base = free[k] * demandCount;
    for (let j = 0; j < demandCount; j += 1) {
      const exact = distances[base + j];
      if (!(exact < limit[j])) continue;
      const slot = j * BANDS + bandOf(exact, bandsPerSquare[j]);
      const d = roundDown(exact);
      const at = cursor[slot]++;
      candidate[at] = k;
      distance[at] = d;
      if (d < bandLow[slot]) bandLow[slot] = d;
    }
  }
  // Lower edges made non-decreasing, so that a pass may stop at the first band beyond u_j / w_j.
  for (let j = 0; j < demandCount; j += 1) {
    for (let slot = (j + 1) * BANDS - 2; slot >= j * BANDS; slot -= 1) bandLow[slot] = Math.min(bandLow[slot], bandLow[slot + 1]);
  }
  return { bandStart, bandLow, candidate, distance };
}

const floatBox = new Float32Array(1);

/** The largest single-precision value ≤ d (d ≥ 0). */
function roundDown(d: number): number {
  floatBox[0] = d;
  return floatBox[0] <= d ? floatBox[0] : nextFloatBelow(floatBox[0]);
}

function nextFloatBelow(value: number): number {
  const bits = new Uint32Array(Float32Array.of(value).buffer);
  bits[0] -= 1;
  return new Float32Array(bits.buffer)[0];
}

/** Distances from an evenly spread sample of the free candidates (all of them when few),
 * sorted per demand. They place the thresholds: any placement keeps the bound valid;
 * it only decides how tight and how fast it is. */
function sampleSortedColumns(data: PMedianData) {
  const { demandCount, distances, free } = data;
  const size = Math.min(free.length, SAMPLE_SIZE);
  const columns = new Float64Array(size * demandCount);
  for (let s = 0; s < size; s += 1) {
    const base = free[Math.floor((s * free.length) / size)] * demandCount;
    for (let j = 0; j < demandCount; j += 1) columns[j * size + s] = distances[base + j];
  }
  for (let j = 0; j < demandCount; j += 1) columns.subarray(j * size, (j + 1) * size).sort();
  return {
    /** The sampled distance just past the given share (Infinity past the end: keep all). */
    quantile(j: number, share: number): number {
      const rank = Math.max(Math.ceil(share * size), FEWEST_SAMPLED);
      return share < 1 && rank < size ? columns[j * size + rank] : Infinity;
    },
  };
}
