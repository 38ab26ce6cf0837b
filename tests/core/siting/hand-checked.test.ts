import { beforeAll, describe, expect, it } from 'vitest';
import type { MipSolver, SitingInstance } from '../../../core/siting/contract/siting-types.ts';
import { solveSiting } from '../../../core/siting/solve-siting.ts';
import { loadHighsSolver } from '../../../server/siting/highs-solver.ts';

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** An instance from candidate → covered demand lists. */
function covering(weights: number[], lists: number[][], extra: Partial<SitingInstance> = {}): SitingInstance {
  const start = [0];
  for (const list of lists) start.push(start[start.length - 1] + list.length);
  return {
    candidateIds: lists.map((_, i) => `s${i}`),
    demandIds: weights.map((_, j) => `d${j}`),
    weights: Float64Array.from(weights),
    cover: { start: Int32Array.from(start), demand: Int32Array.from(lists.flat()) },
    ...extra,
  };
}

const methods = ['heuristic', 'exact', 'auto'] as const;

describe('set covering, worked by hand', () => {
  // A {0,1}, B {1,2,3}, C {3,4}, D {0,4}, E {2}. Demand 2 needs B or E; with E the rest
  // {0,1,3,4} would need one more site covering all four, which none does. With B, D covers
  // what is left ({0,4}): the only 2-site cover is {B, D}, and no single site covers all.
  const chain = [[0, 1], [1, 2, 3], [3, 4], [0, 4], [2]];

  it.each(methods)('needs two sites, B and D (%s)', (method) => {
    const result = solveSiting(covering([1, 1, 1, 1, 1], chain), { model: 'lscp', method, timeLimitS: 5 }, solver);
    expect(result.objective).toBe(2);
    expect([...result.chosen].sort()).toEqual([1, 3]);
    expect(result.status).toBe('optimal');
    expect(result.uncoveredDemands).toEqual([]);
    expect(result.coveredWeight).toBe(5);
  });

  it('with D already open only B is needed', () => {
    const result = solveSiting(covering([1, 1, 1, 1, 1], chain, { fixedOpen: Uint8Array.of(0, 0, 0, 1, 0) }), { model: 'lscp', method: 'auto', timeLimitS: 5 }, solver);
    expect(result.chosen).toEqual([1]);
    expect(result.status).toBe('optimal');
  });

  it('reports unreachable demand as infeasible, and still covers the rest', () => {
    // d5 (weight 3) is reached by nobody; d6 weighs nothing; d7 is already covered.
    const instance = covering([1, 1, 1, 1, 1, 3, 0, 2], chain, { preCovered: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1) });
    const result = solveSiting(instance, { model: 'lscp', method: 'exact', timeLimitS: 5 }, solver);
    expect(result.status).toBe('infeasible');
    expect(result.gap).toBeNull();
    expect([...result.chosen].sort()).toEqual([1, 3]);
    expect(result.uncoveredDemands).toEqual([5, 6]);
    expect(result.coveredWeight).toBe(7);
    expect(result.totalWeight).toBe(10);
  });

  it('drops what greedy over-picked', () => {
    // S {0,1,3,4} is the largest set, so greedy takes it first, then T {0,1,2} and U {3,4,5}
    // for demands 2 and 5. T and U cover S's demands too: S is redundant, 2 sites remain.
    const result = solveSiting(covering([1, 1, 1, 1, 1, 1], [[0, 1, 3, 4], [0, 1, 2], [3, 4, 5]]), { model: 'lscp', method: 'heuristic', timeLimitS: 5 });
    expect([...result.chosen].sort()).toEqual([1, 2]);
    expect(result.status).toBe('optimal');
  });
});

