import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fromDemandPayload, type DemandPayload } from '../../core/analysis/demand-set.ts';
import { createPointFacility } from '../../core/analysis/facility.ts';
import { WhatIfCoverage } from '../../core/analysis/what-if.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

describe('GET /api/analysis/demand', () => {
  it('sends every populated cell once, with the population the table holds', async () => {
    const response = await app.request('/api/analysis/demand', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    const payload = JSON.parse(gunzipSync(new Uint8Array(await response.arrayBuffer())).toString('utf8')) as DemandPayload;
    const [table] = await sql<{ cells: number; people: number }[]>`SELECT count(*)::int AS cells, sum(population)::int AS people FROM population`;
    expect(payload.ids.length).toBe(table.cells);
    expect(new Set(payload.ids).size).toBe(table.cells);
    expect(payload.population.reduce((sum, value) => sum + value, 0)).toBe(table.people);
    expect(payload.communities.length).toBe(150);
  });

  it('lets the browser reproduce the server’s coverage exactly (same centres, same numbers)', async () => {
    const payload = (await (await app.request('/api/analysis/demand')).json()) as DemandPayload;
    const kindergartens = await sql<{ lon: number; lat: number }[]>`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM kindergartens ORDER BY id`;
    const local = new WhatIfCoverage(fromDemandPayload(payload), kindergartens.map(({ lon, lat }) => createPointFacility(lon, lat)), 300);
    const server = await (await app.request('/api/analysis/coverage', { method: 'POST', body: JSON.stringify({ layer: 'kindergartens', radius: 300 }), headers: { 'Content-Type': 'application/json' } })).json();
    expect(local.coveredPopulation).toBe(server.coveredPopulation);
  });

  it('answers 304 to a client that holds the current data', async () => {
    const first = await app.request('/api/analysis/demand');
    const etag = first.headers.get('ETag')!;
    expect((await app.request('/api/analysis/demand', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });
});
