import { parentPort } from 'node:worker_threads';
import { completeInstance, describeSitingResult, SitingCancelled, solveSiting, type SitingSolveOptions } from '../../core/siting/index.ts';
import { loadHighsSolver, type HighsMipSolver } from './highs-solver.ts';
import type { SolveOutcome, WorkerReply, WorkerTask } from './worker-messages.ts';

/**
 * A solving thread: takes one task at a time — builds what the recipe says, solves, describes
 * the result — and reports progress on the way. The cancel flag is shared memory the request
 * thread sets, read here between solver steps. The MIP solver (WebAssembly) loads once per
 * thread and is reused while it works; once it has aborted, the thread asks to be replaced
 * (an aborted WebAssembly instance is not safe to call again).
 */
let solver: Promise<HighsMipSolver | undefined> | undefined;

function loadSolver(): Promise<HighsMipSolver | undefined> {
  solver ??= loadHighsSolver().catch(() => undefined);
  return solver;
}

const port = parentPort!;
const reply = (message: WorkerReply) => port.postMessage(message);

port.on('message', async (task: WorkerTask) => {
  const stop = new Int32Array(task.stop);
  const jobId = task.jobId;
  const mipSolver = await loadSolver();
  const retire = () => mipSolver?.broken === true;
  let best: SolveOutcome | undefined;
  try {
    reply({ type: 'progress', jobId, progress: { phase: 'preparing', fraction: 0 } });
    const instance = completeInstance(task.instance, task.recipe);
    const describe = (solution: Parameters<typeof describeSitingResult>[1]) => describeSitingResult(instance, solution, task.description, Date.now() - task.startedAtMs);
    const options: SitingSolveOptions = {
      ...task.options,
      onProgress: (progress) => reply({ type: 'progress', jobId, progress }),
      onCheckpoint: (solution, { exactBudgetS }) => {
        best = describe(solution);
        reply({ type: 'checkpoint', jobId, outcome: best, exactBudgetS });
      },
      shouldStop: () => Atomics.load(stop, 0) !== 0,
    };
    const solution = solveSiting(instance, options, mipSolver);
    reply({ type: 'done', jobId, outcome: describe(solution), retire: retire() });
  } catch (error) {
    const cancelled = error instanceof SitingCancelled || Atomics.load(stop, 0) !== 0;
    if (cancelled && best) reply({ type: 'done', jobId, outcome: { ...best, result: { ...best.result, stoppedEarly: 'cancelled' } }, retire: retire() });
    else if (cancelled) reply({ type: 'cancelled', jobId, retire: retire() });
    else reply({ type: 'failed', jobId, message: error instanceof Error ? error.message : String(error), retire: retire() });
  }
});

// Loading the solver while the thread waits for its first task keeps that task's start short.
void loadSolver();
