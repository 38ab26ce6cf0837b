import { buildMatrixInstance, DistanceTable, SITING_LIMITS, type CostMatrix, type SitingInstance, type SitingRequestParsed } from '../../core/siting/index.ts';
import { badRequest } from '../errors.ts';
import { quoteInput } from '../http/read-body.ts';

const formatCount = (value: number) => value.toLocaleString('en-US');

/**
 * A supplied cost matrix: checked for shape and size here (each refusal names what is wrong),
 * then turned into an instance by the core builder. Only the matrix states the problem: our
 * data's options (candidates, capacity, aggregateCellM) are refused beside it; `mode` and
 * `keepExisting` do not apply (the matrix's own `fixed` list says what is already open).
 */
export function buildSuppliedMatrixProblem(request: SitingRequestParsed): { instance: SitingInstance; notes: string[] } {
  const matrix = request.costMatrix!;
  for (const field of ['candidates', 'capacity', 'aggregateCellM'] as const) {
    if (request[field] !== undefined) throw badRequest('conflicting_inputs', `"${field}" belongs to a problem on our data; with a costMatrix, state everything in the matrix`);
  }
  if (request.model !== 'pmedian' && request.radius === undefined) {
    throw badRequest('radius_required', `${request.model} on a cost matrix needs "radius": the distance within which a candidate covers a demand`);
  }
  const candidates = matrix.candidates.length;
  const demands = matrix.demands.length;
  if (candidates * demands > SITING_LIMITS.maxMatrixCells) {
    throw badRequest('matrix_too_large', `${formatCount(candidates)} × ${formatCount(demands)} distances is more than the ${formatCount(SITING_LIMITS.maxMatrixCells)} a matrix may hold`);
  }
  checkDistanceShape(matrix, candidates, demands);
  findRepeat(matrix.candidates, 'candidate');
  findRepeat(matrix.demands.map((demand) => demand.id), 'demand');
  const known = new Set(matrix.candidates);
  for (const id of matrix.fixed ?? []) if (!known.has(id)) throw badRequest('unknown_fixed', `fixed names ${quoteInput(id)}, which is not among the candidates`);
  if (matrix.capacities && matrix.capacities.length !== candidates) {
    throw badRequest('capacities_shape', `capacities has ${matrix.capacities.length} entries, one per candidate is ${candidates}`);
  }
  try {
    return { instance: buildMatrixInstance(matrix, request.model, request.radius), notes: [`a supplied matrix of ${formatCount(candidates)} candidates × ${formatCount(demands)} demands`] };
  } catch (error) {
    if (error instanceof RangeError) throw badRequest('invalid_matrix', error.message.slice(0, 300));
    throw error;
  }
}

/** One row per candidate, one entry per demand in each; a refusal names the first row that is not. */
function checkDistanceShape(matrix: CostMatrix, candidates: number, demands: number): void {
  const { distances } = matrix;
  const rows = distances instanceof DistanceTable ? distances.rows : distances.length;
  if (rows !== candidates) {
    throw badRequest(rows ? 'matrix_shape' : 'empty_matrix', `distances has ${rows} rows, one per candidate is ${candidates}`);
  }
  // A scanned table's rows are all as long as its first (the scan refuses a ragged one).
  const shortRow = distances instanceof DistanceTable ? (distances.columns === demands ? -1 : 0) : distances.findIndex((row) => row.length !== demands);
  if (shortRow >= 0) {
    const entries = distances instanceof DistanceTable ? distances.columns : distances[shortRow].length;
    throw badRequest('ragged_matrix', `distances row ${shortRow} (candidate ${quoteInput(matrix.candidates[shortRow])}) has ${entries} entries, but there are ${demands} demands (one entry each)`, { row: shortRow });
  }
}

function findRepeat(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw badRequest(`duplicate_${what}`, `${what} id ${quoteInput(id)} appears twice`);
    seen.add(id);
  }
}
