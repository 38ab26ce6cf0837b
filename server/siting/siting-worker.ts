import { parentPort } from 'node:worker_threads';
import { completeInstance, describeSitingResult, SitingCancelled, solveSiting, type MipSolver, type SitingSolveOptions } from '../../core/siting/index.ts';
import { loadHighsSolver } from './highs-solver.ts';
import type { WorkerReply, WorkerTask } from './worker-messages.ts';

/**
 * A solving thread: takes one task at a time — builds what the recipe says, solves, describes
 * the result — and reports progress on the way. The cancel flag is shared memory the request
 * thread sets, read here between solver steps. The MIP solver (WebAssembly) loads once per
 * thread and is reused.
 */
let solver: Promise<MipSolver | undefined> | undefined;

function loadSolver(): Promise<MipSolver | undefined> {
  solver ??= loadHighsSolver().catch(() => undefined);
  return solver;
}

const port = parentPort!;
const reply = (message: WorkerReply) => port.postMessage(message);

port.on('message', async (task: WorkerTask) => {
  const stop = new Int32Array(task.stop);
  const jobId = task.jobId;
  try {
    const mipSolver = await loadSolver();
    reply({ type: 'progress', jobId, progress: { phase: 'preparing', fraction: 0 } });
    const instance = completeInstance(task.instance, task.recipe);
    const options: SitingSolveOptions = {
      ...task.options,
      onProgress: (progress) => reply({ type: 'progress', jobId, progress }),
      shouldStop: () => Atomics.load(stop, 0) !== 0,
    };
    const solution = solveSiting(instance, options, mipSolver);
    const outcome = describeSitingResult(instance, solution, task.description, Date.now() - task.startedAtMs);
    reply({ type: 'done', jobId, outcome });
  } catch (error) {
    if (error instanceof SitingCancelled || Atomics.load(stop, 0) !== 0) reply({ type: 'cancelled', jobId });
    else reply({ type: 'failed', jobId, message: error instanceof Error ? error.message : String(error) });
  }
});

// Loading the solver while the thread waits for its first task keeps that task's start short.
void loadSolver();
