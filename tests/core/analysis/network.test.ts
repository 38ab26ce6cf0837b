import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDemandSet } from '../../../core/analysis/demand-set.ts';
import { createPointFacility } from '../../../core/analysis/facility.ts';
import { computeNetworkDistances, snapPoints } from '../../../core/analysis/network-distance.ts';
import { createNetworkSnapper } from '../../../core/analysis/network-snap.ts';
import { createRoadGraph } from '../../../core/analysis/road-graph.ts';
import { computeShortestDistances } from '../../../core/analysis/shortest-paths.ts';
import { addLink, referenceDijkstra, referenceNetworkDistances, referenceSnap, type Adjacency } from './reference.ts';
import { arbitraryNetwork, arbitraryPoint, toLonLat } from './synthetic.ts';

const demandAt = (points: ReadonlyArray<readonly [number, number]>) =>
  createDemandSet({ lon: points.map((point) => point[0]), lat: points.map((point) => point[1]), population: points.map(() => 1), community: points.map(() => 0) }, [{ code: 'c', name: 'c' }]);

describe('multi-source Dijkstra', () => {
  it('equals a plain O(V²) Dijkstra on random networks, seeds and limits', () => {
    fc.assert(fc.property(arbitraryNetwork, fc.array(fc.tuple(fc.nat(30), fc.double({ min: 0, max: 200, noNaN: true })), { minLength: 1, maxLength: 3 }), fc.double({ min: 50, max: 2000, noNaN: true }), (network, seedList, limit) => {
      const graph = createRoadGraph(network.edges);
      const seeds = seedList.map(([node, distanceM]) => ({ node: node % graph.nodeCount, distanceM }));
      const production = computeShortestDistances(graph, seeds, limit);
      const adjacency: Adjacency = new Map();
      for (let edge = 0; edge < graph.edgeCount; edge += 1) addLink(adjacency, String(graph.edgeSource[edge]), String(graph.edgeTarget[edge]), graph.edgeLength[edge]);
      const sources = new Map<string, number>();
      for (const seed of seeds) sources.set(String(seed.node), Math.min(sources.get(String(seed.node)) ?? Infinity, seed.distanceM));
      const reference = referenceDijkstra(adjacency, sources);
      for (let node = 0; node < graph.nodeCount; node += 1) {
        const expected = reference.get(String(node)) ?? Infinity;
        if (expected <= limit) expect(production[node]).toBeCloseTo(expected, 9);
        else expect(production[node]).toBe(Infinity);
      }
    }), { numRuns: 150 });
  });
});

describe('snapping to the network', () => {
  it('finds the nearest point on a segment, not the nearest node', () => {
    const graph = createRoadGraph([{ source: 1, target: 2, coordinates: [toLonLat(0, 0), toLonLat(400, 0)] }]);
    const snap = createNetworkSnapper(graph, 300).snap(...toLonLat(200, 50))!;
    expect(snap.fraction).toBeCloseTo(0.5, 4);
    expect(snap.connectorM).toBeCloseTo(50, 2);
  });

  it('counts the fraction along the whole line of a bent edge, from its source node', () => {
    // Drawn target → source: the graph turns it round, since node 1 is already placed at (0, 0).
    const graph = createRoadGraph([
      { source: 1, target: 2, coordinates: [toLonLat(0, 0), toLonLat(0, -100)] },
      { source: 1, target: 3, coordinates: [toLonLat(200, 200), toLonLat(200, 0), toLonLat(0, 0)] },
    ]);
    const snap = createNetworkSnapper(graph, 300).snap(...toLonLat(210, 150))!;
    expect(snap.edge).toBe(1);
    expect(snap.fraction).toBeCloseTo(350 / 400, 3);
  });

  it('leaves a point beyond the tolerance unreachable', () => {
    const graph = createRoadGraph([{ source: 1, target: 2, coordinates: [toLonLat(0, 0), toLonLat(400, 0)] }]);
    expect(createNetworkSnapper(graph, 300).snap(...toLonLat(200, 301))).toBeUndefined();
    expect(createNetworkSnapper(graph, 300).snap(...toLonLat(200, 299))).toBeDefined();
  });

  it('agrees with a brute-force search on sparse random roads, where the nearest is buckets away', () => {
    const arbitraryRoads = fc.array(fc.tuple(arbitraryPoint(1000), arbitraryPoint(1000)), { minLength: 1, maxLength: 4 }).map((pairs) =>
      pairs.map(([a, b], index) => ({ source: 2 * index, target: 2 * index + 1, coordinates: [toLonLat(...a), toLonLat(...b)] })));
    fc.assert(fc.property(arbitraryRoads, fc.array(arbitraryPoint(1000), { minLength: 1, maxLength: 10 }), (edges, points) => {
      const snapper = createNetworkSnapper(createRoadGraph(edges), 600);
      for (const [x, y] of points) {
        const production = snapper.snap(...toLonLat(x, y));
        const reference = referenceSnap(edges, ...toLonLat(x, y), 600);
        expect(production === undefined).toBe(reference === undefined);
        if (production && reference) expect(production.connectorM).toBeCloseTo(reference.connectorM, 6);
      }
    }), { numRuns: 200 });
  });

  it('agrees with a brute-force search over every segment', () => {
    fc.assert(fc.property(arbitraryNetwork, fc.array(arbitraryPoint(500), { minLength: 1, maxLength: 10 }), fc.double({ min: 20, max: 300, noNaN: true }), (network, points, tolerance) => {
      const snapper = createNetworkSnapper(createRoadGraph(network.edges), tolerance);
      for (const [x, y] of points) {
        const [lon, lat] = toLonLat(x, y);
        const production = snapper.snap(lon, lat);
        const reference = referenceSnap(network.edges, lon, lat, tolerance);
        expect(production === undefined).toBe(reference === undefined);
        if (production && reference) expect(production.connectorM).toBeCloseTo(reference.connectorM, 6);
      }
    }), { numRuns: 150 });
  });
});

