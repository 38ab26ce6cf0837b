import { checkNewSiteCount, isActiveDemand, preparePMedian, type PMedianData } from './p-median-data.ts';
import { checkChosen } from './p-median-evaluate.ts';
import type { MipModel, SitingInstance } from '../contract/siting-types.ts';

/**
 * The p-median as a MIP, kept small:
 * - x_k ∈ {0,1} for each free (not fixed) candidate, in index order: columns 0…F−1. Fixed
 *   candidates are simply open, folded into each demand's fallback distance f_j (kept or fixed).
 * - z_kj ∈ [0,1] only for demands that count (reachable, positive weight) and pairs strictly
 *   nearer than f_j: any other pair would never be used, the fallback serving j as well.
 * - Demand rows: with a fallback, Σ_k z_kj ≤ 1 and the rest of j stays at f_j, so the objective
 *   is Σ w_j f_j (the offset) + Σ w_j (d_kj − f_j) z_kj; without one, Σ_k z_kj = 1 at w_j d_kj.
 * - z_kj ≤ x_k for every pair (the strong form: its LP relaxation is tight), and Σ x_k = p.
 * Rows in order: demands (that have pairs or need service), pairs, then the count of sites.
 */
interface PMedianLayout {
  data: PMedianData;
  /** Demands with a row, in order; pairs of row r at `pairStart[r]` … `pairStart[r + 1] − 1`. */
  rowDemand: Int32Array;
  pairStart: Int32Array;
  /** Position in data.free of each pair's candidate; z of pair e is column F + e. */
  pairCandidate: Int32Array;
}

function layOut(data: PMedianData): PMedianLayout {
  const { demandCount, distances, free, fallbackDistance } = data;
  const pairCount = new Int32Array(demandCount);
  countPairs(data, (j) => {
    pairCount[j] += 1;
  });
  const rowOf = new Int32Array(demandCount).fill(-1);
  const rows: number[] = [];
  for (let j = 0; j < demandCount; j += 1) {
    if (isActiveDemand(data, j) && (pairCount[j] > 0 || fallbackDistance[j] === Infinity)) {
      rowOf[j] = rows.length;
      rows.push(j);
    }
  }
  const pairStart = new Int32Array(rows.length + 1);
  rows.forEach((j, r) => {
    pairStart[r + 1] = pairStart[r] + pairCount[j];
  });
  const pairCandidate = new Int32Array(pairStart[rows.length]);
  const cursor = pairStart.slice(0, rows.length);
  // Rows of the matrix in memory order; each demand's pairs come out in candidate order.
  for (let k = 0; k < free.length; k += 1) {
    const base = free[k] * demandCount;
    for (let j = 0; j < demandCount; j += 1) {
      if (rowOf[j] >= 0 && distances[base + j] < fallbackDistance[j]) pairCandidate[cursor[rowOf[j]]++] = k;
    }
  }
  return { data, rowDemand: Int32Array.from(rows), pairStart, pairCandidate };
}

function countPairs(data: PMedianData, onPair: (j: number) => void): void {
  const { demandCount, distances, free, fallbackDistance } = data;
  for (const candidate of free) {
    const base = candidate * demandCount;
    for (let j = 0; j < demandCount; j += 1) {
      if (distances[base + j] < fallbackDistance[j] && isActiveDemand(data, j)) onPair(j);
    }
  }
}

/** Nonzeros of buildPMedianMip's matrix, without building it: 3 per pair + 1 per free candidate. */
export function countPMedianMipNonzeros(instance: SitingInstance): number {
  const data = preparePMedian(instance);
  let pairs = 0;
  countPairs(data, () => {
    pairs += 1;
  });
  return 3 * pairs + data.free.length;
}

