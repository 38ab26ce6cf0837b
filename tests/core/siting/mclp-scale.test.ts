import { beforeAll, describe, expect, it } from 'vitest';
import { reduceCovering } from '../../../core/siting/covering/reduce-covering.ts';
import { CoverState, solveMclpHeuristic } from '../../../core/siting/mclp/mclp-heuristic.ts';
import type { MipSolver } from '../../../core/siting/contract/siting-types.ts';
import { solveSiting } from '../../../core/siting/solve-siting.ts';
import { loadHighsSolver } from '../../../server/siting/highs-solver.ts';
import { createCityCovering } from './synthetic-covering.ts';

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

describe('covering at city scale', () => {
  // How fast (target: within a second) is `npm run bench -- siting`'s business.
  it('maximal covering on 6,500 candidates × 19,000 demands, p = 10: a heuristic answer and its bound', () => {
    const instance = createCityCovering(6500, 19_000, 7.5, 7);
    const result = solveSiting(instance, { model: 'mclp', p: 10, method: 'heuristic', timeLimitS: 5 });
    console.log(`mclp 6,500 × 19,000, p = 10: ${result.objective} (bound ${result.bound}, gap ${result.gap}); ${result.notes.join('; ')}`);
    expect(result.chosen).toHaveLength(10);
    expect(new Set(result.chosen).size).toBe(10);
    expect(result.bound).toBeGreaterThanOrEqual(result.objective);
    expect(result.status).toBe(result.bound === result.objective ? 'optimal' : 'feasible');
  });

  it('greedy + swaps ends where no single swap covers more', () => {
    const reduced = reduceCovering(createCityCovering(150, 900, 6, 21), { capacitated: false });
    const { chosen, covered } = solveMclpHeuristic(reduced, 8);
    const coverage = (sites: number[]) => {
      const state = new CoverState(reduced);
      for (const site of sites) state.add(site);
      return state.coveredWeight();
    };
    expect(coverage(chosen)).toBe(covered);
    for (let slot = 0; slot < chosen.length; slot += 1) {
      for (let site = 0; site < reduced.candidateOf.length; site += 1) {
        if (chosen.includes(site)) continue;
        const swapped = chosen.map((old, index) => (index === slot ? site : old));
        expect(coverage(swapped)).toBeLessThanOrEqual(covered);
      }
    }
  });

  it('on a mid-sized instance: heuristic ≤ exact ≤ bound, and the exact answer is proven', () => {
    // Heavy overlap (each demand within reach of ~25 of 80 sites): the heuristic stops short of
    // the optimum here, and its bound is not tight.
    const instance = createCityCovering(80, 400, 25, 1);
    const heuristic = solveSiting(instance, { model: 'mclp', p: 5, method: 'heuristic', timeLimitS: 20, curveUpTo: 8 });
    const exact = solveSiting(instance, { model: 'mclp', p: 5, method: 'exact', timeLimitS: 20, curveUpTo: 8 }, solver);
    console.log(`mclp 80 × 400, p = 5: heuristic ${heuristic.objective} (bound ${heuristic.bound}, ${heuristic.status}), exact ${exact.objective} (${exact.status})`);
    expect(exact.status).toBe('optimal');
    expect(heuristic.objective).toBeLessThanOrEqual(exact.objective);
    expect(exact.objective).toBeLessThanOrEqual(heuristic.bound);
    expect(heuristic.status).toBe(heuristic.objective === heuristic.bound ? 'optimal' : 'feasible');
    for (const [label, curve] of [['heuristic', heuristic.curve!], ['exact', exact.curve!]] as const) {
      expect(curve).toHaveLength(8);
      expect(curve[4].coveredWeight).toBe(label === 'exact' ? exact.objective : heuristic.objective);
      for (let k = 1; k < curve.length; k += 1) expect(curve[k].upperBound).toBeGreaterThanOrEqual(curve[k - 1].upperBound);
      for (const point of curve) {
        expect(point.status === 'optimal').toBe(point.upperBound === point.coveredWeight);
        expect(point.upperBound).toBeGreaterThanOrEqual(point.coveredWeight);
      }
    }
    // Small enough for every exact curve point to be proven, each at least the heuristic's.
    expect(exact.curve!.every((point) => point.status === 'optimal')).toBe(true);
    exact.curve!.forEach((point, k) => expect(point.coveredWeight).toBeGreaterThanOrEqual(heuristic.curve![k].coveredWeight));
    exact.curve!.forEach((point, k) => expect(point.coveredWeight).toBeLessThanOrEqual(heuristic.curve![k].upperBound));
  });

  it('set covering on a mid-sized instance: bound ≤ exact ≤ heuristic', () => {
    const instance = createCityCovering(200, 700, 6, 17);
    const heuristic = solveSiting(instance, { model: 'lscp', method: 'heuristic', timeLimitS: 20 });
    const exact = solveSiting(instance, { model: 'lscp', method: 'exact', timeLimitS: 20 }, solver);
    console.log(`lscp 200 × 700: heuristic ${heuristic.objective} (bound ${heuristic.bound}), exact ${exact.objective} (${exact.status}, bound ${exact.bound})`);
    expect(heuristic.bound).toBeLessThanOrEqual(exact.objective);
    expect(exact.objective).toBeLessThanOrEqual(heuristic.objective);
    expect(exact.bound).toBeLessThanOrEqual(exact.objective);
  });
});
