import { randomUUID } from 'node:crypto';
import { SitingCancelled, type InstanceRecipe, type SitingDescription, type SitingInstance, type SitingProgress, type SitingResult, type SitingSolveOptions } from '../../core/siting/index.ts';
import type { Sql } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { failJob, finishJob, insertJob, keepCancelledResult, touchJob } from './job-sql.ts';
import type { SolveHandle, SolverPool } from './worker-pool.ts';

/** A problem ready to solve, with what the result needs to name its indices. */
export interface SitingProblem {
  instance: SitingInstance;
  /** Our data: coverage lists or distances the solving thread builds. */
  recipe?: InstanceRecipe;
  options: Omit<SitingSolveOptions, 'onProgress' | 'shouldStop' | 'onCheckpoint'>;
  description: SitingDescription;
  /** What the job row records of the request (a cost matrix only by its size). */
  record: unknown;
  /** Epoch milliseconds when the request arrived: elapsedMs counts from there. */
  startedAtMs: number;
}

/** Progress is written at most this often; with no news, a heartbeat (and a look for a cancel from another process) this often. */
const PROGRESS_WRITE_MS = 250;
const HEARTBEAT_MS = 1_000;

/**
 * Runs siting jobs of this process: the row is the job's state for every process; this side
 * keeps only the handle to stop the solving thread. A DELETE served here stops it at once; one
 * served by another process sets cancel_requested, which the heartbeat notices.
 */
export class JobRunner {
  private readonly running = new Map<string, { handle: SolveHandle; finished: Promise<unknown> }>();

  constructor(private readonly sql: Sql, private readonly log: Logger, private readonly pool: SolverPool) {}

  /** Create the job row and start solving; `finished` gives the result (undefined when it did not end with one). */
  async start(problem: SitingProblem): Promise<{ id: string; finished: Promise<SitingResult | undefined> }> {
    const id = randomUUID();
    await insertJob(this.sql, id, 'siting', problem.record);
    let latest: { status?: 'running'; progress?: SitingProgress } = {};
    let dirty = false;
    let writing = false;
    let lastWrite = performance.now();
    const { instance, recipe, description, options, startedAtMs } = problem;
    const handle = this.pool.solve({ jobId: id, instance, recipe, description, options, startedAtMs }, {
      onStart: () => {
        latest = { ...latest, status: 'running' };
        dirty = true;
      },
      onProgress: (progress) => {
        latest = { ...latest, progress };
        dirty = true;
      },
    });

    const timer = setInterval(() => {
      if (writing || (!dirty && performance.now() - lastWrite < HEARTBEAT_MS)) return;
      writing = true;
      dirty = false;
      lastWrite = performance.now();
      const { status, progress } = latest;
      touchJob(this.sql, id, { status, progress: progress?.fraction, phase: progress?.phase, incumbent: progress?.incumbent, bound: progress?.bound })
        .then((stop) => stop && handle.cancel())
        // A lost write is retried by the next tick; the job row only goes stale after 30 s.
        .catch(() => {})
        .finally(() => (writing = false));
    }, PROGRESS_WRITE_MS);
    timer.unref();
    const finished = handle.outcome
      .then(async ({ result, exportData }) => {
        // Cancelled with an answer so far: the job stays cancelled and keeps that answer.
        if (result.stoppedEarly === 'cancelled') return (await keepCancelledResult(this.sql, id, result, exportData)) ? result : undefined;
        return (await finishJob(this.sql, id, result, exportData)) ? result : undefined;
      })
      .catch(async (error: unknown) => {
        if (error instanceof SitingCancelled) return undefined;
        const message = error instanceof Error ? error.message : String(error);
        this.log.error(`siting job ${id} failed: ${message}`);
        await failJob(this.sql, id, { code: 'solver_failed', message: message.slice(0, 500) }).catch(() => {});
        return undefined;
      })
      .finally(() => {
        clearInterval(timer);
        this.running.delete(id);
      });
    this.running.set(id, { handle, finished });
    return { id, finished };
  }

  /**
   * Stop this process's solve of a job (the row is already marked cancelled); resolves once the
   * solve has ended and its best answer so far, if any, is kept with the job.
   */
  async cancel(id: string): Promise<void> {
    const entry = this.running.get(id);
    if (!entry) return;
    entry.handle.cancel();
    await entry.finished;
  }
}
