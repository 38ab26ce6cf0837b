import { describe, expect, it } from 'vitest';
import { createDemandSet } from '../../../core/analysis/demand-set.ts';
import { formatLifeCircleCsv } from '../../../core/analysis/life-circle-csv.ts';
import { computeLifeCircleMatrix } from '../../../core/analysis/life-circle.ts';

// Three cells: two in A (100 and 300 people), one in B (600); C has nobody.
const demand = createDemandSet(
  { lon: [106.5, 106.51, 106.52], lat: [29.5, 29.5, 29.5], population: [100, 300, 600], community: [0, 0, 1] },
  [{ code: 'A', name: '南坪, "east"' }, { code: 'B', name: '=HYPERLINK("x")' }, { code: 'C', name: 'Empty' }],
);
const columns = [
  { layer: 'kindergartens', radiusM: 300, lifeCircle: 'five_minute' as const },
  { layer: 'primary_schools', radiusM: 500, lifeCircle: 'ten_minute' as const },
];
// Kindergartens reach the first cell only; primary schools reach the second and third.
const distances = [Float64Array.from([100, 400, Infinity]), Float64Array.from([Infinity, 500, 20])];

describe('life-circle matrix', () => {
  const matrix = computeLifeCircleMatrix(demand, columns, distances);

  it('gives each community its covered share per type and the mean as a score', () => {
    expect(matrix.communities[0]).toEqual({ code: 'A', name: '南坪, "east"', population: 400, shares: [0.25, 0.75], score: 50 });
    expect(matrix.communities[1]).toMatchObject({ population: 600, shares: [0, 1], score: 50 });
    expect(matrix.communities[2]).toMatchObject({ population: 0, shares: [null, null], score: null });
  });

  it('weighs the district by population', () => {
    expect(matrix.district.shares).toEqual([0.1, 0.9]);
    expect(matrix.district.score).toBeCloseTo(50, 10);
  });

  it('exports CSV that spreadsheets read safely', () => {
    const csv = formatLifeCircleCsv(matrix);
    expect(csv.startsWith('\uFEFFcode,name,population,kindergartens_300m,primary_schools_500m,score\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[1]).toBe('A,"南坪, ""east""",400,0.25,0.75,50');
    expect(lines[2]).toBe(`B,"'=HYPERLINK(""x"")",600,0,1,50`);
    expect(lines[3]).toBe('C,Empty,0,,,');
    expect(lines[4]).toBe('district,district,1000,0.1,0.9,50');
  });
});
