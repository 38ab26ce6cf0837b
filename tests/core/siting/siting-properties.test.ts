import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MipSolver, SitingSolution } from '../../../core/siting/contract/siting-types.ts';
import { solveSiting } from '../../../core/siting/solve-siting.ts';
import { loadHighsSolver } from '../../../server/siting/highs-solver.ts';
import { bestCapacitated, bestLscp, bestMclp, bestPMedian, capacitatedCoverage, coveredWeight, freeCandidates } from './brute-force.ts';
import { arbitraryCovering, arbitraryPMedian, toPMedianInstance, toSitingInstance } from './small-instances.ts';

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const settings = { numRuns: 100, seed: 20_261_125 };
const p = fc.integer({ min: 1, max: 4 });
/** Equal up to rounding in sums of a dozen weights. */
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** What every answer must satisfy: the contract's gap, an honest status, gains in order. */
function expectConsistent(solution: SitingSolution): void {
  if (solution.status === 'infeasible') expect(solution.gap).toBeNull();
  else {
    const expected = solution.objective === solution.bound ? 0 : Math.abs(solution.objective - solution.bound) / Math.max(Math.abs(solution.objective), 1e-9);
    expect(solution.gap).toBeCloseTo(expected, 12);
    expect(solution.status === 'optimal').toBe(solution.gap === 0);
  }
  for (let k = 1; k < solution.marginalGain.length; k += 1) expect(solution.marginalGain[k]).toBeLessThanOrEqual(solution.marginalGain[k - 1]);
  expect(new Set(solution.chosen).size).toBe(solution.chosen.length);
}

describe('maximal covering against enumeration', () => {
  it('exact finds the optimum; heuristic ≤ optimum ≤ bound', () => {
    fc.assert(
      fc.property(arbitraryCovering(), p, (small, sites) => {
        const instance = toSitingInstance(small);
        const optimum = bestMclp(small, sites);
        const exact = solveSiting(instance, { model: 'mclp', p: sites, method: 'exact', timeLimitS: 10 }, solver);
        const heuristic = solveSiting(instance, { model: 'mclp', p: sites, method: 'heuristic', timeLimitS: 10 });
        expect(close(exact.objective, optimum)).toBe(true);
        expect(exact.status).toBe('optimal');
        for (const solution of [exact, heuristic]) {
          expectConsistent(solution);
          expect(solution.chosen.length).toBeLessThanOrEqual(Math.min(sites, freeCandidates(small).length));
          expect(solution.chosen.every((i) => !small.fixed[i])).toBe(true);
          // The reported coverage is what the chosen sites really cover.
          expect(close(solution.coveredWeight, coveredWeight(small, solution.chosen))).toBe(true);
          expect(solution.objective).toBe(solution.coveredWeight);
          expect(solution.uncoveredDemands.reduce((sum, j) => sum + small.weights[j], 0) + solution.coveredWeight).toBeCloseTo(solution.totalWeight, 9);
        }
        expect(heuristic.objective).toBeLessThanOrEqual(optimum + 1e-9);
        expect(heuristic.bound).toBeGreaterThanOrEqual(optimum - 1e-9);
      }),
      settings,
    );
  });

  it('auto without a solver still states a valid bound', () => {
    fc.assert(
      fc.property(arbitraryCovering(), p, (small, sites) => {
        const optimum = bestMclp(small, sites);
        const auto = solveSiting(toSitingInstance(small), { model: 'mclp', p: sites, method: 'auto', timeLimitS: 10 });
        expect(auto.method).toBe('heuristic');
        expect(auto.bound).toBeGreaterThanOrEqual(optimum - 1e-9);
        if (auto.status === 'optimal') expect(close(auto.objective, optimum)).toBe(true);
      }),
      settings,
    );
  });
});

