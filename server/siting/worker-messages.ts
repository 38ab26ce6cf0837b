import type { InstanceRecipe, SitingDescription, SitingExportData, SitingInstance, SitingProgress, SitingResult, SitingSolveOptions } from '../../core/siting/index.ts';

/** What the request thread sends a solving thread (copied by structured clone). */
export interface WorkerTask {
  jobId: string;
  instance: SitingInstance;
  /** Coverage lists or p-median distances, built on the solving thread. */
  recipe?: InstanceRecipe;
  description: SitingDescription;
  options: Omit<SitingSolveOptions, 'onProgress' | 'shouldStop' | 'onCheckpoint'>;
  /** Epoch milliseconds when the request arrived: the result's elapsedMs counts from there. */
  startedAtMs: number;
  /** Int32 at 0: set to 1 to ask the solver to stop. */
  stop: SharedArrayBuffer;
}

/** The result as the API returns it, and what the exports need besides. */
export interface SolveOutcome {
  result: SitingResult;
  exportData: SitingExportData;
}

export type WorkerReply =
  | { type: 'progress'; jobId: string; progress: SitingProgress }
  /** The best answer so far, before the exact solver runs (which gets `exactBudgetS`). */
  | { type: 'checkpoint'; jobId: string; outcome: SolveOutcome; exactBudgetS: number }
  /** `retire`: the thread's solver broke (a WebAssembly abort); it must not take another task. */
  | { type: 'done'; jobId: string; outcome: SolveOutcome; retire?: boolean }
  | { type: 'cancelled'; jobId: string; retire?: boolean }
  | { type: 'failed'; jobId: string; message: string; retire?: boolean };
