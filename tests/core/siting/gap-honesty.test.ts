import { describe, expect, it } from 'vitest';
import { describeSitingResult, OPTIMALITY_TOLERANCE, type SitingInstance, type SitingSolution } from '../../../core/siting/index.ts';
import { settleUpperBound } from '../../../core/siting/pipeline/settle-upper-bound.ts';

const instance: SitingInstance = {
  candidateIds: ['a', 'b'],
  demandIds: ['x', 'y'],
  weights: Float64Array.of(1, 1),
  cover: { start: Int32Array.of(0, 1, 2), demand: Int32Array.of(0, 1) },
};

const solution = (gap: number, status: SitingSolution['status'] = 'feasible'): SitingSolution => ({
  model: 'mclp',
  status,
  method: 'heuristic',
  gap,
  objective: 274_916,
  bound: 274_916 * (1 + gap),
  chosen: [0],
  marginalGain: [1],
  coveredWeight: 1,
  totalWeight: 2,
  uncoveredDemands: [1],
  notes: [],
});

describe('the gap, honestly', () => {
  it('keeps a tiny gap at its significant digits instead of rounding it to 0', () => {
    expect(describeSitingResult(instance, solution(4.6e-6), { notes: [] }, 1).result.gap).toBe(4.6e-6);
    expect(describeSitingResult(instance, solution(0.012345), { notes: [] }, 1).result.gap).toBe(0.0123);
    expect(describeSitingResult(instance, solution(0, 'optimal'), { notes: [] }, 1).result.gap).toBe(0);
  });

  it('calls a gap within the solver’s optimality tolerance optimal, and one above it feasible with its gap', () => {
    const objective = 274_916;
    const within = settleUpperBound(objective, objective * (1 + 4.6e-8), false);
    expect(within).toMatchObject({ status: 'optimal', gap: 0, proven: true, bound: objective });
    const above = settleUpperBound(objective, objective * (1 + 10 * OPTIMALITY_TOLERANCE), false);
    expect(above.status).toBe('feasible');
    expect(above.gap).toBeCloseTo(10 * OPTIMALITY_TOLERANCE, 12);
  });
});
