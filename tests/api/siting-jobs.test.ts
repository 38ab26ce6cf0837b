import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { postSiting, runSiting } from '../support/siting.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

/** A run that cannot end within a second: thousands of grid candidates, exact, a few seconds allowed. */
const slowRequest = { model: 'mclp', p: 12, facilityLayer: 'kindergartens', candidates: { grid: 150 }, method: 'exact', timeLimit: 8 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readJob(link: string) {
  const response = await app.request(link);
  expect(response.status).toBe(200);
  return (await response.json()).job;
}

async function waitFor(link: string, done: (job: { status: string; progress: number }) => boolean, timeoutMs = 20_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const job = await readJob(link);
    if (done(job) || performance.now() > deadline) return job;
    await sleep(100);
  }
}

beforeAll(() => runSiting(app, { model: 'mclp', p: 1, facilityLayer: 'kindergartens', method: 'heuristic' }));

describe('a siting run longer than a second is a job', () => {
  it('202 with a Location; progress grows; DELETE cancels it and it stays cancelled', async () => {
    const response = await postSiting(app, slowRequest);
    expect(response.status).toBe(202);
    const { job } = await response.json();
    expect(response.headers.get('Location')).toBe(job.links.self);
    expect(job).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: expect.stringMatching(/^(queued|running)$/) });
    const first = await waitFor(job.links.self, (state) => state.progress > 0);
    expect(first.status).toBe('running');
    expect(first.phase).toEqual(expect.any(String));
    const later = await waitFor(job.links.self, (state) => state.progress > first.progress, 10_000);
    expect(later.progress).toBeGreaterThan(first.progress);
    const exportEarly = await app.request(job.links.csv);
    expect(exportEarly.status).toBe(409);
    expect((await exportEarly.json()).error.code).toBe('job_not_done');

    const cancelled = await app.request(job.links.self, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()).job.status).toBe('cancelled');
    await sleep(2_500);
    expect((await readJob(job.links.self)).status).toBe('cancelled');
    expect((await app.request(job.links.self, { method: 'DELETE' })).status).toBe(200);
  });

  it('a cancel written by another process stops the owner\'s thread', async () => {
    const { job } = await (await postSiting(app, slowRequest)).json();
    await waitFor(job.links.self, (state) => state.status === 'running');
    // What a DELETE served by another API process does: it only has the table.
    await sql`UPDATE analysis_jobs SET status = 'cancelled', cancel_requested = true WHERE id = ${job.id}`;
    await sleep(3_500);
    // Both threads of the pool are free again: two new slow jobs both run at once.
    const second = (await (await postSiting(app, slowRequest)).json()).job;
    const third = (await (await postSiting(app, slowRequest)).json()).job;
    expect((await waitFor(second.links.self, (state) => state.status === 'running', 5_000)).status).toBe('running');
    expect((await waitFor(third.links.self, (state) => state.status === 'running', 5_000)).status).toBe('running');
    // A third waits for a thread, and can be cancelled while it waits.
    const waiting = (await (await postSiting(app, slowRequest)).json()).job;
    expect(waiting.status).toBe('queued');
    expect((await (await app.request(waiting.links.self, { method: 'DELETE' })).json()).job.status).toBe('cancelled');
    expect((await readJob(waiting.links.self)).status).toBe('cancelled');
    for (const other of [second, third]) expect((await app.request(other.links.self, { method: 'DELETE' })).status).toBe(200);
    expect((await readJob(job.links.self)).status).toBe('cancelled');
  });

  it('a finished job cannot be cancelled (409) and keeps its result', async () => {
    const body = await runSiting(app, { model: 'mclp', p: 2, facilityLayer: 'kindergartens', method: 'heuristic' });
    const response = await app.request(body.job.links.self, { method: 'DELETE' });
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe('job_finished');
    const state = await (await app.request(body.job.links.self)).json();
    expect(state).toMatchObject({ job: { status: 'done', progress: 1 }, result: { chosen: body.chosen } });
  });

  it('a running job whose owner went silent for 30 s is reported lost', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    await sql`INSERT INTO analysis_jobs (id, kind, status, request, updated_at) VALUES (${id}, 'siting', 'running', '{}'::jsonb, now() - interval '1 minute')`;
    const state = await (await app.request(`/api/analysis/siting/jobs/${id}`)).json();
    expect(state.job).toMatchObject({ status: 'failed', error: { code: 'job_lost' } });
    expect((await (await app.request(`/api/analysis/siting/jobs/${id}`)).json()).job.status).toBe('failed');
  });

  it('jobs older than a day are deleted when a new one is created', async () => {
    const id = '00000000-0000-4000-8000-000000000002';
    await sql`INSERT INTO analysis_jobs (id, kind, status, request, created_at) VALUES (${id}, 'siting', 'done', '{}'::jsonb, now() - interval '25 hours')`;
    await runSiting(app, { model: 'mclp', p: 1, facilityLayer: 'kindergartens', method: 'heuristic' });
    expect((await app.request(`/api/analysis/siting/jobs/${id}`)).status).toBe(404);
  });
});
