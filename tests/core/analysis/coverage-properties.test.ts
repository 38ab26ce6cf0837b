import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCoverage, listUncoveredCells } from '../../../core/analysis/coverage.ts';
import { createPointFacility, measureFacilityDistance } from '../../../core/analysis/facility.ts';
import { computeNearestDistances } from '../../../core/analysis/nearest-distance.ts';
import { computeNetworkDistances, snapPoints } from '../../../core/analysis/network-distance.ts';
import { createNetworkSnapper } from '../../../core/analysis/network-snap.ts';
import { createRoadGraph } from '../../../core/analysis/road-graph.ts';
import { arbitraryDemand, arbitraryFacilities, arbitraryNetwork, arbitraryPoint, createGridDemand, toLonLat } from './synthetic.ts';

const radius = fc.double({ min: 1, max: 1500, noNaN: true });

describe('straight-line coverage', () => {
  it('finds the same nearest distances as measuring every facility from every cell', () => {
    fc.assert(fc.property(arbitraryDemand, arbitraryFacilities, radius, (demand, facilities, cap) => {
      const nearest = computeNearestDistances(demand, facilities, cap);
      for (let cell = 0; cell < demand.count; cell += 1) {
        const brute = Math.min(...facilities.map((facility) => measureFacilityDistance(facility, demand.lon[cell], demand.lat[cell])));
        expect(nearest[cell]).toBe(brute <= cap ? brute : Infinity);
      }
    }), { numRuns: 100 });
  });

  it('is monotone in the distance', () => {
    fc.assert(fc.property(arbitraryDemand, arbitraryFacilities, radius, radius, (demand, facilities, first, second) => {
      const [near, far] = [Math.min(first, second), Math.max(first, second)];
      const nearCoverage = computeCoverage(demand, computeNearestDistances(demand, facilities, near), near);
      const farCoverage = computeCoverage(demand, computeNearestDistances(demand, facilities, far), far);
      expect(nearCoverage.coveredPopulation).toBeLessThanOrEqual(farCoverage.coveredPopulation);
      // The same distances thresholded lower agree with computing to the lower cap.
      expect(computeCoverage(demand, computeNearestDistances(demand, facilities, far), near).coveredPopulation).toBe(nearCoverage.coveredPopulation);
    }), { numRuns: 100 });
  });

  it('never drops when a facility is added', () => {
    fc.assert(fc.property(arbitraryDemand, arbitraryFacilities, arbitraryPoint(1100), radius, (demand, facilities, [x, y], cap) => {
      const before = computeCoverage(demand, computeNearestDistances(demand, facilities, cap), cap);
      const after = computeCoverage(demand, computeNearestDistances(demand, [...facilities, createPointFacility(...toLonLat(x, y))], cap), cap);
      expect(after.coveredPopulation).toBeGreaterThanOrEqual(before.coveredPopulation);
      after.communityCovered.forEach((covered, community) => expect(covered).toBeGreaterThanOrEqual(before.communityCovered[community]));
    }), { numRuns: 100 });
  });

  it('covers at most everyone, and its parts add up', () => {
    fc.assert(fc.property(arbitraryDemand, arbitraryFacilities, radius, (demand, facilities, cap) => {
      const distances = computeNearestDistances(demand, facilities, cap);
      const summary = computeCoverage(demand, distances, cap);
      expect(summary.coveredPopulation).toBeLessThanOrEqual(summary.totalPopulation);
      expect(summary.coveredShare).toBeGreaterThanOrEqual(0);
      expect(summary.coveredShare).toBeLessThanOrEqual(1);
      expect([...summary.communityCovered].reduce((sum, value) => sum + value, 0)).toBe(summary.coveredPopulation);
      expect([...summary.communityPopulation].reduce((sum, value) => sum + value, 0)).toBe(summary.totalPopulation);
      const uncovered = listUncoveredCells(distances, cap).reduce((sum, cell) => sum + demand.population[cell], 0);
      expect(uncovered + summary.coveredPopulation).toBe(summary.totalPopulation);
    }), { numRuns: 100 });
  });

  it('counts nobody when there are no facilities, and a share of 0 without people', () => {
    const demand = createGridDemand(3, 100, [0]);
    expect(computeCoverage(demand, computeNearestDistances(demand, [], 500), 500)).toMatchObject({ coveredPopulation: 0, totalPopulation: 0, coveredShare: 0 });
  });
});

describe('network coverage', () => {
  const setting = fc.record({ network: arbitraryNetwork, facilities: fc.array(arbitraryPoint(500), { maxLength: 4 }), extra: arbitraryPoint(500), first: radius, second: radius });

  it('is monotone in the distance and never drops when a facility is added', () => {
    fc.assert(fc.property(setting, ({ network, facilities, extra, first, second }) => {
      const demand = createGridDemand(6, 100, [7, 11, 13]);
      const snapper = createNetworkSnapper(createRoadGraph(network.edges), 150);
      const snaps = snapPoints(snapper, demand.lon, demand.lat);
      const sites = facilities.map(([x, y]) => createPointFacility(...toLonLat(x, y)));
      const covered = (list: typeof sites, cap: number) => computeCoverage(demand, computeNetworkDistances(snapper, demand, snaps, list, cap).distances, cap).coveredPopulation;
      const [near, far] = [Math.min(first, second), Math.max(first, second)];
      expect(covered(sites, near)).toBeLessThanOrEqual(covered(sites, far));
      expect(covered([...sites, createPointFacility(...toLonLat(...extra))], far)).toBeGreaterThanOrEqual(covered(sites, far));
    }), { numRuns: 100 });
  });
});
