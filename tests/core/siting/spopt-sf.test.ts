import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatrixInstance } from '../../../core/siting/instance/matrix-instance.ts';
import type { MipSolver } from '../../../core/siting/contract/siting-types.ts';
import { solveSiting } from '../../../core/siting/solve-siting.ts';
import { loadHighsSolver } from '../../../server/siting/highs-solver.ts';
import { subsets } from './brute-force.ts';
import { readSanFranciscoMatrix } from './sf-fixture.ts';

const matrix = readSanFranciscoMatrix();
let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

describe("spopt's San Francisco case (16 stores × 205 tracts)", () => {
  it('has the shape the fixture describes', () => {
    expect(matrix.candidates).toHaveLength(16);
    expect(matrix.demands).toHaveLength(205);
    expect(matrix.distances.every((row) => row.every((distance) => distance !== null))).toBe(true);
  });

  // How fast, first run and warm: `npm run bench -- siting`.
  it('maximal covering, d = 5000 m, p = 4: the enumerated optimum, exactly', () => {
    const instance = buildMatrixInstance(matrix, 'mclp', 5000);
    const exact = solveSiting(instance, { model: 'mclp', p: 4, method: 'exact', timeLimitS: 30 }, solver);
    const heuristic = solveSiting(instance, { model: 'mclp', p: 4, method: 'heuristic', timeLimitS: 30 });
    console.log(`SF mclp exact: ${exact.objective} (${exact.notes.join('; ')})`);
    console.log(`SF mclp heuristic: ${heuristic.objective}, bound ${heuristic.bound}, gap ${heuristic.gap}, status ${heuristic.status}`);

    expect(exact.coveredWeight).toBe(875_247);
    expect(exact.objective).toBe(875_247);
    expect(exact.chosen.map((i) => matrix.candidates[i]).sort()).toEqual(['Store_11', 'Store_12', 'Store_15', 'Store_2']);
    expect(exact.uncoveredDemands).toHaveLength(21);
    expect(exact.status).toBe('optimal');
    expect(exact.method).toBe('exact');
    expect(exact.gap).toBe(0);

    expect(heuristic.method).toBe('heuristic');
    expect(heuristic.objective).toBeLessThanOrEqual(exact.objective);
    expect(exact.objective).toBeLessThanOrEqual(heuristic.bound);
    expect(heuristic.gap).toBeCloseTo((heuristic.bound - heuristic.objective) / heuristic.objective, 12);
    expect(heuristic.status).toBe(heuristic.gap === 0 ? 'optimal' : 'feasible');
  });

  it('agrees with enumerating all 1,820 four-store sets', () => {
    const instance = buildMatrixInstance(matrix, 'mclp', 5000);
    const covered = (set: number[]) =>
      matrix.demands.reduce((sum, demand, j) => sum + (set.some((i) => matrix.distances[i][j]! <= 5000) ? demand.weight : 0), 0);
    let best = 0;
    let count = 0;
    for (const set of subsets([...Array(16).keys()], 4)) {
      count += 1;
      best = Math.max(best, covered(set));
    }
    expect(count).toBe(1820);
    expect(best).toBe(875_247);
    const auto = solveSiting(instance, { model: 'mclp', p: 4, method: 'auto', timeLimitS: 30, curveUpTo: 6 }, solver);
    expect(auto.objective).toBe(best);
    // The curve is exact on an instance this small, and never drops.
    expect(auto.curve!.map((point) => point.status)).toEqual(Array(6).fill('optimal'));
    expect(auto.curve![3].coveredWeight).toBe(875_247);
    for (let k = 1; k < 6; k += 1) expect(auto.curve![k].coveredWeight).toBeGreaterThanOrEqual(auto.curve![k - 1].coveredWeight);
    for (const point of auto.curve!) {
      let bestK = 0;
      for (const set of subsets([...Array(16).keys()], point.p)) bestK = Math.max(bestK, covered(set));
      expect(point.coveredWeight).toBe(bestK);
    }
  });

  it('set covering at 5000 m: the fewest stores, as enumeration finds them', () => {
    const instance = buildMatrixInstance(matrix, 'lscp', 5000);
    const reachable = matrix.demands.map((_, j) => matrix.distances.some((row) => row[j]! <= 5000));
    let fewest = -1;
    for (let size = 1; size <= 16 && fewest < 0; size += 1) {
      for (const set of subsets([...Array(16).keys()], size)) {
        if (matrix.demands.every((demand, j) => !reachable[j] || demand.weight === 0 || set.some((i) => matrix.distances[i][j]! <= 5000))) {
          fewest = size;
          break;
        }
      }
    }
    const exact = solveSiting(instance, { model: 'lscp', method: 'exact', timeLimitS: 30 }, solver);
    const heuristic = solveSiting(instance, { model: 'lscp', method: 'heuristic', timeLimitS: 30 });
    console.log(`SF lscp: enumeration ${fewest}, exact ${exact.objective} (${exact.status}), heuristic ${heuristic.objective} ≥ bound ${heuristic.bound}`);
    const unreachable = reachable.filter((flag) => !flag).length;
    expect(exact.objective).toBe(fewest);
    expect(exact.chosen).toHaveLength(fewest);
    expect(exact.status).toBe(unreachable > 0 ? 'infeasible' : 'optimal');
    expect(heuristic.bound).toBeLessThanOrEqual(fewest);
    expect(heuristic.objective).toBeGreaterThanOrEqual(fewest);
    // Everything reachable is covered by the chosen stores.
    expect(exact.uncoveredDemands).toHaveLength(unreachable);
  });

  it('p-median with p = 4: the exact solver matches enumeration of all 1,820 sets', () => {
    const instance = buildMatrixInstance(matrix, 'pmedian');
    let best = Infinity;
    let bestSet: number[] = [];
    for (const set of subsets([...Array(16).keys()], 4)) {
      const total = matrix.demands.reduce((sum, demand, j) => sum + demand.weight * Math.min(...set.map((i) => matrix.distances[i][j]!)), 0);
      if (total < best) {
        best = total;
        bestSet = set;
      }
    }
    const exact = solveSiting(instance, { model: 'pmedian', p: 4, method: 'exact', timeLimitS: 30 }, solver);
    const heuristic = solveSiting(instance, { model: 'pmedian', p: 4, method: 'heuristic', timeLimitS: 30 });
    console.log(`SF pmedian: enumeration ${best.toFixed(1)}, exact ${exact.objective.toFixed(1)}, heuristic ${heuristic.objective.toFixed(1)} (bound ${heuristic.bound.toFixed(1)})`);
    expect(exact.objective).toBeCloseTo(best, 3);
    expect([...exact.chosen].sort((a, b) => a - b)).toEqual(bestSet);
    expect(exact.status).toBe('optimal');
    expect(exact.method).toBe('exact');
    expect(heuristic.bound).toBeLessThanOrEqual(best * (1 + 1e-9));
    expect(heuristic.objective).toBeGreaterThanOrEqual(best * (1 - 1e-9));
  });
});
