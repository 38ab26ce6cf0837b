import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeNearestDistances } from '../../../core/analysis/nearest-distance.ts';
import { computeNetworkDistances, snapPoints } from '../../../core/analysis/network-distance.ts';
import { createNetworkSnapper } from '../../../core/analysis/network-snap.ts';
import { createRoadGraph } from '../../../core/analysis/road-graph.ts';
import { quoteCsvCell, formatCsv } from '../../../core/csv-cells.ts';
import { listEuclideanCoverage } from '../../../core/siting/instance/coverage-lists.ts';
import { gatherIntoSquares } from '../../../core/siting/instance/demand-squares.ts';
import { measureGeodesicMatrix } from '../../../core/siting/instance/distance-matrix.ts';
import { NetworkReach, listNetworkCoverage, measureNetworkMatrix } from '../../../core/siting/instance/network-reach.ts';
import { arbitraryDemand, arbitraryNetwork, arbitraryPoint, pointFacilities, toLonLat } from '../analysis/synthetic.ts';

/** The cells a site covers, as the coverage analysis finds them with that site alone. */
function coveredAlone(distances: Float64Array, radiusM: number): number[] {
  return [...distances.keys()].filter((cell) => distances[cell] <= radiusM);
}

const rowOf = (cover: { start: Int32Array; demand: Int32Array }, site: number) => [...cover.demand.subarray(cover.start[site], cover.start[site + 1])];

describe('siting instance parts agree with the coverage analysis', () => {
  it('straight-line coverage lists: each site covers what computeNearestDistances finds for it alone', () => {
    fc.assert(fc.property(arbitraryDemand, fc.array(arbitraryPoint(1100), { minLength: 1, maxLength: 6 }), fc.integer({ min: 50, max: 600 }), (demand, points, radiusM) => {
      const sites = points.map(([x, y]) => toLonLat(x, y));
      const cover = listEuclideanCoverage(demand, { lon: sites.map((site) => site[0]), lat: sites.map((site) => site[1]) }, radiusM);
      pointFacilities(points).forEach((facility, site) => {
        expect(rowOf(cover, site)).toEqual(coveredAlone(computeNearestDistances(demand, [facility], radiusM), radiusM));
      });
    }), { numRuns: 60 });
  });

  it('walking coverage lists and matrices: each site as computeNetworkDistances measures it alone', () => {
    fc.assert(fc.property(arbitraryNetwork, arbitraryDemand, fc.array(arbitraryPoint(400), { minLength: 1, maxLength: 5 }), fc.integer({ min: 50, max: 500 }), (network, demand, points, radiusM) => {
      const snapper = createNetworkSnapper(createRoadGraph(network.edges), 150);
      const demandSnaps = snapPoints(snapper, demand.lon, demand.lat);
      const sites = points.map(([x, y]) => toLonLat(x, y));
      const siteLon = sites.map((site) => site[0]);
      const siteLat = sites.map((site) => site[1]);
      const siteSnaps = snapPoints(snapper, siteLon, siteLat);
      const reach = new NetworkReach(snapper.graph);
      const { cover } = listNetworkCoverage(reach, demand, demandSnaps, { lon: siteLon, lat: siteLat }, siteSnaps, radiusM);
      const matrix = measureNetworkMatrix(reach, siteSnaps, demandSnaps);
      pointFacilities(points).forEach((facility, site) => {
        expect(rowOf(cover, site)).toEqual(coveredAlone(computeNetworkDistances(snapper, demand, demandSnaps, [facility], radiusM).distances, radiusM));
        const alone = computeNetworkDistances(snapper, demand, demandSnaps, [facility], Infinity).distances;
        for (let cell = 0; cell < demand.count; cell += 1) {
          const walked = matrix[site * demand.count + cell];
          if (alone[cell] === Infinity) expect(walked).toBe(Infinity);
          else expect(Math.abs(walked - alone[cell])).toBeLessThanOrEqual(1e-3 + alone[cell] * 1e-6);
        }
      });
    }), { numRuns: 60 });
  });

  it('straight-line matrices measure every pair', () => {
    const sites = { lon: [106.57, 106.58], lat: [29.53, 29.54] };
    const demands = { lon: [106.575, 106.57], lat: [29.535, 29.53] };
    const matrix = measureGeodesicMatrix(sites, demands);
    expect(matrix[1]).toBe(0);
    expect(matrix[2]).toBeCloseTo(matrix[0], 0);
    expect(matrix[0]).toBeGreaterThan(700);
  });
});

describe('demand squares for the p-median', () => {
  it('keep every resident, put each centre at its cells\' population-weighted centre, and leave out empty cells', () => {
    const lon = [106.57, 106.5701, 106.6, 106.61];
    const lat = [29.53, 29.53, 29.56, 29.57];
    const squares = gatherIntoSquares(lon, lat, [1, 3, 0, 5], 500);
    expect(squares.count).toBe(2);
    expect([...squares.weight].sort()).toEqual([4, 5]);
    const first = squares.squareOf[0];
    expect(squares.squareOf[1]).toBe(first);
    expect(squares.squareOf[2]).toBe(-1);
    expect(squares.lon[first]).toBeCloseTo(106.570075, 7);
    expect(squares.cells[first]).toBe(2);
    expect(squares.ids[first]).toMatch(/^sq:\d+:\d+$/);
    expect(squares.nearestMember[first]).toBe(1);
  });
});

describe('CSV cells', () => {
  it('quote separators and defuse formulas', () => {
    expect(quoteCsvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(quoteCsvCell('a,"b"')).toBe('"a,""b"""');
    expect(quoteCsvCell(null)).toBe('');
    expect(formatCsv([['a', 1], ['b', 2.5]])).toBe('\uFEFFa,1\r\nb,2.5\r\n');
  });
});
