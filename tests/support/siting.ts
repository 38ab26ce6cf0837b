import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { CostMatrixRows } from '../../core/siting/index.ts';

/** POST a siting request; the body may be an object, raw text or the binary body (bytes). */
export function postSiting(app: Hono<never> | { request: Hono['request'] }, body: unknown) {
  if (body instanceof Uint8Array) return app.request('/api/analysis/siting', { method: 'POST', body: new Blob([body as Uint8Array<ArrayBuffer>]), headers: { 'Content-Type': 'application/octet-stream' } });
  return app.request('/api/analysis/siting', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

/**
 * spopt's San Francisco case: 16 candidate stores × 205 census tracts, network distances in
 * metres, tract population as weight (tests/fixtures/spopt-sf, BSD-3).
 */
export function readSanFranciscoMatrix(): CostMatrixRows {
  const path = fileURLToPath(new URL('../fixtures/spopt-sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv', import.meta.url));
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1);
  const candidates: string[] = [];
  const demands: Array<{ id: string; weight: number }> = [];
  const candidateIndex = new Map<string, number>();
  const demandIndex = new Map<string, number>();
  const cells: Array<[number, number, number]> = [];
  for (const line of lines) {
    const [distance, store, tract, weight] = line.split(',');
    if (!candidateIndex.has(store)) candidateIndex.set(store, candidates.push(store) - 1);
    if (!demandIndex.has(tract)) demandIndex.set(tract, demands.push({ id: tract, weight: Number(weight) }) - 1);
    cells.push([candidateIndex.get(store)!, demandIndex.get(tract)!, Number(distance)]);
  }
  const distances = candidates.map(() => new Array<number | null>(demands.length).fill(null));
  for (const [candidate, demand, distance] of cells) distances[candidate][demand] = distance;
  return { candidates, demands, distances };
}

/**
 * POST and, when the answer is a 202 job, poll it until it is done: the result with its job,
 * whichever way it came. `answeredAtOnce` says whether it was a 200.
 */
export async function runSiting(app: { request: Hono['request'] }, body: unknown, timeoutMs = 60_000) {
  const response = await postSiting(app, body);
  if (response.status === 200) return { ...(await response.json()), answeredAtOnce: true };
  if (response.status !== 202) throw new Error(`siting answered ${response.status}: ${await response.text()}`);
  const { job } = await response.json();
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const state = await (await app.request(job.links.self)).json();
    if (state.job.status === 'done') return { ...state.result, job: state.job, answeredAtOnce: false };
    if (state.job.status !== 'queued' && state.job.status !== 'running') throw new Error(`siting job ended ${state.job.status}: ${JSON.stringify(state.job.error)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`siting job ${job.id} did not finish within ${timeoutMs} ms`);
}
