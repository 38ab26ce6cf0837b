import { afterAll, describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../core/seeded-random.ts';
import type { SitingInstance } from '../../core/siting/index.ts';
import { SolverPool } from '../../server/siting/worker-pool.ts';
import type { WorkerTask } from '../../server/siting/worker-messages.ts';

/** A p-median of scattered points: the exact solver needs seconds on 100 × 1,500, a few ms on 8 × 30. */
function scatteredPMedian(candidateCount: number, demandCount: number, seed: number): SitingInstance {
  const next = createSeededRandom(seed);
  const place = (count: number) => Array.from({ length: count }, () => [next() * 8_000, next() * 8_000]);
  const candidates = place(candidateCount);
  const demands = place(demandCount);
  const distances = new Float32Array(candidateCount * demandCount);
  candidates.forEach(([cx, cy], i) => demands.forEach(([dx, dy], j) => (distances[i * demandCount + j] = Math.hypot(cx - dx, cy - dy) * (1.2 + 0.3 * next()))));
  return {
    candidateIds: candidates.map((_, i) => `c${i}`),
    demandIds: demands.map((_, j) => `d${j}`),
    weights: Float64Array.from(demands, () => 1 + Math.floor(next() * 300)),
    distances,
  };
}

const task = (jobId: string, instance: SitingInstance, p: number, timeLimitS: number): Omit<WorkerTask, 'stop'> => ({
  jobId,
  instance,
  description: { notes: [], p },
  options: { model: 'pmedian', p, method: 'exact', timeLimitS },
  startedAtMs: Date.now(),
});

/** A long budget (the large case asks for 60 s) gets a deadline of 50 ms after the exact solver starts: it is ended for certain. */
const pool = new SolverPool({ maxThreads: 1, exactDeadlineMs: (budgetS) => (budgetS > 40 ? 50 : budgetS * 1_000 + 3_000) });
afterAll(() => pool.close());

describe('the solver pool enforces the exact solver’s deadline itself', () => {
  it('ends an overrunning exact solve, answers with the best answer and its gap, and the next exact run still proves optimality', async () => {
    const large = scatteredPMedian(100, 1_500, 7);
    const stopped = await pool.solve(task('large', large, 8, 60)).outcome;
    expect(stopped.result.stoppedEarly).toBe('deadline');
    expect(stopped.result.method).toBe('heuristic');
    expect(stopped.result.chosen).toHaveLength(8);
    expect(stopped.result.gap).not.toBeNull();
    expect(stopped.result.gap).toBeGreaterThanOrEqual(0);
    expect(stopped.result.objective).toBeGreaterThanOrEqual(stopped.result.bound);
    expect(stopped.result.notes.some((note) => note.includes('overran the 60 s time limit'))).toBe(true);

    // Same pool, its thread replaced: an exact run is proven again (the aborted solver's state is gone).
    const small = scatteredPMedian(8, 30, 11);
    const next = await pool.solve(task('small', small, 3, 20)).outcome;
    expect(next.result).toMatchObject({ status: 'optimal', method: 'exact', gap: 0 });
    expect(next.result.stoppedEarly).toBeUndefined();
    expect(next.result.notes).toContain('exact solver proved optimality');
  }, 120_000);

  it('a cancel during the exact solve keeps the best answer so far, said to be stopped', async () => {
    const large = scatteredPMedian(100, 1_500, 8);
    const handle: ReturnType<SolverPool['solve']> = pool.solve(task('cancelled', large, 6, 30), {
      onProgress: (progress) => {
        if (progress.phase === 'exact') handle.cancel();
      },
    });
    const outcome = await handle.outcome;
    expect(outcome.result.stoppedEarly).toBe('cancelled');
    expect(outcome.result.chosen).toHaveLength(6);
    expect(outcome.result.objective).toBeGreaterThanOrEqual(outcome.result.bound);
    expect(outcome.result.gap).not.toBeNull();
  }, 120_000);
});