describe('maximal covering, worked by hand', () => {
  // Demands a b c d weigh 4, e weighs 3. S {b,c,e} = 11 is the best single site, so greedy
  // takes it and then L {a,b} or R {c,d} for 15; L + R covers a b c d = 16, the optimum
  // (S + anything ≤ 15), which swapping S out for the other one finds.
  const instance = covering([4, 4, 4, 4, 3], [[1, 2, 4], [0, 1], [2, 3]]);

  it.each(methods)('picks L and R for 16 with p = 2 (%s)', (method) => {
    const result = solveSiting(instance, { model: 'mclp', p: 2, method, timeLimitS: 5 }, solver);
    expect(result.objective).toBe(16);
    expect([...result.chosen].sort()).toEqual([1, 2]);
    expect(result.marginalGain).toEqual([8, 8]);
    expect(result.uncoveredDemands).toEqual([4]);
  });

  it('counts pre-covered and fixed-site coverage once, and never proposes a fixed site', () => {
    // L is open already and e is covered: R adds c and d (8); S would add c only (4).
    const result = solveSiting(covering([4, 4, 4, 4, 3], [[1, 2, 4], [0, 1], [2, 3]], { fixedOpen: Uint8Array.of(0, 1, 0), preCovered: Uint8Array.of(0, 0, 0, 0, 1) }), { model: 'mclp', p: 1, method: 'auto', timeLimitS: 5 }, solver);
    expect(result.chosen).toEqual([2]);
    expect(result.objective).toBe(19);
    expect(result.status).toBe('optimal');
  });

  it('gives the curve 1…3 with honest bounds', () => {
    const result = solveSiting(instance, { model: 'mclp', p: 2, method: 'exact', timeLimitS: 5, curveUpTo: 3 }, solver);
    expect(result.curve!.map((point) => point.coveredWeight)).toEqual([11, 16, 19]);
    expect(result.curve!.every((point) => point.status === 'optimal' && point.upperBound === point.coveredWeight)).toBe(true);
  });
});

describe('capacitated maximal covering, worked by hand', () => {
  it('splits a shared demand between two sites', () => {
    // A (capacity 10) reaches d0 and d1, B (capacity 10) reaches d1 and d2; each weighs 8.
    // One site serves 10. Both: 20 of 24 (e.g. d0 → A 8, d2 → B 8, d1 gets 2 + 2), so at
    // least one demand is short; which one depends on the assignment, all of them optimal.
    // Without either site the other serves 10: each adds 10.
    const instance = covering([8, 8, 8], [[0, 1], [1, 2]], { capacities: Float64Array.of(10, 10) });
    const one = solveSiting(instance, { model: 'mclp', p: 1, method: 'exact', timeLimitS: 5 }, solver);
    expect(one.objective).toBeCloseTo(10, 9);
    const two = solveSiting(instance, { model: 'mclp', p: 2, method: 'heuristic', timeLimitS: 5 }, solver);
    expect(two.objective).toBeCloseTo(20, 9);
    expect(two.marginalGain.map((gain) => Math.round(gain * 1e6) / 1e6)).toEqual([10, 10]);
    expect(two.uncoveredDemands.length).toBeGreaterThanOrEqual(1);
    expect(two.status).toBe('optimal');
  });

  it('counts what re-routing frees, not just direct room', () => {
    // A is open (capacity 8) and reaches d0 and d1 (8 each). B (capacity 8) reaches d0 only,
    // C (capacity 5) reaches d2 (5). If A happens to serve d0, B finds no unserved demand in
    // reach, yet opening it lets A move to d1: B adds 8, C only 5. Optimum: B, 16.
    const instance = covering([8, 8, 5], [[0, 1], [0], [2]], { capacities: Float64Array.of(8, 8, 5), fixedOpen: Uint8Array.of(1, 0, 0) });
    for (const method of methods) {
      const result = solveSiting(instance, { model: 'mclp', p: 1, method, timeLimitS: 5 }, solver);
      expect(result.chosen).toEqual([1]);
      expect(result.objective).toBeCloseTo(16, 9);
      expect(result.uncoveredDemands).toEqual([2]);
    }
  });

  it('a fixed site keeps its capacity', () => {
    // A fixed (capacity 10) reaches d0 (8) and d1 (8); B (5) reaches d1 and d2 (8); C (12)
    // reaches d2. A serves 10 either way; B adds 5, C adds 8: C, for 18.
    const instance = covering([8, 8, 8], [[0, 1], [1, 2], [2]], { capacities: Float64Array.of(10, 5, 12), fixedOpen: Uint8Array.of(1, 0, 0) });
    const result = solveSiting(instance, { model: 'mclp', p: 1, method: 'exact', timeLimitS: 5 }, solver);
    expect(result.chosen).toEqual([2]);
    expect(result.objective).toBeCloseTo(18, 9);
    expect(result.status).toBe('optimal');
  });
});
