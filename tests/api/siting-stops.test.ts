import { describe, expect, it } from 'vitest';
import type { SitingResult } from '../../core/siting/index.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { postSiting, runSiting } from '../support/siting.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Thousands of grid candidates, exact: the solver is still at work seconds in. */
const slowRequest = { model: 'mclp', p: 12, facilityLayer: 'kindergartens', candidates: { grid: 150 }, method: 'exact', timeLimit: 20 };

async function waitForPhase(link: string, phase: string, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { job } = await (await app.request(link)).json();
    if (job.phase === phase || job.status !== 'running' && job.status !== 'queued' || performance.now() > deadline) return job;
    await sleep(100);
  }
}

const fileNameOf = (response: Response) => /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];

describe('a siting run stopped early keeps what it found', () => {
  it('Cancel during the exact solve answers with the best answer so far, said to be stopped, with its gap; the job keeps it and exports it', async () => {
    const { job } = await (await postSiting(app, slowRequest)).json();
    expect((await waitForPhase(job.links.self, 'exact')).phase).toBe('exact');
    const response = await app.request(job.links.self, { method: 'DELETE' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { job: { status: string }; result?: SitingResult };
    expect(body.job.status).toBe('cancelled');
    expect(body.result).toMatchObject({ stoppedEarly: 'cancelled', model: 'mclp', p: 12, facilityLayer: 'kindergartens' });
    expect(body.result!.chosen).toHaveLength(12);
    expect(body.result!.gap).toEqual(expect.any(Number));
    expect(body.result!.bound).toBeGreaterThanOrEqual(body.result!.objective);

    const state = await (await app.request(job.links.self)).json();
    expect(state).toMatchObject({ job: { status: 'cancelled' }, result: { stoppedEarly: 'cancelled', chosen: body.result!.chosen } });
    const csv = await app.request(job.links.csv);
    expect(csv.status).toBe(200);
    expect(fileNameOf(csv)).toBe('siting-mclp-kindergartens-p12.csv');
  }, 120_000);

  it('a cancel before any answer exists is a plain cancel', async () => {
    const { job } = await (await postSiting(app, { ...slowRequest, candidates: { grid: 120 } })).json();
    const response = await app.request(job.links.self, { method: 'DELETE' });
    const body = await response.json();
    expect(body.job.status).toBe('cancelled');
    expect(body.result).toBeUndefined();
    expect((await app.request(job.links.csv)).status).toBe(409);
  }, 60_000);
});

describe('siting results say what they are about', () => {
  it('exports are named after the question', async () => {
    const mclp = await runSiting(app, { model: 'mclp', p: 2, facilityLayer: 'kindergartens', method: 'heuristic' });
    expect(fileNameOf(await app.request(mclp.job.links.csv))).toBe('siting-mclp-kindergartens-p2.csv');
    expect(fileNameOf(await app.request(mclp.job.links.geojson))).toBe('siting-mclp-kindergartens-p2.geojson');
    const lscp = await runSiting(app, { model: 'lscp', radius: 300, facilityLayer: 'fresh_markets', method: 'heuristic' });
    expect(fileNameOf(await app.request(lscp.job.links.csv))).toBe('siting-lscp-fresh_markets-300m.csv');
  });

  it('grid candidates are named by their community and a number there', async () => {
    const result = await runSiting(app, { model: 'mclp', p: 4, facilityLayer: 'kindergartens', candidates: { grid: 500 }, method: 'heuristic' });
    expect(result.sites).toHaveLength(4);
    const [community] = await sql<{ name: string }[]>`SELECT name FROM communities
      WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(${result.sites[0].lon}, ${result.sites[0].lat}), 4326)) ORDER BY code LIMIT 1`;
    expect(result.sites[0].area).toMatchObject({ name: community.name, number: expect.any(Number) });
    const labels = result.sites.map((site: SitingResult['sites'][number]) => `${site.area?.name} ${site.area?.number}`);
    expect(new Set(labels).size).toBe(4);
  });

  it('p-median reports the distances today beside those with the new sites', async () => {
    const result = await runSiting(app, { model: 'pmedian', p: 3, facilityLayer: 'kindergartens', method: 'heuristic' });
    expect(result.baselineMeanWeightedDistance).toEqual(expect.any(Number));
    expect(result.baselineTotalWeightedDistance).toBeGreaterThan(result.totalWeightedDistance);
    expect(result.baselineMeanWeightedDistance).toBeGreaterThan(result.meanWeightedDistance);
    expect(result.baselineUnreachableDemands).toEqual(expect.any(Number));
  });

  it('set covering that cannot reach everyone says how many are out of reach and whether the rest is covered by the fewest sites', async () => {
    const costMatrix = {
      candidates: ['a', 'b', 'c'],
      demands: [{ id: 'x', weight: 10 }, { id: 'y', weight: 20 }, { id: 'z', weight: 7 }, { id: 'far', weight: 5 }],
      distances: [[100, 900, 900, null], [900, 100, 900, null], [150, 150, 100, 5000]],
    };
    const result = await runSiting(app, { model: 'lscp', radius: 200, costMatrix, method: 'exact' });
    expect(result.chosen).toEqual(['c']);
    expect(result.partialCover).toEqual({ outOfReachDemands: 1, outOfReachWeight: 5, status: 'optimal', gap: 0, bound: 1 });
  });

  it('a bad distance is named by its row and column, without a per-cell schema', async () => {
    const costMatrix = { candidates: ['a', 'b'], demands: [{ id: 'x', weight: 1 }, { id: 'y', weight: 1 }], distances: [[1, 2], [3, '4']] };
    const response = await postSiting(app, { model: 'pmedian', p: 1, costMatrix });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('invalid_request');
    expect(error.details[0].path).toBe('costMatrix.distances.1.1');
    const negative = await (await postSiting(app, { model: 'pmedian', p: 1, costMatrix: { ...costMatrix, distances: [[1, -2], [3, 4]] } })).json();
    expect(negative.error.details[0].path).toBe('costMatrix.distances.0.1');
  });
});
