import { describe, expect, it } from 'vitest';
import type { ServerState } from '../../server/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { createTestApp } from '../support/app.ts';

const { sql, kind } = useTestDatabase();

function appWith(state: ServerState) {
  return createTestApp(sql, kind, { state });
}

describe('GET /api/health', () => {
  it('reports the database kind and PostGIS version once ready', async () => {
    const response = await appWith({ phase: 'ready', database: kind }).request('/api/health');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ status: 'ok', database: kind, postgis: expect.stringMatching(/^3\.\d+\.\d+/) });
  });

  it('answers 503 with the reason while the data is loading', async () => {
    const response = await appWith({ phase: 'loading', reason: 'loading the demo dataset', database: kind }).request('/api/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { code: 'not_ready', message: 'loading the demo dataset', details: { phase: 'loading' } },
    });
  });

  it('answers an unknown path with the standard error shape', async () => {
    const response = await appWith({ phase: 'ready', database: kind }).request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });
});