export function buildPMedianMip(instance: SitingInstance, p: number): MipModel {
  const data = preparePMedian(instance);
  checkNewSiteCount(p, data);
  const { rowDemand, pairStart, pairCandidate } = layOut(data);
  const { distances, weights, free, fallbackDistance, demandCount } = data;
  const siteCount = free.length;
  const pairTotal = pairCandidate.length;
  const columnCount = siteCount + pairTotal;
  const rowCount = rowDemand.length + pairTotal + 1;
  const colCost = new Float64Array(columnCount);
  const colLower = new Float64Array(columnCount);
  const colUpper = new Float64Array(columnCount).fill(1);
  const integrality = new Int32Array(columnCount);
  integrality.fill(1, 0, siteCount);
  const rowLower = new Float64Array(rowCount);
  const rowUpper = new Float64Array(rowCount);
  const rowStart = new Int32Array(rowCount + 1);
  const rowIndex = new Int32Array(3 * pairTotal + siteCount);
  const rowValue = new Float64Array(3 * pairTotal + siteCount);
  let offset = 0;
  let nonzero = 0;
  let row = 0;
  const endRow = (lower: number, upper: number): void => {
    rowLower[row] = lower;
    rowUpper[row] = upper;
    row += 1;
    rowStart[row] = nonzero;
  };
  // Every demand that counts pays its fallback distance unless a pair does better, rows or not.
  for (let j = 0; j < demandCount; j += 1) if (isActiveDemand(data, j) && fallbackDistance[j] < Infinity) offset += weights[j] * fallbackDistance[j];
  rowDemand.forEach((j, r) => {
    const fallback = fallbackDistance[j];
    const served = fallback < Infinity;
    for (let e = pairStart[r]; e < pairStart[r + 1]; e += 1) {
      const d = distances[free[pairCandidate[e]] * demandCount + j];
      colCost[siteCount + e] = served ? weights[j] * (d - fallback) : weights[j] * d;
      rowIndex[nonzero] = siteCount + e;
      rowValue[nonzero] = 1;
      nonzero += 1;
    }
    // Finite bounds throughout (0 and −1 are never binding) so no solver needs to map infinities.
    endRow(served ? 0 : 1, 1);
  });
  for (let e = 0; e < pairTotal; e += 1) {
    rowIndex[nonzero] = pairCandidate[e];
    rowValue[nonzero] = -1;
    rowIndex[nonzero + 1] = siteCount + e;
    rowValue[nonzero + 1] = 1;
    nonzero += 2;
    endRow(-1, 0);
  }
  for (let k = 0; k < siteCount; k += 1) {
    rowIndex[nonzero] = k;
    rowValue[nonzero] = 1;
    nonzero += 1;
  }
  endRow(p, p);
  return { sense: 'minimize', offset, colCost, colLower, colUpper, integrality, rowLower, rowUpper, rowStart, rowIndex, rowValue };
}

/** The chosen candidates of a MIP solution (ascending): the p free candidates with the largest x. */
export function readPMedianMip(instance: SitingInstance, p: number, values: Float64Array): number[] {
  const free: number[] = [];
  instance.candidateIds.forEach((_, i) => {
    if (instance.fixedOpen?.[i] !== 1) free.push(i);
  });
  if (!Number.isInteger(p) || p < 0 || p > free.length) throw new RangeError(`p must be a whole number from 0 to ${free.length}, got ${p}`);
  if (values.length < free.length) throw new RangeError(`a p-median solution has at least ${free.length} values, got ${values.length}`);
  // Largest x first, so that values a hair off 0 or 1 still give exactly p sites.
  const order = free.map((_, k) => k).sort((a, b) => values[b] - values[a] || a - b);
  return order.slice(0, p).map((k) => free[k]).sort((a, b) => a - b);
}

/** Column values of buildPMedianMip for the given p new sites, each demand on its nearest open
 * site when that beats its fallback. Feasible whenever the sites serve every demand that counts. */
export function pMedianStart(instance: SitingInstance, p: number, chosen: readonly number[]): Float64Array {
  const data = preparePMedian(instance);
  checkNewSiteCount(p, data);
  checkChosen(data, chosen);
  if (chosen.length !== p) throw new RangeError(`a start needs ${p} sites, got ${chosen.length}`);
  const { rowDemand, pairStart, pairCandidate } = layOut(data);
  const { distances, free, demandCount, fallbackDistance } = data;
  const values = new Float64Array(free.length + pairCandidate.length);
  const isChosen = new Uint8Array(data.candidateCount);
  for (const site of chosen) isChosen[site] = 1;
  free.forEach((candidate, k) => {
    values[k] = isChosen[candidate];
  });
  rowDemand.forEach((j, r) => {
    let nearestPair = -1;
    let nearest = fallbackDistance[j];
    for (let e = pairStart[r]; e < pairStart[r + 1]; e += 1) {
      const candidate = free[pairCandidate[e]];
      const d = distances[candidate * demandCount + j];
      if (isChosen[candidate] === 1 && d < nearest) {
        nearest = d;
        nearestPair = e;
      }
    }
    if (nearestPair >= 0) values[free.length + nearestPair] = 1;
  });
  return values;
}
