import { describe, it, expect, beforeAll } from 'vitest';
import * as turf from '@turf/turf';
import type { Geometry, LineString, Polygon, Position } from 'geojson';
import { LAYER_IDS } from '../../server/demo/types.ts';
import type { DemoDataset, LayerId } from '../../server/demo/types.ts';
import type { DemoModel } from '../../server/demo/generate.ts';
import { distanceToLineM, geometryProblems, isPointInGeometry } from './geometry-checks.ts';
import { FACILITY_POINT_LAYERS, FACILITY_POLYGON_LAYERS, allPositions, communityGeometries, loadDemoModel } from './demo-fixture.ts';

describe('demo dataset: geometry', () => {
  let dataset: DemoDataset;
  let model: DemoModel;
  let boundary: Polygon;
  let communities: Map<string, Geometry>;
  const distanceToFenceM = (p: Position) => distanceToLineM(p, boundary.coordinates[0]);
  const isInside = (p: Position) => isPointInGeometry(p, boundary);

  beforeAll(() => {
    ({ model } = loadDemoModel());
    dataset = model.dataset;
    boundary = dataset.layers.district[0].geometry as Polygon;
    communities = communityGeometries(dataset.layers.communities);
  });

  it('has only valid geometry: closed, non-self-intersecting, RFC 7946 winding, 6 decimals', () => {
    const problems: string[] = [];
    for (const id of LAYER_IDS) {
      for (const feature of dataset.layers[id]) {
        for (const problem of geometryProblems(feature.geometry)) problems.push(`${id} #${feature.id}: ${problem}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('agrees with turf.booleanValid on the generated polygons', () => {
    for (const id of ['towns', 'communities', 'idle_plots', 'slope_greening'] as LayerId[]) {
      for (const feature of dataset.layers[id]) expect(turf.booleanValid(feature.geometry), `${id} #${feature.id}`).toBe(true);
    }
  });

  const isWholeSquare = (f: { geometry: unknown }) =>
    (f.geometry as Polygon).type === 'Polygon' && (f.geometry as Polygon).coordinates[0].length === 5 && Math.abs(turf.area(f.geometry as Polygon) - 10_000) < 200;

  it('keeps every point, line vertex and plot inside the district', () => {
    const outside: string[] = [];
    for (const id of [...FACILITY_POINT_LAYERS, ...FACILITY_POLYGON_LAYERS, 'trails', 'roads'] as LayerId[]) {
      for (const feature of dataset.layers[id]) {
        if (!allPositions(feature.geometry).every(isInside)) outside.push(`${id} #${feature.id}`);
      }
    }
    // Cells on the fence are cut to it: their vertices lie inside or on the fence.
    for (const feature of dataset.layers.population) {
      if (allPositions(feature.geometry).some((p) => !isInside(p) && distanceToFenceM(p) > 0.5)) outside.push(`population #${feature.id}`);
    }
    expect(outside.slice(0, 10)).toEqual([]);
  });

  it('tiles the district with communities, and towns are the union of their communities', () => {
    const districtArea = turf.area(boundary);
    const sum = (ids: LayerId) => dataset.layers[ids].reduce((total, f) => total + turf.area(f.geometry), 0);
    expect(Math.abs(sum('communities') - districtArea) / districtArea).toBeLessThan(1e-4);
    expect(Math.abs(sum('towns') - districtArea) / districtArea).toBeLessThan(1e-4);
    for (const town of dataset.layers.towns) {
      const members = dataset.layers.communities.filter((c) => c.properties.town_code === town.properties.code);
      const membersArea = members.reduce((total, f) => total + turf.area(f.geometry), 0);
      expect(Math.abs(turf.area(town.geometry) - membersArea) / membersArea, town.properties.name as string).toBeLessThan(1e-4);
    }
    // Community vertices lie inside the fence or on it (clipped edges).
    const stray = dataset.layers.communities.flatMap((f) => allPositions(f.geometry)).filter((p) => !isInside(p) && distanceToFenceM(p) > 0.5);
    expect(stray).toEqual([]);
  });

  it("contains each community's seed point in its own polygon", () => {
    expect(model.seeds).toHaveLength(150);
    for (const seed of model.seeds) {
      expect(isPointInGeometry(seed.point, communities.get(seed.community.code)!), seed.community.name).toBe(true);
      // Official seeds stay next to the published centre (close pairs are only pushed apart a little).
      if (seed.source === 'official') expect(turf.distance(seed.point, seed.community.centre!, { units: 'kilometers' })).toBeLessThan(0.1);
    }
  });

  it('labels every facility and population cell with the community polygon that contains it', () => {
    const townOf = new Map(dataset.layers.communities.map((f) => [f.properties.code, f.properties.town_code]));
    const wrong: string[] = [];
    const check = (id: string, featureId: number, point: Position, code: unknown, townCode?: unknown) => {
      if (!isPointInGeometry(point, communities.get(code as string) ?? { type: 'Point', coordinates: [0, 0] })) wrong.push(`${id} #${featureId}`);
      if (townCode !== undefined && townOf.get(code as string) !== townCode) wrong.push(`${id} #${featureId} town`);
    };
    for (const id of FACILITY_POINT_LAYERS) {
      for (const f of dataset.layers[id]) check(id, f.id, (f.geometry as { coordinates: Position }).coordinates, f.properties.community_code, f.properties.town_code);
    }
    for (const id of FACILITY_POLYGON_LAYERS) {
      for (const f of dataset.layers[id]) check(id, f.id, turf.centroid(f.geometry).geometry.coordinates, f.properties.community_code, f.properties.town_code);
    }
    for (const f of dataset.layers.trails) check('trails', f.id, (f.geometry as LineString).coordinates[0], f.properties.community_code, f.properties.town_code);
    // A whole square's centre is the cell's centre; cells cut at the fence are checked in the DB tests.
    for (const f of dataset.layers.population.filter(isWholeSquare)) check('population', f.id, turf.centroid(f.geometry).geometry.coordinates, f.properties.community_code);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('makes population cells 100 m squares, cut only where they cross the fence', () => {
    const cut = dataset.layers.population.filter((f) => !isWholeSquare(f));
    expect(cut.length).toBeLessThan(dataset.layers.population.length * 0.05);
    for (const f of cut) expect(turf.area(f.geometry)).toBeLessThan(10_200);
    for (const f of dataset.layers.population.filter((_, i) => i % 97 === 0).filter(isWholeSquare)) {
      expect(Math.abs(turf.area(f.geometry) - 10_000)).toBeLessThan(200);
    }
  });

  it('lays the trails where they belong and measures them', () => {
    for (const trail of dataset.layers.trails) {
      const line = trail.geometry as LineString;
      expect(Math.abs(turf.length(turf.feature(line), { units: 'kilometers' }) * 1000 - (trail.properties.length_m as number))).toBeLessThan(0.1);
      expect(trail.properties.length_m as number).toBeGreaterThan(3000);
      const [minLon, minLat, maxLon, maxLat] = turf.bbox(line);
      if (trail.properties.name === '南山步道') {
        expect([minLon >= 106.59, maxLon <= 106.64, minLat >= 29.49, maxLat <= 29.59]).toEqual([true, true, true, true]);
      } else {
        // Riverside trails: on the west/north bank, a few hundred metres from the water at most.
        expect(maxLon).toBeLessThan(106.61);
        expect(Math.max(...line.coordinates.map(distanceToFenceM))).toBeLessThan(600);
      }
    }
  });

  it('puts slope greening on the riverside of urban towns, within 600 m of the river edge', () => {
    const urbanTowns = new Set(['500108001000', '500108002000', '500108003000', '500108004000', '500108005000', '500108006000', '500108101000', '500108102000']);
    for (const site of dataset.layers.slope_greening) {
      expect(urbanTowns.has(site.properties.town_code as string), site.properties.name as string).toBe(true);
      expect(Math.max(...allPositions(site.geometry).map(distanceToFenceM))).toBeLessThan(600);
    }
  });
});
