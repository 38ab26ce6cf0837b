import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planRoadNetwork, roadClassOf, type RoadLineInput } from '../../../core/district/road-network.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/small-district/roads.geojson', import.meta.url), 'utf8')) as { features: RoadLineInput[] };
const line = (coordinates: number[][], properties: Record<string, unknown> = {}): RoadLineInput => ({ geometry: { type: 'LineString', coordinates }, properties });

describe('a walking network from road lines', () => {
  it('cuts the made-up district grid at its crossings: 5 × 3 + 4 × 4 edges and the footpath, between 21 nodes', () => {
    const plan = planRoadNetwork(fixture.features);
    expect(plan.problems).toEqual([]);
    expect(plan.edges).toHaveLength(5 * 3 + 4 * 4 + 1);
    expect(plan.nodes).toBe(5 * 4 + 1);
    // Every crossing joins the roads drawn through it: four edges meet at an inner one.
    const degree = new Map<number, number>();
    for (const edge of plan.edges) for (const node of [edge.source, edge.target]) degree.set(node, (degree.get(node) ?? 0) + 1);
    expect(Math.max(...degree.values())).toBe(5);
    expect([...degree.values()].filter((count) => count === 1)).toHaveLength(1);
    expect(plan.edges.filter((edge) => edge.roadClass === 'arterial')).toHaveLength(3);
    expect(plan.edges.filter((edge) => edge.roadClass === 'path')).toHaveLength(1);
    // An east–west block side: 0.005° of longitude at 30.5°N.
    const side = plan.edges.find((edge) => edge.coordinates[0][1] === 30.5 && edge.coordinates[1][1] === 30.5)!;
    expect(side.lengthM).toBeGreaterThan(475);
    expect(side.lengthM).toBeLessThan(485);
  });

  it('keeps lines that cross without a shared vertex apart (a bridge), joins a loop where it meets itself, and refuses what is not a line', () => {
    const bridge = planRoadNetwork([line([[0, 0], [0, 2]]), line([[-1, 1], [1, 1]])]);
    expect(bridge).toMatchObject({ nodes: 4 });
    expect(bridge.edges).toHaveLength(2);
    const loop = planRoadNetwork([line([[0, 0], [1, 0], [1, 1], [0, 1], [1, 0], [2, 0]])]);
    expect(loop.edges.map((edge) => [edge.source, edge.target])).toEqual([[1, 2], [2, 2], [2, 3]]);
    const multi = planRoadNetwork([{ geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[1, 0], [1, 1], [1, 1]]] }, properties: {} }]);
    expect(multi.edges.map((edge) => edge.coordinates.length)).toEqual([2, 2]);
    expect(planRoadNetwork([{ geometry: { type: 'Point', coordinates: [0, 0] } }, { geometry: null }]).problems).toEqual([
      'feature 1 is a Point: a road is a line',
      'feature 2 is without geometry: a road is a line',
    ]);
  });

  it('reads the class from road_class, OpenStreetMap highway or a Chinese grade, and calls the rest streets', () => {
    expect(roadClassOf({ road_class: 'path' })).toBe('path');
    expect(roadClassOf({ highway: 'primary_link' })).toBe('arterial');
    expect(roadClassOf({ 道路等级: '支路' })).toBe('street');
    expect(roadClassOf({ highway: 'steps' })).toBe('path');
    expect(roadClassOf({ name: '无名路' })).toBe('street');
    expect(roadClassOf(null)).toBe('street');
  });
});