describe('network distances (cell connector + along edges + facility connector)', () => {
  it('equal the reference on random networks, where every snap point is a real node', () => {
    fc.assert(fc.property(arbitraryNetwork, fc.array(arbitraryPoint(500), { minLength: 1, maxLength: 12 }), fc.array(arbitraryPoint(500), { minLength: 1, maxLength: 4 }), (network, cells, sites) => {
      const tolerance = 150;
      const demandPoints = cells.map(([x, y]) => toLonLat(x, y));
      const facilityPoints = sites.map(([x, y]) => toLonLat(x, y));
      const snapper = createNetworkSnapper(createRoadGraph(network.edges), tolerance);
      const demand = demandAt(demandPoints);
      const production = computeNetworkDistances(snapper, demand, snapPoints(snapper, demand.lon, demand.lat), facilityPoints.map(([lon, lat]) => createPointFacility(lon, lat)), Infinity);
      const reference = referenceNetworkDistances(network.edges, demandPoints, facilityPoints, tolerance);
      reference.forEach((expected, index) => {
        if (Number.isFinite(expected)) expect(production.distances[index]).toBeCloseTo(expected, 6);
        else expect(production.distances[index]).toBe(Infinity);
      });
    }), { numRuns: 200 });
  });

  it('walk straight along a shared edge, and respect the cap', () => {
    const graph = createRoadGraph([{ source: 1, target: 2, lengthM: 600, coordinates: [toLonLat(0, 0), toLonLat(400, 0)] }]);
    const snapper = createNetworkSnapper(graph, 100);
    const demand = demandAt([toLonLat(300, -30)]);
    const facility = createPointFacility(...toLonLat(100, 20));
    const snaps = snapPoints(snapper, demand.lon, demand.lat);
    expect(computeNetworkDistances(snapper, demand, snaps, [facility], 1000).distances[0]).toBeCloseTo(20 + 30 + 0.5 * 600, 1);
    expect(computeNetworkDistances(snapper, demand, snaps, [facility], 340).distances[0]).toBe(Infinity);
  });

  it('count a facility off the network as unreachable, not as distance zero', () => {
    const graph = createRoadGraph([{ source: 1, target: 2, coordinates: [toLonLat(0, 0), toLonLat(400, 0)] }]);
    const snapper = createNetworkSnapper(graph, 100);
    const demand = demandAt([toLonLat(10, 10), toLonLat(10, 500)]);
    const result = computeNetworkDistances(snapper, demand, snapPoints(snapper, demand.lon, demand.lat), [createPointFacility(...toLonLat(10, 500))], Infinity);
    expect(result.unreachableFacilities).toBe(1);
    expect([...result.distances]).toEqual([Infinity, Infinity]);
  });
});

describe('createRoadGraph', () => {
  it('rejects an edge without two valid positions, naming it', () => {
    expect(() => createRoadGraph([{ source: 1, target: 2, coordinates: [[106.5, 29.5]] }])).toThrow(/road edge 0/);
    expect(() => createRoadGraph([{ source: 1, target: 2, coordinates: [[106.5, 29.5], [500, 29.5]] }])).toThrow(/road edge 0/);
  });

  it('falls back to the drawn length when the declared one is missing or not positive', () => {
    const graph = createRoadGraph([
      { source: 1, target: 2, lengthM: 0, coordinates: [toLonLat(0, 0), toLonLat(100, 0)] },
      { source: 2, target: 3, lengthM: 250, coordinates: [toLonLat(100, 0), toLonLat(200, 0)] },
    ]);
    expect(graph.edgeLength[0]).toBeCloseTo(100, 1);
    expect(graph.edgeLength[1]).toBe(250);
  });
});
