import { beforeAll, describe, expect, it } from 'vitest';
import { reduceCovering } from '../../../core/siting/covering/reduce-covering.ts';
import { buildMclpMip } from '../../../core/siting/mclp/mclp-mip.ts';
import type { MipModel, MipSolver } from '../../../core/siting/contract/siting-types.ts';
import { loadHighsSolver } from '../../../server/siting/highs-solver.ts';
import { createCityCovering } from './synthetic-covering.ts';

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** max 1·x0 + 2·x1 + 3·x2 + 10 subject to x0 + x1 + x2 ≤ 2, binary: x1 = x2 = 1, 15. */
const tiny: MipModel = {
  sense: 'maximize',
  offset: 10,
  colCost: Float64Array.of(1, 2, 3),
  colLower: new Float64Array(3),
  colUpper: Float64Array.of(1, 1, 1),
  integrality: Int32Array.of(1, 1, 1),
  rowLower: Float64Array.of(-Infinity),
  rowUpper: Float64Array.of(2),
  rowStart: Int32Array.of(0, 3),
  rowIndex: Int32Array.of(0, 1, 2),
  rowValue: Float64Array.of(1, 1, 1),
};

/** A covering MIP that takes HiGHS well over a second. */
const hard = buildMclpMip(reduceCovering(createCityCovering(2500, 8000, 8, 11), { capacitated: false }), 120);

describe('HiGHS adapter', () => {
  it('loads the WebAssembly once', async () => {
    const [first, second] = await Promise.all([loadHighsSolver(), loadHighsSolver()]);
    expect(first.solve(tiny, { timeLimitS: 5 }).objective).toBe(second.solve(tiny, { timeLimitS: 5 }).objective);
  });

  it('solves a MIP with its offset, sense and bound', () => {
    const run = solver.solve(tiny, { timeLimitS: 5, start: Float64Array.of(1, 1, 0) });
    expect(run.status).toBe('optimal');
    expect(run.objective).toBe(15);
    expect(run.bound).toBeCloseTo(15, 9);
    expect(Array.from(run.values!)).toEqual([0, 1, 1]);
  });

  it('solves the LP relaxation when nothing is integer, its optimum being its bound', () => {
    const run = solver.solve({ ...tiny, rowUpper: Float64Array.of(1.5), integrality: new Int32Array(3) }, { timeLimitS: 5 });
    expect(run.status).toBe('optimal');
    expect(run.objective).toBeCloseTo(10 + 3 + 0.5 * 2, 9);
    expect(run.bound).toBe(run.objective);
  });

  it('reports infeasibility', () => {
    expect(solver.solve({ ...tiny, rowLower: Float64Array.of(4), rowUpper: Float64Array.of(Infinity) }, { timeLimitS: 5 }).status).toBe('infeasible');
  });

  // Asked to stop at once, HiGHS reports an interruption, not the time limit nor an optimum;
  // how soon it returns is measured by the siting benchmark.
  it('stops when asked', () => {
    const run = solver.solve(hard, { timeLimitS: 60, shouldStop: () => true });
    expect(run.status).toBe('interrupted');
  });

  it('stops at the time limit with a solution and a valid bound', () => {
    const progress: number[] = [];
    const run = solver.solve(hard, { timeLimitS: 0.3, onProgress: ({ runningS }) => progress.push(runningS) });
    expect(['time_limit', 'optimal']).toContain(run.status);
    if (run.objective !== undefined && run.bound !== undefined) expect(run.bound).toBeGreaterThanOrEqual(run.objective - 1e-6);
  });
});
