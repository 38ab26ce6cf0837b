import { Worker } from 'node:worker_threads';
import { SitingCancelled, type SitingProgress } from '../../core/siting/index.ts';
import type { SolveOutcome, WorkerReply, WorkerTask } from './worker-messages.ts';

export interface SolveHooks {
  /** A thread took the task (it may have waited in the queue). */
  onStart?: () => void;
  onProgress?: (progress: SitingProgress) => void;
}

export interface SolveHandle {
  /** The solution; rejects with SitingCancelled after cancel(), or an Error when the solve failed. */
  outcome: Promise<SolveOutcome>;
  cancel(): void;
}

interface PendingTask {
  task: WorkerTask;
  hooks: SolveHooks;
  resolve: (outcome: SolveOutcome) => void;
  reject: (error: Error) => void;
  cancelled: boolean;
  thread?: Thread;
  /** The best answer so far, sent before the exact solver runs. */
  checkpoint?: SolveOutcome;
  deadline?: ReturnType<typeof setTimeout>;
}

export interface SolverPoolOptions {
  maxThreads?: number;
  /**
   * How long the exact solver may run, from its start, before the thread is ended and the best
   * answer so far returned: HiGHS's own time limit does not always hold (on a 300 × 2,000
   * p-median it aborted 2.8 s after a 20 s limit, and its state in that thread stayed broken).
   */
  exactDeadlineMs?: (exactBudgetS: number) => number;
}

interface Thread {
  worker: Worker;
  current?: PendingTask;
}

/** How long a thread may take to notice its stop flag before it is terminated. */
const STOP_GRACE_MS = 2_000;
/** The solver's own limit, a tenth more, and a few seconds to hand its answer back. */
const defaultExactDeadlineMs = (exactBudgetS: number) => exactBudgetS * 1_100 + 3_000;
const WORKER_URL = new URL('./siting-worker.ts', import.meta.url).href;

/**
 * A few warm solving threads, reused across jobs (starting one costs ~0.2 s plus loading the
 * WebAssembly solver). Tasks beyond the threads wait in order. The worker module is TypeScript:
 * the thread registers tsx before importing it, as the server itself runs under tsx.
 */
export class SolverPool {
  private readonly threads: Thread[] = [];
  private readonly queue: PendingTask[] = [];

  private readonly maxThreads: number;
  private readonly exactDeadlineMs: (exactBudgetS: number) => number;

  constructor(options: SolverPoolOptions = {}) {
    this.maxThreads = options.maxThreads ?? 2;
    this.exactDeadlineMs = options.exactDeadlineMs ?? defaultExactDeadlineMs;
  }

  solve(task: Omit<WorkerTask, 'stop'>, hooks: SolveHooks = {}): SolveHandle {
    const stop = new SharedArrayBuffer(4);
    let pending!: PendingTask;
    const outcome = new Promise<SolveOutcome>((resolve, reject) => {
      pending = { task: { ...task, stop }, hooks, resolve, reject, cancelled: false };
    });
    this.queue.push(pending);
    this.dispatch();
    return { outcome, cancel: () => this.cancel(pending) };
  }

  /** Stop every thread (tests and shutdown). */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private cancel(pending: PendingTask): void {
    if (pending.cancelled) return;
    pending.cancelled = true;
    Atomics.store(new Int32Array(pending.task.stop), 0, 1);
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.reject(new SitingCancelled());
      return;
    }
    const thread = pending.thread;
    if (!thread) return;
    setTimeout(() => {
      if (thread.current !== pending) return;
      // It did not stop in time: the thread is lost to this task; a fresh one replaces it.
      this.retire(thread);
      this.settleStopped(pending, 'cancelled');
      this.dispatch();
    }, STOP_GRACE_MS).unref();
  }

  /** A task stopped from outside: its best answer so far when it has one, else cancelled. */
  private settleStopped(pending: PendingTask, why: 'cancelled' | 'deadline', note?: string): void {
    clearTimeout(pending.deadline);
    const best = pending.checkpoint;
    if (!best) {
      pending.reject(why === 'cancelled' ? new SitingCancelled() : new Error(note ?? 'the solving thread was stopped'));
      return;
    }
    const notes = note ? [...best.result.notes, note] : best.result.notes;
    pending.resolve({ ...best, result: { ...best.result, notes, stoppedEarly: why, elapsedMs: Date.now() - pending.task.startedAtMs } });
  }

  /** The exact solver has started with this budget: end its thread if it overruns. */
  private armDeadline(thread: Thread, pending: PendingTask, exactBudgetS: number): void {
    clearTimeout(pending.deadline);
    const limitS = pending.task.options.timeLimitS;
    pending.deadline = setTimeout(() => {
      if (thread.current !== pending) return;
      this.retire(thread);
      this.settleStopped(pending, 'deadline', `the exact solver overran the ${limitS} s time limit and was stopped: the best answer found before it, with its proven gap`);
      this.dispatch();
    }, this.exactDeadlineMs(exactBudgetS));
    pending.deadline.unref();
  }

  private dispatch(): void {
    while (this.queue.length) {
      let thread = this.threads.find((candidate) => !candidate.current);
      if (!thread && this.threads.length < this.maxThreads) thread = this.spawn();
      if (!thread) return;
      const pending = this.queue.shift()!;
      thread.current = pending;
      pending.thread = thread;
      pending.hooks.onStart?.();
      thread.worker.postMessage(pending.task);
    }
  }

  private spawn(): Thread {
    const worker = new Worker(
      `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); })`,
      { eval: true },
    );
    // Idle threads must not keep the process alive.
    worker.unref();
    const thread: Thread = { worker };
    worker.on('message', (reply: WorkerReply) => this.receive(thread, reply));
    worker.on('error', (error: unknown) => this.lose(thread, error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => this.lose(thread, new Error(`the solving thread exited (code ${code})`)));
    this.threads.push(thread);
    return thread;
  }

  private receive(thread: Thread, reply: WorkerReply): void {
    const pending = thread.current;
    if (!pending || pending.task.jobId !== reply.jobId) return;
    if (reply.type === 'progress') {
      pending.hooks.onProgress?.(reply.progress);
      return;
    }
    if (reply.type === 'checkpoint') {
      pending.checkpoint = reply.outcome;
      this.armDeadline(thread, pending, reply.exactBudgetS);
      return;
    }
    clearTimeout(pending.deadline);
    thread.current = undefined;
    if (reply.type === 'done') pending.resolve(reply.outcome);
    else if (reply.type === 'cancelled') pending.reject(new SitingCancelled());
    else pending.reject(new Error(reply.message));
    // Its solver aborted: a fresh thread (and WebAssembly instance) takes the next task.
    if (reply.retire) this.retire(thread);
    this.dispatch();
  }

  /** A thread died (crash, out of memory): its task ends with its best answer so far or fails; the pool makes a new thread on demand. */
  private lose(thread: Thread, error: Error): void {
    if (!this.threads.includes(thread)) return;
    const pending = thread.current;
    this.retire(thread);
    if (pending?.cancelled) this.settleStopped(pending, 'cancelled');
    else if (pending?.checkpoint) this.settleStopped(pending, 'deadline', `the solving thread stopped (${error.message}): the best answer found before, with its proven gap`);
    else if (pending) pending.reject(error);
    this.dispatch();
  }

  private retire(thread: Thread): void {
    const index = this.threads.indexOf(thread);
    if (index >= 0) this.threads.splice(index, 1);
    thread.current = undefined;
    void thread.worker.terminate();
  }
}
