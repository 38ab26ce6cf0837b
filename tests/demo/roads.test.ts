import { describe, it, expect, beforeAll } from 'vitest';
import * as turf from '@turf/turf';
import type { LineString, Position } from 'geojson';
import type { DemoDataset, DemoFeature } from '../../server/demo/types.ts';
import { loadDemoModel } from './demo-fixture.ts';
import { pointSegmentDistanceM } from './geometry-checks.ts';

describe('demo dataset: walking network', () => {
  let dataset: DemoDataset;
  let roads: DemoFeature[];
  beforeAll(() => {
    dataset = loadDemoModel().model.dataset;
    roads = dataset.layers.roads;
  });

  it('has a sensible size and all three road classes', () => {
    expect(roads.length).toBeGreaterThan(5_000);
    expect(roads.length).toBeLessThan(60_000);
    const classes = new Set(roads.map((r) => r.properties.road_class));
    expect([...classes].sort()).toEqual(['arterial', 'path', 'street']);
  });

  it('shares nodes exactly: one id, one coordinate; one coordinate, one id', () => {
    const coordinateOf = new Map<number, string>();
    const idOf = new Map<string, number>();
    const problems: string[] = [];
    const visit = (id: number, p: Position) => {
      const key = p.join(',');
      if ((coordinateOf.get(id) ?? key) !== key) problems.push(`node ${id} has two positions`);
      if ((idOf.get(key) ?? id) !== id) problems.push(`position ${key} has two node ids`);
      coordinateOf.set(id, key);
      idOf.set(key, id);
    };
    for (const road of roads) {
      const line = (road.geometry as LineString).coordinates;
      expect(line.length).toBeGreaterThanOrEqual(2);
      expect(road.properties.source_node).not.toBe(road.properties.target_node);
      visit(road.properties.source_node as number, line[0]);
      visit(road.properties.target_node as number, line[line.length - 1]);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('is one connected graph (union-find over source/target)', () => {
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      let root = x;
      while (parent.get(root) !== root) root = parent.get(root)!;
      return root;
    };
    for (const road of roads) {
      const [a, b] = [road.properties.source_node as number, road.properties.target_node as number];
      for (const node of [a, b]) if (!parent.has(node)) parent.set(node, node);
      const [rootA, rootB] = [find(a), find(b)];
      if (rootA !== rootB) parent.set(rootA, rootB);
    }
    const roots = new Set([...parent.keys()].map(find));
    expect(roots.size).toBe(1);
  });

  it('measures each edge geodesically in metres to 0.1 m', () => {
    for (const road of roads.filter((_, i) => i % 7 === 0)) {
      const expected = Math.round(turf.length(turf.feature(road.geometry as LineString), { units: 'kilometers' }) * 10_000) / 10;
      expect(road.properties.length_m).toBe(expected);
      expect(road.properties.length_m as number).toBeGreaterThan(20);
      expect(road.properties.length_m as number).toBeLessThan(1200);
    }
  });

  it('reaches every populated urban cell within 300 m', () => {
    const urCode = new Map(dataset.layers.communities.map((f) => [f.properties.code, f.properties.ur_code]));
    // Bucket road segments on a ~300 m grid so each cell only checks its neighbourhood.
    const bucketSize = 0.003;
    const buckets = new Map<string, [Position, Position][]>();
    const keyOf = (x: number, y: number) => `${Math.floor(x / bucketSize)},${Math.floor(y / bucketSize)}`;
    for (const road of roads) {
      const line = (road.geometry as LineString).coordinates;
      for (let i = 1; i < line.length; i++) {
        for (const p of [line[i - 1], line[i]]) {
          const key = keyOf(p[0], p[1]);
          if (!buckets.has(key)) buckets.set(key, []);
          buckets.get(key)!.push([line[i - 1], line[i]]);
        }
      }
    }
    const far: number[] = [];
    for (const cell of dataset.layers.population) {
      if (urCode.get(cell.properties.community_code) === '220') continue;
      const centre = turf.centroid(cell.geometry).geometry.coordinates;
      let best = Infinity;
      for (let dx = -2; dx <= 2; dx++) {
        for (let dy = -2; dy <= 2; dy++) {
          const segments = buckets.get(keyOf(centre[0] + dx * bucketSize, centre[1] + dy * bucketSize)) ?? [];
          for (const [a, b] of segments) best = Math.min(best, pointSegmentDistanceM(centre, a, b));
        }
      }
      if (best > 300) far.push(cell.id);
    }
    expect(far).toEqual([]);
  });
});
