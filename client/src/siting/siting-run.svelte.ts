import type { SitingJob, SitingRequest, SitingResult } from '../../../core/siting/index.ts';
import { ApiRequestError, fetchJson } from '../api/fetch-json.ts';
import { cancelSitingJob, fetchSitingJob, resultOf, startSiting, type SitingJobResponse } from './siting-api.ts';

export type SitingRunStatus = 'idle' | 'starting' | 'queued' | 'running' | 'cancelling' | 'done' | 'failed' | 'cancelled';

/** Between polls: fast enough for a moving bar, slow enough not to load the server. */
const POLL_MS = 400;
/** A dropped connection while polling is tried again this many times before it is an error. */
const NETWORK_RETRIES = 3;

const isActive = (status: SitingRunStatus | SitingJob['status']) => status === 'starting' || status === 'queued' || status === 'running' || status === 'cancelling';

declare global {
  interface Window {
    /** For the browser tests: the siting run on screen; not an API. */
    __atlasSiting?: SitingRun;
  }
}

/**
 * One siting run at a time, as reactive state: start (POST), follow the job (GET every
 * POLL_MS), cancel (DELETE). Every run has a generation number; an answer that arrives for an
 * older generation is dropped, so a slow old run never overwrites a newer one. Starting a new run
 * or leaving the panel cancels the previous job on the server too.
 */
export class SitingRun {
  status = $state<SitingRunStatus>('idle');
  job = $state.raw<SitingJob | undefined>();
  result = $state.raw<SitingResult | undefined>();
  /** The request the job and result belong to. */
  request = $state.raw<SitingRequest | undefined>();
  /** A key of the form that asked for it (the panel compares it with the form now). */
  requestKey = $state('');
  error = $state.raw<Error | undefined>();

  #generation = 0;
  #controller?: AbortController;
  #timer?: ReturnType<typeof setTimeout>;
  #networkFailures = 0;

  constructor() {
    window.__atlasSiting = this;
  }

  get active(): boolean {
    return isActive(this.status);
  }

  async start(request: SitingRequest, key: string): Promise<void> {
    this.#abandon();
    const generation = this.#generation;
    const controller = new AbortController();
    this.#controller = controller;
    this.request = request;
    this.requestKey = key;
    this.status = 'starting';
    this.job = undefined;
    this.result = undefined;
    this.error = undefined;
    try {
      const response = await startSiting(request, controller.signal);
      if (generation === this.#generation) await this.#apply(response, generation);
    } catch (error) {
      this.#fail(error, generation);
    }
  }

  /** Ask the server to stop; the job's own answer (cancelled, or done if it won the race) ends the run. */
  async cancel(): Promise<void> {
    const job = this.job;
    if (!job || !isActive(this.status)) return;
    const generation = this.#generation;
    this.status = 'cancelling';
    try {
      const response = await cancelSitingJob(job, this.#controller?.signal);
      if (generation === this.#generation && response.job) await this.#apply(response as SitingJobResponse, generation);
    } catch (error) {
      // 409: it finished first; the poll still running brings its result.
      if (error instanceof ApiRequestError && error.status === 409) return;
      this.#fail(error, generation);
    }
  }

  /** The panel is going: stop following, and stop the job nobody will read. */
  dispose(): void {
    this.#abandon();
    if (window.__atlasSiting === this) window.__atlasSiting = undefined;
  }

  /** Stop everything in flight for the current generation and move on to the next. */
  #abandon(): void {
    const running = isActive(this.status) ? this.job : undefined;
    this.#generation += 1;
    this.#controller?.abort();
    clearTimeout(this.#timer);
    this.#networkFailures = 0;
    if (running) cancelSitingJob(running).catch(() => undefined);
  }

  async #apply(response: SitingJobResponse | Awaited<ReturnType<typeof startSiting>>, generation: number): Promise<void> {
    const { job } = response;
    const finished = !isActive(job.status);
    // A poll answered before the cancel's answer but arriving after it must not revive the run.
    if (!finished && (this.status === 'done' || this.status === 'cancelled' || this.status === 'failed')) return;
    this.job = job;
    if (finished) clearTimeout(this.#timer);
    switch (job.status) {
      case 'done': {
        // The job's answer normally carries the result; if not, its result link does.
        const result = resultOf(response) ?? resultOf(await fetchJson<SitingJobResponse>(job.links.result, this.#controller?.signal));
        if (generation !== this.#generation) return;
        this.result = result;
        this.status = 'done';
        return;
      }
      case 'failed':
        this.error = new ApiRequestError(job.links.self, 200, job.error?.code ?? 'failed', job.error?.message ?? 'failed');
        this.status = 'failed';
        return;
      case 'cancelled':
        // Stopped during the solve: the best answer it had found, when there was one.
        this.result = resultOf(response);
        this.status = 'cancelled';
        return;
      default:
        // Still going; a cancel already asked for stays "cancelling" until the job says so.
        if (this.status !== 'cancelling') this.status = job.status;
        this.#schedulePoll(generation);
    }
  }

  #schedulePoll(generation: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#poll(generation), POLL_MS);
  }

  async #poll(generation: number): Promise<void> {
    if (generation !== this.#generation || !this.job) return;
    try {
      const response = await fetchSitingJob(this.job, this.#controller?.signal);
      this.#networkFailures = 0;
      if (generation === this.#generation) await this.#apply(response, generation);
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'network' && this.#networkFailures < NETWORK_RETRIES) {
        this.#networkFailures += 1;
        this.#schedulePoll(generation);
        return;
      }
      this.#fail(error, generation);
    }
  }

  #fail(error: unknown, generation: number): void {
    if (generation !== this.#generation || this.#controller?.signal.aborted) return;
    this.error = error instanceof Error ? error : new Error(String(error));
    this.status = 'failed';
  }
}