describe('set covering against enumeration', () => {
  it('exact finds the fewest sites; bound ≤ optimum ≤ heuristic', () => {
    fc.assert(
      fc.property(arbitraryCovering(), (small) => {
        const instance = toSitingInstance(small);
        const optimum = bestLscp(small);
        const all = Array.from({ length: small.candidates }, (_, i) => i);
        const uncoverable = small.weights.some((w, j) => w > 0 && !small.preCovered[j] && !all.some((i) => small.covers[i][j]));
        const exact = solveSiting(instance, { model: 'lscp', method: 'exact', timeLimitS: 10 }, solver);
        const heuristic = solveSiting(instance, { model: 'lscp', method: 'heuristic', timeLimitS: 10 });
        expect(exact.objective).toBe(optimum);
        for (const solution of [exact, heuristic]) {
          expectConsistent(solution);
          expect(solution.status === 'infeasible').toBe(uncoverable);
          expect(solution.objective).toBe(solution.chosen.length);
          // Every positive-weight demand left uncovered is one no candidate reaches.
          for (const j of solution.uncoveredDemands) if (small.weights[j] > 0) expect(all.some((i) => small.covers[i][j])).toBe(false);
        }
        expect(heuristic.bound).toBeLessThanOrEqual(optimum);
        expect(heuristic.objective).toBeGreaterThanOrEqual(optimum);
        if (!uncoverable) expect(exact.status).toBe('optimal');
      }),
      settings,
    );
  });
});

describe('capacitated maximal covering against enumeration', () => {
  it('exact finds the optimum; heuristic ≤ optimum ≤ bound, with or without the LP bound', () => {
    fc.assert(
      fc.property(arbitraryCovering({ capacitated: true }), p, (small, sites) => {
        const instance = toSitingInstance(small);
        const optimum = bestCapacitated(small, sites);
        const exact = solveSiting(instance, { model: 'mclp', p: sites, method: 'exact', timeLimitS: 10 }, solver);
        const heuristic = solveSiting(instance, { model: 'mclp', p: sites, method: 'heuristic', timeLimitS: 10 }, solver);
        const alone = solveSiting(instance, { model: 'mclp', p: sites, method: 'heuristic', timeLimitS: 10 });
        expect(Math.abs(exact.objective - optimum)).toBeLessThanOrEqual(1e-6 * Math.max(1, optimum));
        for (const solution of [exact, heuristic, alone]) {
          expectConsistent(solution);
          // The reported coverage is achievable: a maximum flow of the chosen sites gives it.
          const open = [...solution.chosen, ...small.fixed.flatMap((fixed, i) => (fixed ? [i] : []))];
          expect(Math.abs(solution.coveredWeight - capacitatedCoverage(small, open))).toBeLessThanOrEqual(1e-7 * Math.max(1, optimum));
          expect(solution.objective).toBeLessThanOrEqual(optimum + 1e-7);
          expect(solution.bound).toBeGreaterThanOrEqual(optimum - 1e-6 * Math.max(1, optimum));
        }
      }),
      settings,
    );
  });
});

describe('p-median against enumeration', () => {
  it('exact finds the optimum; bound ≤ optimum ≤ heuristic', () => {
    fc.assert(
      fc.property(arbitraryPMedian, p, (small, wanted) => {
        const free = small.fixed.filter((fixed) => !fixed).length;
        fc.pre(free >= 1);
        const sites = Math.min(wanted, free);
        const instance = toPMedianInstance(small);
        const reference = bestPMedian(small.distance, small.weights, small.kept, small.fixed, sites);
        const exact = solveSiting(instance, { model: 'pmedian', p: sites, method: 'exact', timeLimitS: 10 }, solver);
        const heuristic = solveSiting(instance, { model: 'pmedian', p: sites, method: 'heuristic', timeLimitS: 10 });
        if (reference.objective === Infinity) {
          expect(exact.status).toBe('infeasible');
          return;
        }
        expect(Math.abs(exact.objective - reference.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, reference.objective));
        expect(exact.status).toBe('optimal');
        expect(exact.chosen).toHaveLength(sites);
        expectConsistent(exact);
        expectConsistent(heuristic);
        expect(heuristic.bound).toBeLessThanOrEqual(reference.objective * (1 + 1e-9) + 1e-9);
        expect(heuristic.objective).toBeGreaterThanOrEqual(reference.objective * (1 - 1e-9) - 1e-9);
      }),
      settings,
    );
  });
});
