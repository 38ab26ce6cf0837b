import { describe, expect, it } from 'vitest';
import { boundPMedian } from '../../../core/siting/p-median/p-median-bound.ts';
import { solvePMedianHeuristic } from '../../../core/siting/p-median/p-median-heuristic.ts';
import type { SitingInstance } from '../../../core/siting/contract/siting-types.ts';
import { createSeededRandom as createGenerator } from '../../../core/seeded-random.ts';


/** Candidates and demands scattered over a 10 km square; distances are straight lines times a
 * detour factor of 1.2–1.5, weights 0–499, and half the demands near a kept facility. */
function createLargeInstance(candidateCount: number, demandCount: number, seed: number): SitingInstance {
  const next = createGenerator(seed);
  const place = (count: number) => Array.from({ length: count }, () => [next() * 10_000, next() * 10_000]);
  const candidates = place(candidateCount);
  const demands = place(demandCount);
  const distances = new Float32Array(candidateCount * demandCount);
  candidates.forEach(([cx, cy], i) => {
    demands.forEach(([dx, dy], j) => {
      distances[i * demandCount + j] = Math.hypot(cx - dx, cy - dy) * (1.2 + 0.3 * next());
    });
  });
  const keptDistance = Float64Array.from(demands, ([dx, dy]) => (dx < 5_000 ? Math.hypot(dx - 2_500, dy - 5_000) * 1.3 : Infinity));
  return {
    candidateIds: candidates.map((_, i) => `c${i}`),
    demandIds: demands.map((_, j) => `d${j}`),
    weights: Float64Array.from(demands, () => Math.floor(next() * 500)),
    distances,
    keptDistance,
  };
}

describe('p-median on a large instance', () => {
  it('solves 6,500 candidates × 1,200 demands with p = 10 and bounds the answer (times logged)', () => {
    const instance = createLargeInstance(6_500, 1_200, 2026);
    let started = performance.now();
    const heuristic = solvePMedianHeuristic(instance, 10);
    const heuristicMs = performance.now() - started;
    started = performance.now();
    const bound = boundPMedian(instance, 10, heuristic.objective);
    const boundMs = performance.now() - started;
    const gap = (heuristic.objective - bound) / heuristic.objective;
    console.log(`p-median 6,500 × 1,200, p = 10: heuristic ${heuristicMs.toFixed(0)} ms (objective ${heuristic.objective.toFixed(0)}), bound ${boundMs.toFixed(0)} ms (${bound.toFixed(0)}), gap ${(100 * gap).toFixed(3)} %`);
    expect(heuristic.chosen).toHaveLength(10);
    expect(bound).toBeLessThanOrEqual(heuristic.objective);
    // Loose: the figures above are what to watch; this only catches a broken bound.
    expect(gap).toBeLessThan(0.05);
  });
});
