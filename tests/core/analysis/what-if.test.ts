import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../core/analysis/coverage.ts';
import { createFacility, createPointFacility, type Facility } from '../../../core/analysis/facility.ts';
import { computeNearestDistances } from '../../../core/analysis/nearest-distance.ts';
import { WhatIfCoverage } from '../../../core/analysis/what-if.ts';
import { arbitraryDemand, arbitraryFacilities, arbitraryPoint, createGridDemand, toLonLat } from './synthetic.ts';

const arbitraryEdit = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), at: arbitraryPoint(1100) }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), at: arbitraryPoint(1100) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
);

describe('what-if coverage', () => {
  it('after any edits, equals coverage computed from scratch, and reports the cells that changed side', () => {
    fc.assert(fc.property(arbitraryDemand, arbitraryFacilities, fc.double({ min: 50, max: 800, noNaN: true }), fc.array(arbitraryEdit, { maxLength: 12 }), (demand, start, radius, edits) => {
      const whatIf = new WhatIfCoverage(demand, start, radius);
      const current: Array<Facility | undefined> = [...start];
      for (const edit of edits) {
        const live = current.flatMap((facility, index) => (facility ? [index] : []));
        const before = Float64Array.from(whatIf.nearest);
        let step;
        if (edit.kind === 'add') {
          step = whatIf.addFacility(...toLonLat(...edit.at));
          current.push(createPointFacility(...toLonLat(...edit.at)));
        } else if (!live.length) {
          continue;
        } else if (edit.kind === 'move') {
          const index = live[edit.pick % live.length];
          step = whatIf.moveFacility(index, ...toLonLat(...edit.at));
          current[index] = createPointFacility(...toLonLat(...edit.at));
        } else {
          const index = live[edit.pick % live.length];
          step = whatIf.removeFacility(index);
          current[index] = undefined;
        }
        const expected = computeNearestDistances(demand, current.filter((facility): facility is Facility => !!facility), radius);
        expect([...whatIf.nearest]).toEqual([...expected]);
        const summary = computeCoverage(demand, expected, radius);
        expect(whatIf.coveredPopulation).toBeCloseTo(summary.coveredPopulation, 6);
        expect(step.coveredPopulation).toBeCloseTo(summary.coveredPopulation, 6);
        [...summary.communityCovered].forEach((covered, community) => expect(whatIf.communityCovered[community]).toBeCloseTo(covered, 6));
        const flipped = [...expected.keys()].filter((cell) => (expected[cell] <= radius) !== (before[cell] <= radius));
        expect([...step.changedCells].sort((a, b) => a - b)).toEqual(flipped);
      }
    }), { numRuns: 150 });
  });

  it('keeps line and area facilities fixed while points move around them', () => {
    const demand = createGridDemand(10, 100, [10]);
    const trail = createFacility({ type: 'LineString', coordinates: [toLonLat(0, 0), toLonLat(900, 0)] });
    const whatIf = new WhatIfCoverage(demand, [trail, createPointFacility(...toLonLat(450, 900))], 150);
    whatIf.moveFacility(1, ...toLonLat(450, 100));
    expect(whatIf.coveredPopulation).toBe(computeCoverage(demand, computeNearestDistances(demand, [trail, createPointFacility(...toLonLat(450, 100))], 150), 150).coveredPopulation);
  });

  it('refuses to move a facility that is not there', () => {
    const whatIf = new WhatIfCoverage(createGridDemand(2, 100, [1]), [], 300);
    expect(() => whatIf.moveFacility(3, 106.57, 29.53)).toThrow(/no facility 3/);
  });
});
