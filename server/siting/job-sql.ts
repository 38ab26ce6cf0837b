import type { SitingExportData, SitingJob, SitingJobStatus, SitingResult } from '../../core/siting/index.ts';
import type { Queryable } from '../db/client.ts';

/**
 * The analysis_jobs table (migration 0002). Every state change is conditional on the job still
 * being queued or running, so a cancellation from any process wins over a late result.
 */

export interface JobRow {
  id: string;
  status: SitingJobStatus;
  progress: number;
  phase: string | null;
  incumbent: number | null;
  bound: number | null;
  error: { code: string; message: string } | null;
  cancel_requested: boolean;
  created_at: Date;
  updated_at: Date;
  /** Seconds since the last heartbeat, measured by the database's clock. */
  silent_s: number;
}

type JsonValue = Parameters<Queryable['json']>[0];
const finite = (value: number | null | undefined) => (value === undefined || value === null || !Number.isFinite(value) ? null : value);

const JOB_COLUMNS = 'id, status, progress, phase, incumbent, bound, error, cancel_requested, created_at, updated_at, extract(epoch FROM now() - updated_at)::float8 AS silent_s';

/** Rows kept this long, then deleted when a new job is created. */
const JOB_RETENTION = '24 hours';

export async function insertJob(sql: Queryable, id: string, kind: string, request: unknown): Promise<JobRow> {
  await sql`DELETE FROM analysis_jobs WHERE created_at < now() - ${JOB_RETENTION}::interval`;
  await sql`INSERT INTO analysis_jobs (id, kind, status, request) VALUES (${id}, ${kind}, 'queued', ${sql.json(request as JsonValue)})`;
  return (await readJob(sql, id))!;
}

export async function readJob(sql: Queryable, id: string): Promise<JobRow | undefined> {
  const [row] = await sql.unsafe<JobRow[]>(`SELECT ${JOB_COLUMNS} FROM analysis_jobs WHERE id = $1`, [id]);
  return row;
}

export async function readJobResult(sql: Queryable, id: string): Promise<SitingResult | null> {
  const [row] = await sql<{ result: SitingResult | null }[]>`SELECT result FROM analysis_jobs WHERE id = ${id}`;
  return row?.result ?? null;
}

export interface JobOutput {
  result: SitingResult | null;
  export_data: SitingExportData | null;
  /** The request as recorded (a cost matrix only by its size): it names the export files. */
  request: { model?: string; facilityLayer?: string } | null;
}

export async function readJobOutput(sql: Queryable, id: string): Promise<JobOutput | undefined> {
  const [row] = await sql<JobOutput[]>`SELECT result, export_data, request FROM analysis_jobs WHERE id = ${id}`;
  return row;
}

export interface JobProgressUpdate {
  status?: 'running';
  progress?: number;
  phase?: string | null;
  incumbent?: number | null;
  bound?: number | null;
}

/**
 * Progress and heartbeat in one write. Returns whether the job should stop: cancelled or asked
 * to cancel (from any process), or gone.
 */
export async function touchJob(sql: Queryable, id: string, update: JobProgressUpdate): Promise<boolean> {
  const [row] = await sql<{ cancel_requested: boolean }[]>`
    UPDATE analysis_jobs SET
      status = coalesce(${update.status ?? null}::text, status),
      progress = greatest(progress, coalesce(${finite(update.progress)}::float8, progress)),
      phase = coalesce(${update.phase ?? null}::text, phase),
      incumbent = coalesce(${finite(update.incumbent)}::float8, incumbent),
      bound = coalesce(${finite(update.bound)}::float8, bound),
      updated_at = now()
    WHERE id = ${id} AND status IN ('queued', 'running')
    RETURNING cancel_requested`;
  return !row || row.cancel_requested;
}

export async function finishJob(sql: Queryable, id: string, result: SitingResult, exportData: SitingExportData): Promise<boolean> {
  const rows = await sql`
    UPDATE analysis_jobs SET status = 'done', progress = 1, phase = 'done', incumbent = ${finite(result.objective)}::float8, bound = ${finite(result.bound)}::float8,
      result = ${sql.json(result as unknown as JsonValue)}, export_data = ${sql.json(exportData as unknown as JsonValue)}, updated_at = now()
    WHERE id = ${id} AND status IN ('queued', 'running') RETURNING id`;
  return rows.length > 0;
}

/** A cancelled job keeps the best answer found before it stopped (its result says so). */
export async function keepCancelledResult(sql: Queryable, id: string, result: SitingResult, exportData: SitingExportData): Promise<boolean> {
  const rows = await sql`
    UPDATE analysis_jobs SET incumbent = ${finite(result.objective)}::float8, bound = ${finite(result.bound)}::float8,
      result = ${sql.json(result as unknown as JsonValue)}, export_data = ${sql.json(exportData as unknown as JsonValue)}, updated_at = now()
    WHERE id = ${id} AND status = 'cancelled' AND result IS NULL RETURNING id`;
  return rows.length > 0;
}

export async function failJob(sql: Queryable, id: string, error: { code: string; message: string }): Promise<boolean> {
  const rows = await sql`
    UPDATE analysis_jobs SET status = 'failed', error = ${sql.json(error)}, updated_at = now()
    WHERE id = ${id} AND status IN ('queued', 'running') RETURNING id`;
  return rows.length > 0;
}

/** Cancel a job that is still queued or running; undefined when it is not (gone or finished). */
export async function cancelJob(sql: Queryable, id: string): Promise<JobRow | undefined> {
  const [row] = await sql.unsafe<JobRow[]>(
    `UPDATE analysis_jobs SET status = 'cancelled', cancel_requested = true, updated_at = now()
     WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${JOB_COLUMNS}`,
    [id],
  );
  return row;
}

/** A job whose owner stopped beating (its process died): mark it failed, once. */
export async function markJobLost(sql: Queryable, id: string, silentS: number): Promise<JobRow | undefined> {
  const error = { code: 'job_lost', message: `the process running this job stopped reporting (no heartbeat for over ${Math.round(silentS)} s)` };
  const rows = await sql`
    UPDATE analysis_jobs SET status = 'failed', error = ${sql.json(error)}, updated_at = now()
    WHERE id = ${id} AND status IN ('queued', 'running') AND updated_at < now() - make_interval(secs => ${silentS}::float8) RETURNING id`;
  return rows.length ? readJob(sql, id) : undefined;
}

export function toSitingJob(row: JobRow, basePath: string): SitingJob {
  const self = `${basePath}/jobs/${row.id}`;
  return {
    id: row.id,
    status: row.status,
    progress: Math.round(row.progress * 1000) / 1000,
    phase: row.phase,
    incumbent: row.incumbent,
    bound: row.bound,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    error: row.error,
    links: { self, result: self, geojson: `${self}/result.geojson`, csv: `${self}/result.csv` },
  };
}
