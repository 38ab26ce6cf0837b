import type { Context } from 'hono';
import { DistanceScanError, locateJsonMember, scanDistanceRows, SITING_LIMITS, sitingRequestSchema, type SitingRequestParsed } from '../../core/siting/index.ts';
import { badRequest, type ApiError } from '../errors.ts';
import { checkAgainstSchema, parseJsonText } from '../http/read-body.ts';

/** Stands in for the scanned matrix while the rest of the body goes through JSON.parse. */
const SCANNED_MATRIX = '\u0000scanned distances\u0000';
const MATRIX_PATH = ['costMatrix', 'distances'];
const decoder = new TextDecoder();

/** `POST /api/analysis/siting`: the request, its cost matrix (if any) read the fast way. */
export async function readSitingRequest(context: Context): Promise<SitingRequestParsed> {
  return parseSitingRequest(new Uint8Array(await context.req.arrayBuffer()));
}

/**
 * A siting request from the body's bytes. A supplied cost matrix is up to 2 million numbers
 * (16 MB of JSON for 1,000 × 2,000): JSON.parse alone took longer than solving it. So the
 * matrix is scanned straight from the bytes into a flat table (scan-distance-rows.ts), and only
 * the rest — names, weights, options, a few hundred kB at most — goes through JSON.parse and the
 * request schema, with a placeholder where the matrix was. The answers are those of JSON.parse
 * and the schema; anything the fast way is unsure of (no matrix, a key given twice, an odd
 * shape) takes the plain way, JSON.parse of the whole body.
 */
export function parseSitingRequest(bytes: Uint8Array, maxChars: number = SITING_LIMITS.maxBodyChars): SitingRequestParsed {
  // Characters, not bytes, are limited: a body over the limit in bytes may still be within it.
  if (bytes.length > maxChars && decoder.decode(bytes).length > maxChars) {
    throw badRequest('body_too_large', `the request body is limited to ${maxChars.toLocaleString('en-US')} characters`);
  }
  const start = locateJsonMember(bytes, MATRIX_PATH);
  if (start === undefined || bytes[start] !== 0x5b) return parsePlainly(bytes);
  let scanned: ReturnType<typeof scanDistanceRows>;
  try {
    scanned = scanDistanceRows(bytes, start, SITING_LIMITS.maxMatrixCells);
  } catch (error) {
    if (!(error instanceof DistanceScanError)) throw error;
    // A ragged matrix is refused by the shape check, which names the row's candidate.
    if (error.problem === 'ragged') return parsePlainly(bytes);
    throw refusal(error);
  }
  const rest = `${decoder.decode(bytes.subarray(0, start))}${JSON.stringify(SCANNED_MATRIX)}${decoder.decode(bytes.subarray(scanned.end))}`;
  const body = parseJsonText(rest) as { costMatrix?: { distances?: unknown } };
  // The placeholder is gone when JSON.parse kept another "distances" or "costMatrix" (given twice).
  if (body?.costMatrix?.distances !== SCANNED_MATRIX) return parsePlainly(bytes);
  body.costMatrix.distances = scanned.table;
  return checkAgainstSchema(body, sitingRequestSchema);
}

/** JSON.parse of the whole body, then the schema: the way for a body without a matrix. */
function parsePlainly(bytes: Uint8Array): SitingRequestParsed {
  return checkAgainstSchema(parseJsonText(decoder.decode(bytes)), sitingRequestSchema);
}

/** The scan's finding as the API says it: the same codes as the plain way, row and column in details. */
function refusal(error: DistanceScanError): ApiError {
  const where = { ...(error.row === undefined ? {} : { row: error.row }), ...(error.column === undefined ? {} : { column: error.column }) };
  switch (error.problem) {
    case 'too_large':
      return badRequest('matrix_too_large', error.message, where);
    case 'syntax':
      return badRequest('invalid_json', `the request body is not valid JSON: ${error.message}`, where);
    default: {
      const path = ['costMatrix', 'distances', ...(error.row === undefined ? [] : [error.row]), ...(error.column === undefined ? [] : [error.column])].join('.');
      return badRequest('invalid_request', `invalid request: ${path}: ${error.message}`, [{ path, message: error.message.slice(0, 200), ...where }]);
    }
  }
}
