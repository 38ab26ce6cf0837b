import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { postSiting, readSanFranciscoMatrix, runSiting } from '../support/siting.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

/** Every refusal has the one error shape and gives nothing internal away. */
async function expectError(response: Response, status: number, code: string) {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status });
  const body = JSON.parse(text);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(text).not.toMatch(/SELECT|FROM |postgres:\/\/|\bat [\w.<>]+ \(|\.ts:\d+/);
  return body;
}

const countJobs = async () => (await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM analysis_jobs`)[0].count;

const sf = readSanFranciscoMatrix();
const tiny = {
  candidates: ['a', 'b'],
  demands: [{ id: 'x', weight: 1 }, { id: 'y', weight: 2 }, { id: 'z', weight: 3 }],
  distances: [[100, 900, null], [800, 50, null]],
};

describe('siting refuses bad requests, and writes no job for them', () => {
  let jobsBefore = 0;
  beforeAll(async () => {
    jobsBefore = await countJobs();
  });

  it.each([
    ['both a matrix and a layer', { model: 'mclp', p: 1, radius: 500, costMatrix: tiny, facilityLayer: 'kindergartens' }, 400, 'conflicting_inputs'],
    ['neither a matrix nor a layer', { model: 'mclp', p: 1, radius: 500 }, 400, 'missing_problem'],
    ['mclp without p', { model: 'mclp', radius: 500, costMatrix: tiny }, 400, 'p_required'],
    ['pmedian without p', { model: 'pmedian', facilityLayer: 'kindergartens' }, 400, 'p_required'],
    ['p = 0', { model: 'mclp', p: 0, radius: 500, costMatrix: tiny }, 400, 'invalid_request'],
    ['p = −1', { model: 'pmedian', p: -1, costMatrix: tiny }, 400, 'invalid_request'],
    ['p above the candidates', { model: 'mclp', p: 17, radius: 5000, costMatrix: sf }, 400, 'p_too_large'],
    ['p above the candidates that are not fixed', { model: 'mclp', p: 5, radius: 5000, costMatrix: { ...sf, fixed: sf.candidates.slice(0, 12) } }, 400, 'p_too_large'],
    ['p above the idle plots', { model: 'mclp', p: 200, facilityLayer: 'kindergartens' }, 400, 'p_too_large'],
    ['an empty matrix', { model: 'pmedian', p: 1, costMatrix: { ...tiny, distances: [] } }, 400, 'empty_matrix'],
    ['a ragged matrix', { model: 'pmedian', p: 1, costMatrix: { ...tiny, distances: [[1, 2, 3], [4, 5]] } }, 400, 'ragged_matrix'],
    ['a negative weight', { model: 'pmedian', p: 1, costMatrix: { ...tiny, demands: [{ id: 'x', weight: -1 }, ...tiny.demands.slice(1)] } }, 400, 'invalid_request'],
    ['a negative distance', { model: 'pmedian', p: 1, costMatrix: { ...tiny, distances: [[-1, 2, 3], [4, 5, 6]] } }, 400, 'invalid_request'],
    ['a matrix over the size limit', { model: 'pmedian', p: 1, costMatrix: { candidates: Array.from({ length: 2000 }, (_, index) => `c${index}`), demands: Array.from({ length: 1001 }, (_, index) => ({ id: `d${index}`, weight: 1 })), distances: [] } }, 400, 'matrix_too_large'],
    ['a fixed id that is no candidate', { model: 'pmedian', p: 1, costMatrix: { ...tiny, fixed: ['q'] } }, 400, 'unknown_fixed'],
    ['a repeated candidate id', { model: 'pmedian', p: 1, costMatrix: { ...tiny, candidates: ['a', 'a'] } }, 400, 'duplicate_candidate'],
    ['a covering matrix without a radius', { model: 'mclp', p: 1, costMatrix: tiny }, 400, 'radius_required'],
    ['candidates beside a matrix', { model: 'pmedian', p: 1, costMatrix: tiny, candidates: 'idle_plots' }, 400, 'conflicting_inputs'],
    ['capacities for a p-median', { model: 'pmedian', p: 1, costMatrix: { ...tiny, capacities: [1, 1] } }, 400, 'capacity_needs_mclp'],
    ['an unknown facility layer', { model: 'mclp', p: 1, facilityLayer: 'schools' }, 404, 'unknown_layer'],
    ['SQL as a facility layer', { model: 'mclp', p: 1, facilityLayer: "kindergartens'; DROP TABLE analysis_jobs; --" }, 404, 'unknown_layer'],
    ['an unknown candidate layer', { model: 'mclp', p: 1, facilityLayer: 'kindergartens', candidates: 'vacant_lots' }, 404, 'unknown_layer'],
    ['a frame layer as the facility layer', { model: 'mclp', p: 1, facilityLayer: 'roads' }, 400, 'not_a_facility_layer'],
    ['a layer without a standard radius, and none given', { model: 'lscp', facilityLayer: 'idle_plots' }, 400, 'radius_required'],
    ['a grid too fine for the district', { model: 'mclp', p: 1, facilityLayer: 'kindergartens', candidates: { grid: 100 } }, 400, 'too_many_candidates'],
    ['a grid finer than the limit', { model: 'mclp', p: 1, facilityLayer: 'kindergartens', candidates: { grid: 10 } }, 400, 'invalid_request'],
    ['a point outside the district', { model: 'mclp', p: 1, facilityLayer: 'kindergartens', candidates: { points: [{ lon: 106.6, lat: 29.55 }, { lon: 0, lat: 0 }] } }, 400, 'outside_district'],
    ['capacity for a layer without a capacity column', { model: 'mclp', p: 1, facilityLayer: 'health_stations', capacity: { newSiteCapacity: 100, demandPerResident: 0.01 } }, 400, 'no_capacity_column'],
    ['capacity for an lscp', { model: 'lscp', facilityLayer: 'kindergartens', capacity: { newSiteCapacity: 100, demandPerResident: 0.01 } }, 400, 'capacity_needs_mclp'],
    ['an unknown model', { model: 'p-centre', p: 1, facilityLayer: 'kindergartens' }, 400, 'invalid_request'],
    ['an unknown field', { model: 'mclp', p: 1, facilityLayer: 'kindergartens', where: '1=1' }, 400, 'invalid_request'],
    ['a time limit over the cap', { model: 'mclp', p: 1, facilityLayer: 'kindergartens', timeLimit: 1e6 }, 400, 'invalid_request'],
  ])('%s', async (_, body, status, code) => {
    await expectError(await postSiting(app, body), status, code);
  });

  it('names the short row of a ragged matrix', async () => {
    const body = await expectError(await postSiting(app, { model: 'pmedian', p: 1, costMatrix: { ...tiny, distances: [[1, 2, 3], [4, 5]] } }), 400, 'ragged_matrix');
    expect(body.error.message).toContain('row 1 (candidate "b")');
  });

  it('malformed JSON and an oversized body', async () => {
    await expectError(await postSiting(app, '{"model": "mclp"'), 400, 'invalid_json');
    await expectError(await postSiting(app, JSON.stringify({ model: 'mclp', padding: 'x'.repeat(40_000_000) })), 400, 'body_too_large');
  });

  it('takes a body far above the 4 KB of other analyses (a cost matrix)', async () => {
    expect(JSON.stringify(sf).length).toBeGreaterThan(50_000);
    expect((await postSiting(app, { model: 'mclp', p: 2, radius: 5000, method: 'heuristic', costMatrix: sf })).status).toBeLessThan(300);
  });

  it('left the jobs table as it was, but for the one good request', async () => {
    expect(await countJobs()).toBe(jobsBefore + 1);
  });
});

describe('an LSCP that cannot cover everyone is an answer, not an error', () => {
  it('status "infeasible" with the uncoverable demand listed', async () => {
    const body = await runSiting(app, { model: 'lscp', radius: 1000, costMatrix: tiny });
    expect(body).toMatchObject({ model: 'lscp', status: 'infeasible', uncoveredDemandIds: ['z'] });
    expect(body.job.status).toBe('done');
  });
});

describe('jobs by id', () => {
  it('an unknown job is a 404, a malformed id a 400, everywhere', async () => {
    const unknown = '/api/analysis/siting/jobs/123e4567-e89b-12d3-a456-426614174000';
    await expectError(await app.request(unknown), 404, 'unknown_job');
    await expectError(await app.request(unknown, { method: 'DELETE' }), 404, 'unknown_job');
    await expectError(await app.request(`${unknown}/result.csv`), 404, 'unknown_job');
    await expectError(await app.request('/api/analysis/siting/jobs/1;DROP'), 400, 'invalid_job_id');
    await expectError(await app.request('/api/analysis/siting/jobs/not-a-uuid/result.geojson'), 400, 'invalid_job_id');
  });
});
