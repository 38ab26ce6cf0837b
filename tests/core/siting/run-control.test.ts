import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatrixInstance } from '../../../core/siting/instance/matrix-instance.ts';
import { SitingCancelled, type MipSolver, type SitingProgress, type SitingSolveOptions } from '../../../core/siting/contract/siting-types.ts';
import { solveSiting } from '../../../core/siting/solve-siting.ts';
import { loadHighsSolver } from '../../../server/siting/highs-solver.ts';
import { readSanFranciscoMatrix } from './sf-fixture.ts';
import { createCityCovering } from './synthetic-covering.ts';

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const matrix = readSanFranciscoMatrix();
const cases: Array<[string, SitingSolveOptions, ReturnType<typeof buildMatrixInstance>]> = [
  ['mclp', { model: 'mclp', p: 4, method: 'exact', timeLimitS: 5, curveUpTo: 5 }, buildMatrixInstance(matrix, 'mclp', 5000)],
  ['capacitated mclp', { model: 'mclp', p: 4, method: 'exact', timeLimitS: 5 }, buildMatrixInstance({ ...matrix, capacities: matrix.candidates.map(() => 150_000) }, 'mclp', 5000)],
  ['lscp', { model: 'lscp', method: 'exact', timeLimitS: 5 }, buildMatrixInstance(matrix, 'lscp', 5000)],
  ['pmedian', { model: 'pmedian', p: 4, method: 'exact', timeLimitS: 5 }, buildMatrixInstance(matrix, 'pmedian')],
];

describe('progress and cancellation', () => {
  it.each(cases)('%s: progress is monotone from 0 to 1', (_, options, instance) => {
    const seen: SitingProgress[] = [];
    solveSiting(instance, { ...options, onProgress: (progress) => seen.push(progress) }, solver);
    expect(seen.length).toBeGreaterThan(2);
    for (let k = 1; k < seen.length; k += 1) expect(seen[k].fraction).toBeGreaterThanOrEqual(seen[k - 1].fraction);
    expect(seen[0].fraction).toBeGreaterThanOrEqual(0);
    expect(seen[seen.length - 1].fraction).toBe(1);
  });

  it.each(cases)('%s: a stop requested from the start cancels', (_, options, instance) => {
    expect(() => solveSiting(instance, { ...options, shouldStop: () => true }, solver)).toThrow(SitingCancelled);
  });

  it.each(cases)('%s: a stop requested once the exact phase starts cancels (the MIP is interrupted)', (_, options, instance) => {
    let stop = false;
    const run = () => solveSiting(instance, { ...options, onProgress: (progress) => (stop ||= progress.phase === 'exact'), shouldStop: () => stop }, solver);
    expect(run).toThrow(SitingCancelled);
  });

  // Promptly means at the first poll that asks; the time that takes is measured by the siting benchmark.
  it('a stop in the middle of a large heuristic run cancels it at the first poll that asks', () => {
    const instance = createCityCovering(3000, 9000, 7, 3);
    let polls = 0;
    expect(() => solveSiting(instance, { model: 'mclp', p: 50, method: 'heuristic', timeLimitS: 5, shouldStop: () => (polls += 1) > 20 })).toThrow(SitingCancelled);
    expect(polls).toBe(21);
  });
});
