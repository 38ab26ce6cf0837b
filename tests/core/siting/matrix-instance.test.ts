import { describe, expect, it } from 'vitest';
import { buildMatrixInstance } from '../../../core/siting/instance/matrix-instance.ts';
import type { CostMatrix } from '../../../core/siting/contract/siting-contract.ts';

const matrix: CostMatrix = {
  candidates: ['a', 'b', 'c'],
  demands: [
    { id: 'x', weight: 5 },
    { id: 'y', weight: 0 },
  ],
  distances: [
    [100, null],
    [900, 300],
    [null, 1000],
  ],
};

describe('cost matrix → instance', () => {
  it('covering: within the radius (inclusive), null never', () => {
    const instance = buildMatrixInstance(matrix, 'mclp', 300);
    expect(Array.from(instance.cover!.start)).toEqual([0, 1, 2, 2]);
    expect(Array.from(instance.cover!.demand)).toEqual([0, 1]);
    expect(Array.from(instance.weights)).toEqual([5, 0]);
    expect(instance.fixedOpen).toBeUndefined();
  });

  it('p-median: dense distances with Infinity for null; fixed sites give the kept distance', () => {
    const instance = buildMatrixInstance({ ...matrix, fixed: ['b', 'c'] }, 'pmedian');
    expect(Array.from(instance.distances!)).toEqual([100, Infinity, 900, 300, Infinity, 1000]);
    expect(Array.from(instance.keptDistance!)).toEqual([900, 300]);
    expect(Array.from(instance.fixedOpen!)).toEqual([0, 1, 1]);
  });

  it('keeps capacities and fixed sites for the capacitated model', () => {
    const instance = buildMatrixInstance({ ...matrix, fixed: ['a'], capacities: [1, 2, 3] }, 'mclp', 1000);
    expect(Array.from(instance.capacities!)).toEqual([1, 2, 3]);
    expect(Array.from(instance.fixedOpen!)).toEqual([1, 0, 0]);
  });

  it.each([
    ['a ragged row, named', { ...matrix, distances: [[100, null], [900], [null, 1000]] }, /row 1 \(candidate "b"\) has 1 entries but there are 2 demands/],
    ['too few rows', { ...matrix, distances: [[100, null]] }, /1 rows but there are 3 candidates \(expected 3 × 2\)/],
    ['duplicate candidate ids', { ...matrix, candidates: ['a', 'b', 'a'] }, /candidate id "a" appears more than once/],
    ['duplicate demand ids', { ...matrix, demands: [{ id: 'x', weight: 1 }, { id: 'x', weight: 2 }] }, /demand id "x" appears more than once/],
    ['unknown fixed ids', { ...matrix, fixed: ['a', 'zz'] }, /fixed site "zz" is not one of the candidates/],
    ['capacities of the wrong length', { ...matrix, capacities: [1, 2] }, /capacities has 2 entries but there are 3 candidates/],
  ])('rejects %s with a RangeError', (_, bad, message) => {
    expect(() => buildMatrixInstance(bad as CostMatrix, 'mclp', 500)).toThrow(RangeError);
    expect(() => buildMatrixInstance(bad as CostMatrix, 'mclp', 500)).toThrow(message);
  });

  it('needs a radius for the covering models', () => {
    expect(() => buildMatrixInstance(matrix, 'lscp')).toThrow(/needs a finite service radius/);
    expect(() => buildMatrixInstance(matrix, 'mclp', Number.NaN)).toThrow(RangeError);
  });
});
