import type { Context } from 'hono';
import { DistanceScanError, DistanceTable, locateJsonMember, scanDistanceRows, SITING_LIMITS, sitingRequestSchema, type SitingRequestParsed } from '../../core/siting/index.ts';
import { badRequest, type ApiError } from '../errors.ts';
import { checkAgainstSchema, parseJsonText } from '../http/read-body.ts';

/** Stands in for the scanned matrix while the rest of the body goes through JSON.parse. */
const SCANNED_MATRIX = '\u0000scanned distances\u0000';
const MATRIX_PATH = ['costMatrix', 'distances'];
const decoder = new TextDecoder();

/** `POST /api/analysis/siting`: the request, its cost matrix (if any) read the fast way. */
export async function readSitingRequest(context: Context): Promise<SitingRequestParsed> {
  const bytes = new Uint8Array(await context.req.arrayBuffer());
  const binary = context.req.header('content-type')?.split(';')[0].trim().toLowerCase() === BINARY_MATRIX_TYPE;
  if (binary && bytes.length > SITING_LIMITS.maxBodyChars) throw badRequest('body_too_large', `the request body is limited to ${SITING_LIMITS.maxBodyChars.toLocaleString('en-US')} bytes`);
  return binary ? parseBinarySitingRequest(bytes) : parseSitingRequest(bytes);
}

/**
 * A siting request from the body's JSON bytes. A supplied cost matrix is up to 2 million numbers
 * (16 MB of JSON for 1,000 × 2,000): it is scanned straight from the bytes into a flat table
 * (scan-distance-rows.ts), and only the rest — names, weights, options — goes through JSON.parse
 * and the request schema, with a placeholder where the matrix was. The answers are those of
 * JSON.parse and the schema, with the row and column of a bad cell; anything the scan is unsure
 * of (no matrix, a key given twice, a ragged matrix, an odd shape) takes the plain way, JSON.parse
 * of the whole body.
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

/** The binary body's media type: see parseBinarySitingRequest. */
export const BINARY_MATRIX_TYPE = 'application/octet-stream';

/**
 * The compact body (`Content-Type: application/octet-stream`): the request as one line of JSON
 * with `costMatrix` but no `distances`, a line feed, then the distances as little-endian float64,
 * candidates × demands, row by row, Infinity for unreachable. No text to read for the numbers:
 * they are copied as they are (16 MB for 1,000 × 2,000) and checked in one loop.
 */
export function parseBinarySitingRequest(bytes: Uint8Array): SitingRequestParsed {
  const lineEnd = bytes.indexOf(0x0a);
  if (lineEnd < 0) throw badRequest('invalid_request', 'invalid request: a binary body is one line of JSON, a line feed, then the distances as little-endian float64');
  const body = parseJsonText(decoder.decode(bytes.subarray(0, lineEnd))) as { costMatrix?: { candidates?: unknown; demands?: unknown; distances?: unknown } };
  const matrix = body?.costMatrix;
  if (!matrix || typeof matrix !== 'object' || matrix.distances !== undefined) {
    throw badRequest('invalid_request', 'invalid request: costMatrix: a binary body states costMatrix (candidates, demands) in its JSON line and the distances after it', [{ path: 'costMatrix', message: 'candidates and demands here; the distances follow the line as float64' }]);
  }
  const rows = Array.isArray(matrix.candidates) ? matrix.candidates.length : 0;
  const columns = Array.isArray(matrix.demands) ? matrix.demands.length : 0;
  const byteCount = bytes.length - lineEnd - 1;
  if (rows * columns > SITING_LIMITS.maxMatrixCells) {
    throw badRequest('matrix_too_large', `${rows.toLocaleString('en-US')} × ${columns.toLocaleString('en-US')} distances is more than the ${SITING_LIMITS.maxMatrixCells.toLocaleString('en-US')} a matrix may hold`);
  }
  if (byteCount !== rows * columns * 8) {
    throw badRequest('matrix_shape', `the body holds ${byteCount} bytes of distances; ${rows} candidates × ${columns} demands × 8 bytes is ${rows * columns * 8}`);
  }
  // A copy of their own, aligned for a Float64Array (the body's bytes may start anywhere).
  const start = bytes.byteOffset + lineEnd + 1;
  const values = new Float64Array(bytes.buffer.slice(start, start + byteCount));
  if (!LITTLE_ENDIAN) {
    const view = new DataView(values.buffer);
    for (let index = 0; index < values.length; index += 1) values[index] = view.getFloat64(index * 8, true);
  }
  try {
    matrix.distances = DistanceTable.fromFloats(rows, columns, values);
  } catch (error) {
    if (error instanceof DistanceScanError) throw refusal(error);
    throw error;
  }
  return checkAgainstSchema(body, sitingRequestSchema);
}

/** Float64Array reads in the machine's order; every platform Node runs on today is little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

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
