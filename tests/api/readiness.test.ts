import { describe, expect, it } from 'vitest';
import type { ServerState } from '../../server/app.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();

/** A concrete address for every route pattern (`:id` and the like get a plausible value). */
function concretePath(pattern: string): string {
  return pattern.replace(/:[A-Za-z]+/g, (name) => (name === ':id' ? '123e4567-e89b-12d3-a456-426614174000' : name === ':file' ? '0.mvt' : '1'));
}

describe('the readiness gate', () => {
  const phases: ServerState['phase'][] = ['starting', 'migrating', 'loading', 'failed'];

  it.each(phases)('answers every route 503 with the phase while %s', async (phase) => {
    const app = createTestApp(sql, kind, { state: { phase, reason: `the server is ${phase}` } });
    const routes = app.routes.filter((route) => route.method !== 'ALL');
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const response = await app.request(concretePath(route.path), {
        method: route.method,
        headers: { 'Content-Type': 'application/json' },
        body: ['POST', 'PUT', 'PATCH'].includes(route.method) ? '{}' : undefined,
      });
      expect(response.status, `${route.method} ${route.path}`).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('5');
      expect(await response.json()).toEqual({ error: { code: 'not_ready', message: `the server is ${phase}`, details: { phase } } });
    }
  });

  it('lets requests through once ready', async () => {
    const app = createTestApp(sql, kind);
    expect((await app.request('/api/layers')).status).toBe(200);
    expect((await app.request('/ogc/collections')).status).toBe(200);
  });
});
