import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { postSiting, readSanFranciscoMatrix, runSiting } from '../support/siting.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

const sf = readSanFranciscoMatrix();
const question = { model: 'mclp', p: 4, radius: 5000, method: 'heuristic' };

/** The request as one line of JSON without the distances, a line feed, then the distances as little-endian float64. */
function binaryBody(distances: (number | null)[][]): Uint8Array {
  const { distances: _rows, ...names } = sf;
  const line = new TextEncoder().encode(`${JSON.stringify({ ...question, costMatrix: names })}\n`);
  const body = new Uint8Array(line.length + distances.length * distances[0].length * 8);
  body.set(line);
  const view = new DataView(body.buffer);
  distances.flat().forEach((distance, index) => view.setFloat64(line.length + index * 8, distance ?? Infinity, true));
  return body;
}


describe('a cost matrix sent as binary', () => {
  it('answers as the same matrix sent as JSON does', async () => {
    const binary = await runSiting(app, binaryBody(sf.distances));
    const json = await runSiting(app, { ...question, costMatrix: sf });
    expect(binary.coveredWeight).toBe(json.coveredWeight);
    expect(binary.sites.map((site: { id: string }) => site.id)).toEqual(json.sites.map((site: { id: string }) => site.id));
  });

  it('refuses a negative distance by its row and column, and a body of the wrong size', async () => {
    const distances = sf.distances.map((row) => [...row]);
    distances[3][7] = -1;
    const refused = await postSiting(app, binaryBody(distances));
    expect(refused.status).toBe(400);
    const { error } = await refused.json();
    expect(error.code).toBe('invalid_request');
    expect(error.details[0]).toMatchObject({ row: 3, column: 7 });
    const short = await postSiting(app, binaryBody(sf.distances).subarray(0, -8));
    expect(short.status).toBe(400);
    expect((await short.json()).error.code).toBe('matrix_shape');
  });
});
