import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { readSanFranciscoMatrix, runSiting } from '../support/siting.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

describe('siting on a supplied cost matrix (spopt San Francisco: 16 stores × 205 tracts)', () => {
  const costMatrix = readSanFranciscoMatrix();

  // The first run of a process starts a solving thread (tsx and the WebAssembly solver).
  beforeAll(() => runSiting(app, { model: 'mclp', p: 1, radius: 5000, method: 'heuristic', costMatrix }));

  // Whether it comes at once (200) or as a job (202) depends on how busy the machine is, not on
  // the code: the result and its job are checked either way.
  it('MCLP, 5 km, p = 4: spopt\'s answer, proven optimal, with its job', async () => {
    const body = await runSiting(app, { model: 'mclp', p: 4, radius: 5000, method: 'exact', costMatrix });
    expect(body).toMatchObject({ model: 'mclp', status: 'optimal', method: 'exact', coveredWeight: 875247, uncoveredDemands: 21, candidateCount: 16, demandCount: 205, p: 4, radius: 5000 });
    expect(new Set(body.chosen)).toEqual(new Set(['Store_2', 'Store_11', 'Store_12', 'Store_15']));
    expect(body.uncoveredDemandIds).toHaveLength(21);
    expect(body.sites.map((site: { id: string }) => site.id)).toEqual(body.chosen);
    expect(body.sites[0].lon).toBeUndefined();
    expect(body.curve.map((point: { p: number }) => point.p)).toEqual([1, 2, 3, 4]);
    expect(body.curve[3].coveredWeight).toBe(875247);
    expect(body.job).toMatchObject({ status: 'done', progress: 1 });
    const stored = await (await app.request(body.job.links.self)).json()
    expect(stored.result.coveredWeight).toBe(875247);
  });

  it('the same matrix as a p-median and as an LSCP', async () => {
    const median = await runSiting(app, { model: 'pmedian', p: 4, costMatrix });
    expect(median).toMatchObject({ model: 'pmedian', demandCount: 205 });
    expect(median.chosen).toHaveLength(4);
    expect(median.assignments).toHaveLength(205);
    expect(median.totalWeightedDistance).toBeGreaterThan(0);
    const lscp = await runSiting(app, { model: 'lscp', radius: 5000, costMatrix });
    expect(lscp.model).toBe('lscp');
    expect(['optimal', 'feasible', 'infeasible']).toContain(lscp.status);
  });

  it('exports a matrix result without places: null geometries, and a CSV row per site', async () => {
    const body = await runSiting(app, { model: 'mclp', p: 4, radius: 5000, costMatrix });
    const exported = await app.request(body.job.links.geojson);
    expect(exported.headers.get('Content-Type')).toContain('application/geo+json');
    const geojson = await exported.json();
    expect(geojson).toMatchObject({ type: 'FeatureCollection' });
    const sites = geojson.features.filter((feature: { properties: { kind: string } }) => feature.properties.kind === 'site');
    expect(sites).toHaveLength(4);
    expect(sites.every((feature: { geometry: unknown }) => feature.geometry === null)).toBe(true);
    const uncovered = geojson.features.filter((feature: { properties: { kind: string } }) => feature.properties.kind === 'uncovered');
    expect(uncovered).toHaveLength(21);
    const bytes = new Uint8Array(await (await app.request(body.job.links.csv)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.trim().split('\r\n')).toHaveLength(5);
  });
});
