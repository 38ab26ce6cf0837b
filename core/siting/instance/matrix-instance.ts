import type { CostMatrix } from '../contract/siting-contract.ts';
import type { CoverageLists, SitingInstance, SitingModel } from '../contract/siting-types.ts';

/**
 * A supplied cost matrix as a solver instance. Covering models (mclp, lscp): candidate i covers
 * demand j when its distance is at most the radius (null = never). pmedian: the dense distances
 * (null = Infinity); `fixed` candidates are open from the start, so each demand's kept distance
 * is the nearest of them. Anything inconsistent throws a RangeError naming what is wrong: the
 * request schema checks types, this checks that the parts fit together.
 */
export function buildMatrixInstance(matrix: CostMatrix, model: SitingModel, radiusM?: number): SitingInstance {
  const candidateCount = matrix.candidates.length;
  const demandCount = matrix.demands.length;
  checkUnique(matrix.candidates, 'candidate');
  checkUnique(
    matrix.demands.map((demand) => demand.id),
    'demand',
  );
  checkShape(matrix, candidateCount, demandCount);
  const fixedOpen = readFixed(matrix);
  if (matrix.capacities && matrix.capacities.length !== candidateCount) {
    throw new RangeError(`capacities has ${matrix.capacities.length} entries but there are ${candidateCount} candidates`);
  }
  const base: SitingInstance = {
    candidateIds: matrix.candidates,
    demandIds: matrix.demands.map((demand) => demand.id),
    weights: Float64Array.from(matrix.demands, (demand) => demand.weight),
    ...(fixedOpen ? { fixedOpen } : {}),
    ...(matrix.capacities ? { capacities: Float64Array.from(matrix.capacities) } : {}),
  };
  if (model === 'pmedian') return { ...base, ...pMedianDistances(matrix, fixedOpen) };
  if (radiusM === undefined || !(radiusM >= 0) || !Number.isFinite(radiusM)) {
    throw new RangeError(`the ${model} model needs a finite service radius in metres`);
  }
  return { ...base, cover: coverWithin(matrix, radiusM) };
}

function checkUnique(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new RangeError(`${what} id "${id}" appears more than once`);
    seen.add(id);
  }
}

function checkShape(matrix: CostMatrix, candidateCount: number, demandCount: number): void {
  if (matrix.distances.length !== candidateCount) {
    throw new RangeError(`the distance matrix has ${matrix.distances.length} rows but there are ${candidateCount} candidates (expected ${candidateCount} × ${demandCount})`);
  }
  matrix.distances.forEach((row, i) => {
    if (row.length !== demandCount) {
      throw new RangeError(`distance row ${i} (candidate "${matrix.candidates[i]}") has ${row.length} entries but there are ${demandCount} demands`);
    }
  });
}

function readFixed(matrix: CostMatrix): Uint8Array | undefined {
  if (!matrix.fixed || matrix.fixed.length === 0) return undefined;
  const indexOf = new Map(matrix.candidates.map((id, index) => [id, index]));
  const fixedOpen = new Uint8Array(matrix.candidates.length);
  for (const id of matrix.fixed) {
    const index = indexOf.get(id);
    if (index === undefined) throw new RangeError(`fixed site "${id}" is not one of the candidates`);
    fixedOpen[index] = 1;
  }
  return fixedOpen;
}

function coverWithin(matrix: CostMatrix, radiusM: number): CoverageLists {
  const start = new Int32Array(matrix.candidates.length + 1);
  const demand: number[] = [];
  matrix.distances.forEach((row, i) => {
    row.forEach((distance, j) => {
      if (distance !== null && distance <= radiusM) demand.push(j);
    });
    start[i + 1] = demand.length;
  });
  return { start, demand: Int32Array.from(demand) };
}

function pMedianDistances(matrix: CostMatrix, fixedOpen: Uint8Array | undefined): Pick<SitingInstance, 'distances' | 'keptDistance'> {
  const demandCount = matrix.demands.length;
  const distances = new Float64Array(matrix.candidates.length * demandCount);
  matrix.distances.forEach((row, i) => row.forEach((distance, j) => (distances[i * demandCount + j] = distance ?? Infinity)));
  if (!fixedOpen) return { distances };
  const keptDistance = new Float64Array(demandCount).fill(Infinity);
  fixedOpen.forEach((fixed, i) => {
    if (!fixed) return;
    for (let j = 0; j < demandCount; j += 1) keptDistance[j] = Math.min(keptDistance[j], distances[i * demandCount + j]);
  });
  return { distances, keptDistance };
}
