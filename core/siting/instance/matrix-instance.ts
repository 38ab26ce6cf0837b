import { DistanceTable } from '../contract/distance-table.ts';
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
  const table = checkShape(matrix, candidateCount, demandCount);
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
  if (model === 'pmedian') return { ...base, ...pMedianDistances(table, fixedOpen) };
  if (radiusM === undefined || !(radiusM >= 0) || !Number.isFinite(radiusM)) {
    throw new RangeError(`the ${model} model needs a finite service radius in metres`);
  }
  return { ...base, cover: coverWithin(table, radiusM) };
}

function checkUnique(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new RangeError(`${what} id "${id}" appears more than once`);
    seen.add(id);
  }
}

/** The distances as one flat table (a nested matrix is copied into one), its shape checked. */
function checkShape(matrix: CostMatrix, candidateCount: number, demandCount: number): DistanceTable {
  const { distances } = matrix;
  const rowCount = distances instanceof DistanceTable ? distances.rows : distances.length;
  if (rowCount !== candidateCount) {
    throw new RangeError(`the distance matrix has ${rowCount} rows but there are ${candidateCount} candidates (expected ${candidateCount} × ${demandCount})`);
  }
  if (distances instanceof DistanceTable) {
    if (distances.columns !== demandCount && rowCount > 0) {
      throw new RangeError(`distance row 0 (candidate "${matrix.candidates[0]}") has ${distances.columns} entries but there are ${demandCount} demands`);
    }
    return distances;
  }
  distances.forEach((row, i) => {
    if (row.length !== demandCount) {
      throw new RangeError(`distance row ${i} (candidate "${matrix.candidates[i]}") has ${row.length} entries but there are ${demandCount} demands`);
    }
  });
  return DistanceTable.fromRows(distances);
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

function coverWithin(table: DistanceTable, radiusM: number): CoverageLists {
  const { rows, columns, values } = table;
  const start = new Int32Array(rows + 1);
  let demand = new Int32Array(Math.max(16, Math.min(values.length, 1 << 16)));
  let count = 0;
  for (let i = 0; i < rows; i += 1) {
    const offset = i * columns;
    for (let j = 0; j < columns; j += 1) {
      // Infinity (unreachable) is never within the radius.
      if (values[offset + j] <= radiusM) {
        if (count === demand.length) {
          const grown = new Int32Array(demand.length * 2);
          grown.set(demand);
          demand = grown;
        }
        demand[count++] = j;
      }
    }
    start[i + 1] = count;
  }
  return { start, demand: demand.slice(0, count) };
}

function pMedianDistances(table: DistanceTable, fixedOpen: Uint8Array | undefined): Pick<SitingInstance, 'distances' | 'keptDistance'> {
  const demandCount = table.columns;
  const distances = table.values;
  if (!fixedOpen) return { distances };
  const keptDistance = new Float64Array(demandCount).fill(Infinity);
  fixedOpen.forEach((fixed, i) => {
    if (!fixed) return;
    for (let j = 0; j < demandCount; j += 1) keptDistance[j] = Math.min(keptDistance[j], distances[i * demandCount + j]);
  });
  return { distances, keptDistance };
}
