import { describe, expect, it } from 'vitest';
import { DistanceTable, sitingRequestSchema } from '../../core/siting/index.ts';
import { ApiError } from '../../server/errors.ts';
import { parseBinarySitingRequest, parseSitingRequest } from '../../server/siting/read-siting-body.ts';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const matrix = {
  candidates: ['a', 'b'],
  demands: [{ id: 'x', weight: 1 }, { id: 'y', weight: 2 }, { id: 'z', weight: 3 }],
  distances: [[100, 900.5, null], [8e2, 0, 1.25]],
};
const request = { model: 'mclp', p: 1, radius: 500, costMatrix: matrix };

function refusal(text: string): { status: number; code: string; details: unknown } {
  try {
    parseSitingRequest(bytesOf(text));
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, code: error.code, details: error.details };
    throw error;
  }
  throw new Error('the body was accepted');
}

describe('reading a siting request with a cost matrix', () => {
  it('gives what JSON.parse and the schema give, the matrix as one flat table', () => {
    const parsed = parseSitingRequest(bytesOf(JSON.stringify(request, null, 2)));
    const plain = sitingRequestSchema.parse(request);
    expect({ ...parsed, costMatrix: { ...parsed.costMatrix, distances: undefined } }).toEqual({ ...plain, costMatrix: { ...plain.costMatrix, distances: undefined } });
    expect(parsed.costMatrix!.distances).toBeInstanceOf(DistanceTable);
    expect(parsed.costMatrix!.distances).toMatchObject({ rows: 2, columns: 3 });
    expect(Array.from((parsed.costMatrix!.distances as DistanceTable).values)).toEqual([100, 900.5, Infinity, 800, 0, 1.25]);
  });

  it('a key given twice reads as JSON.parse reads it (the last one)', () => {
    const text = JSON.stringify(request).replace('"distances":', '"distances": [[1, 1, 1], [1, 1, 1]], "distances":');
    expect(parseSitingRequest(bytesOf(text)).costMatrix!.distances).toEqual(matrix.distances);
    const twice = `{"costMatrix": ${JSON.stringify(matrix)}, ${JSON.stringify(request).slice(1)}`;
    expect(parseSitingRequest(bytesOf(twice)).costMatrix!.distances).toEqual(matrix.distances);
  });

  it('a body without a matrix, or with something else in its place, is read the plain way', () => {
    expect(parseSitingRequest(bytesOf('{"model": "mclp", "p": 2, "facilityLayer": "kindergartens"}'))).toMatchObject({ model: 'mclp', p: 2 });
    expect(refusal(JSON.stringify({ ...request, costMatrix: { ...matrix, distances: 'far' } }))).toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it.each([
    ['a negative distance', [[100, -1, null], [1, 2, 3]], 'invalid_request', { row: 0, column: 1 }],
    ['a distance too large to be finite', [[100, 1, null], [1, 2, 'TOO_LARGE']], 'invalid_request', { row: 1, column: 2 }],
    ['a string', [[100, 1, null], [1, '2', 3]], 'invalid_request', { row: 1, column: 1 }],
    ['a row that is not an array', [[100, 1, null], 7], 'invalid_request', { row: 1 }],
  ])('refuses %s, naming its row and column', (_, distances, code, where) => {
    // JSON.stringify cannot write 1e999 (it is Infinity to JavaScript): put its text in by hand.
    const found = refusal(JSON.stringify({ ...request, costMatrix: { ...matrix, distances } }).replace('"TOO_LARGE"', '1e999'));
    expect(found).toMatchObject({ status: 400, code });
    expect((found.details as Array<Record<string, unknown>>)[0]).toMatchObject(where);
  });

  it('refuses broken JSON inside the matrix with its row and column', () => {
    const text = JSON.stringify(request).replace('[800,0,1.25]', '[800 0,1.25]');
    expect(refusal(text)).toMatchObject({ status: 400, code: 'invalid_json', details: { row: 1, column: 1 } });
    expect(refusal(JSON.stringify(request).slice(0, -3))).toMatchObject({ status: 400, code: 'invalid_json' });
  });

  it('refuses a matrix over the cell limit while reading it', () => {
    const wide = `{"model": "pmedian", "p": 1, "costMatrix": {"distances": [[${Array.from({ length: 2_000_001 }, () => '1').join(',')}]]}}`;
    expect(refusal(wide)).toMatchObject({ status: 400, code: 'matrix_too_large' });
  });

  it('takes the binary body: one line of JSON, then the distances as little-endian float64', () => {
    const binary = (flat: number[], costMatrix: object = { candidates: matrix.candidates, demands: matrix.demands }) => {
      const line = new TextEncoder().encode(`${JSON.stringify({ ...request, costMatrix })}\n`);
      const body = new Uint8Array(line.length + flat.length * 8);
      body.set(line);
      flat.forEach((value, index) => new DataView(body.buffer).setFloat64(line.length + index * 8, value, true));
      return body;
    };
    const flat = [100, 900.5, Infinity, 800, 0, 1.25];
    const parsed = parseBinarySitingRequest(binary(flat));
    expect(parsed).toMatchObject({ model: 'mclp', p: 1, radius: 500, costMatrix: { candidates: ['a', 'b'] } });
    expect(Array.from((parsed.costMatrix!.distances as DistanceTable).values)).toEqual(flat);

    const refused = (body: Uint8Array) => {
      try {
        parseBinarySitingRequest(body);
      } catch (error) {
        if (error instanceof ApiError) return { code: error.code, details: error.details };
        throw error;
      }
      throw new Error('the body was accepted');
    };
    expect(refused(binary([100, 900.5, Infinity, 800, -3, 1.25]))).toMatchObject({ code: 'invalid_request', details: [{ row: 1, column: 1 }] });
    expect(refused(binary([100, Number.NaN, 1, 800, 3, 1.25]))).toMatchObject({ code: 'invalid_request', details: [{ row: 0, column: 1 }] });
    expect(refused(binary([1, 2]))).toMatchObject({ code: 'matrix_shape' });
    expect(refused(binary(flat, matrix))).toMatchObject({ code: 'invalid_request' });
    expect(refused(new TextEncoder().encode(JSON.stringify(request)))).toMatchObject({ code: 'invalid_request' });
  });
});
