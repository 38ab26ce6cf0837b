import { Hono, type Context } from 'hono';
import { formatSitingCsv, formatSitingGeoJson, SITING_LIMITS, sitingExportName } from '../../core/siting/index.ts';
import type { AppEnv } from '../app-env.ts';
import type { Queryable } from '../db/client.ts';
import { limitBodyChars } from '../http/read-body.ts';
import { ApiError, badRequest, conflict, notFound } from '../errors.ts';
import { cancelJob, markJobLost, readJob, readJobOutput, readJobResult, toSitingJob, type JobRow } from './job-sql.ts';
import { readSitingRequest } from './read-siting-body.ts';
import { prepareSitingProblem } from './siting-problem.ts';

/** Mounted at /api/analysis/siting (links in job documents are built from this). */
export const SITING_BASE_PATH = '/api/analysis/siting';
/** A job that ends within this time is answered at once (200); otherwise 202 and the job to poll. */
const ANSWER_WITHIN_MS = 1_000;
/** A queued or running job whose owner has not beaten for this long is reported lost. */
const LOST_AFTER_S = 30;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const sitingRoutes = new Hono<AppEnv>();

const streamLimit = limitBodyChars(SITING_LIMITS.maxBodyChars);

/** Choose sites: solve at once when quick, else a job (status, progress, cancel, exports). */
sitingRoutes.post('/', streamLimit, async (context) => {
  const startedAtMs = Date.now();
  const request = await readSitingRequest(context);
  const { sql, services } = context.get('deps');
  const problem = await prepareSitingProblem(sql, services, request, startedAtMs);
  const { id, finished } = await services.siting.start(problem);
  let release = () => {};
  const waited = new Promise<undefined>((resolve) => (release = () => resolve(undefined)));
  const timer = setTimeout(release, ANSWER_WITHIN_MS);
  const result = await Promise.race([finished, waited]);
  clearTimeout(timer);
  const row = (await readJob(sql, id))!;
  const job = toSitingJob(row, SITING_BASE_PATH);
  if (result && row.status === 'done') return context.json({ ...result, job }, 200);
  if (row.status === 'failed') throw new ApiError(500, row.error?.code ?? 'solver_failed', row.error?.message ?? 'the siting run failed', { job });
  context.header('Location', job.links.self);
  return context.json({ job }, 202);
});

/** A job's state, and its result once done. */
sitingRoutes.get('/jobs/:id', async (context) => {
  const row = await requireJob(context);
  const job = toSitingJob(row, SITING_BASE_PATH);
  // A cancelled job may hold the best answer it found before it stopped.
  if (row.status !== 'done' && row.status !== 'cancelled') return context.json({ job });
  const result = await readJobResult(context.get('deps').sql, row.id);
  return context.json({ job, result: result ?? undefined });
});

/** Cancel a queued or running job (from any process); cancelling twice is fine, a finished job is a 409. */
sitingRoutes.delete('/jobs/:id', async (context) => {
  const { sql, services } = context.get('deps');
  const id = readJobId(context);
  const cancelled = await cancelJob(sql, id);
  if (cancelled) {
    // Solved here: wait for the solve to stop, so the answer carries its best answer so far.
    await services.siting.cancel(id);
    return context.json(await cancelledAnswer(sql, id, cancelled));
  }
  const row = await requireJob(context);
  if (row.status === 'cancelled') return context.json(await cancelledAnswer(sql, id, row));
  throw conflict('job_finished', `job ${row.id} has already ${row.status === 'done' ? 'finished' : 'failed'}; there is nothing to cancel`, { status: row.status });
});

/** A cancelled job, with the best answer it had found when stopped (if any). */
async function cancelledAnswer(sql: Queryable, id: string, row: JobRow) {
  const result = await readJobResult(sql, id);
  return { job: toSitingJob((await readJob(sql, id)) ?? row, SITING_BASE_PATH), ...(result ? { result } : {}) };
}

sitingRoutes.get('/jobs/:id/result.geojson', async (context) => {
  const { result, exportData } = await requireOutput(context);
  context.header('Content-Type', 'application/geo+json');
  context.header('Content-Disposition', `attachment; filename="${sitingExportName(result)}.geojson"`);
  return context.body(JSON.stringify(formatSitingGeoJson(result, exportData)));
});

sitingRoutes.get('/jobs/:id/result.csv', async (context) => {
  const { result } = await requireOutput(context);
  context.header('Content-Type', 'text/csv; charset=utf-8');
  context.header('Content-Disposition', `attachment; filename="${sitingExportName(result)}.csv"`);
  return context.body(formatSitingCsv(result));
});

function readJobId(context: Context<AppEnv>): string {
  const id = context.req.param('id') ?? '';
  if (!UUID_PATTERN.test(id)) throw badRequest('invalid_job_id', 'a job id is a UUID like 123e4567-e89b-12d3-a456-426614174000');
  return id.toLowerCase();
}

/** The job, with a silent owner's job turned into a failed one ("job_lost"). */
async function requireJob(context: Context<AppEnv>): Promise<JobRow> {
  const { sql } = context.get('deps');
  const id = readJobId(context);
  const row = await readJob(sql, id);
  if (!row) throw notFound('unknown_job', `no siting job ${id} (jobs are kept for 24 hours)`);
  if ((row.status === 'queued' || row.status === 'running') && row.silent_s > LOST_AFTER_S) {
    return (await markJobLost(sql, id, LOST_AFTER_S)) ?? (await readJob(sql, id)) ?? row;
  }
  return row;
}

async function requireOutput(context: Context<AppEnv>) {
  const row = await requireJob(context);
  if (row.status !== 'done' && row.status !== 'cancelled') throw conflict('job_not_done', `job ${row.id} is ${row.status}: its result can be exported once it is done`, { status: row.status });
  const output = await readJobOutput(context.get('deps').sql, row.id);
  if (!output?.result || !output.export_data) throw conflict('job_not_done', `job ${row.id} has no result to export`, { status: row.status });
  // Results kept before the layer was recorded in them: the job's request names it.
  const result = { ...output.result, facilityLayer: output.result.facilityLayer ?? output.request?.facilityLayer };
  return { id: row.id, result, exportData: output.export_data };
}
