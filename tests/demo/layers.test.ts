import { describe, it, expect, beforeAll } from 'vitest';
import { findLayer, propertiesSchema } from '../../core/layers/registry.ts';
import { LAYER_IDS } from '../../server/demo/types.ts';
import type { DemoDataset, Frame, LayerId } from '../../server/demo/types.ts';
import { POPULATION_TOTAL } from '../../server/demo/population.ts';
import { FACILITY_POINT_LAYERS, loadDemoModel } from './demo-fixture.ts';

const EXPECTED_COUNTS: Record<LayerId, [number, number]> = {
  district: [1, 1],
  towns: [15, 15],
  communities: [150, 150],
  population: [15_000, 30_000],
  roads: [5_000, 60_000],
  bus_terminals: [20, 30],
  bus_bay_stops: [50, 70],
  smart_bus_shelters: [100, 140],
  parking_lots: [150, 210],
  primary_schools: [45, 65],
  middle_schools: [25, 35],
  kindergartens: [90, 130],
  elderly_centres: [15, 15],
  mutual_aid_points: [35, 45],
  health_centres: [14, 18],
  health_stations: [60, 80],
  fresh_markets: [38, 52],
  sports_parks: [20, 30],
  security_pilots: [25, 35],
  idle_plots: [35, 45],
  trails: [3, 3],
  slope_greening: [15, 25],
};

describe('demo dataset: layers, columns, counts', () => {
  let dataset: DemoDataset;
  let frame: Frame;
  beforeAll(() => {
    ({ frame, model: { dataset } } = loadDemoModel());
  });

  it('has exactly the layers the registry declares for it, ids 1..n', () => {
    expect(Object.keys(dataset.layers)).toEqual([...LAYER_IDS]);
    for (const id of LAYER_IDS) {
      expect(findLayer(id), id).toBeDefined();
      expect(dataset.layers[id].map((f) => f.id)).toEqual(dataset.layers[id].map((_, i) => i + 1));
    }
  });

  it('has feature counts in the planned ranges', () => {
    for (const id of LAYER_IDS) {
      const [min, max] = EXPECTED_COUNTS[id];
      expect(dataset.layers[id].length, id).toBeGreaterThanOrEqual(min);
      expect(dataset.layers[id].length, id).toBeLessThanOrEqual(max);
    }
  });

  it('gives every feature exactly the declared columns, with valid values and geometry type', () => {
    const problems: string[] = [];
    for (const id of LAYER_IDS) {
      const layer = findLayer(id)!;
      const schema = propertiesSchema(layer);
      const columns = Object.keys(layer.properties).join(',');
      const allowedTypes = layer.geometry === 'MultiPolygon' ? ['Polygon', 'MultiPolygon'] : [layer.geometry];
      for (const feature of dataset.layers[id]) {
        const where = `${id} #${feature.id}`;
        if (Object.keys(feature.properties).join(',') !== columns) problems.push(`${where}: columns ${Object.keys(feature.properties)}`);
        if (!schema.safeParse(feature.properties).success) problems.push(`${where}: values ${JSON.stringify(feature.properties)}`);
        if (!allowedTypes.includes(feature.geometry.type)) problems.push(`${where}: geometry ${feature.geometry.type}`);
        if (feature.properties.demo !== (id !== 'district')) problems.push(`${where}: demo flag`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('totals exactly 1,200,000 people in positive integer cells', () => {
    expect(POPULATION_TOTAL).toBe(1_200_000);
    const populations = dataset.layers.population.map((f) => f.properties.population as number);
    expect(populations.reduce((a, b) => a + b, 0)).toBe(1_200_000);
    expect(populations.every((p) => Number.isInteger(p) && p > 0)).toBe(true);
  });

  it('is dense in the city core and sparse in the villages', () => {
    const urCode = new Map(frame.communities.map((c) => [c.code, c.urCode]));
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const cells = dataset.layers.population.map((f) => ({ ur: urCode.get(f.properties.community_code as string), p: f.properties.population as number }));
    const builtUpCore = cells.filter((c) => c.ur === '111' && c.p >= 40).map((c) => c.p);
    expect(median(builtUpCore)).toBeGreaterThanOrEqual(150); // 15,000 people/km²
    expect(median(builtUpCore)).toBeLessThanOrEqual(400);
    expect(Math.max(...builtUpCore)).toBeGreaterThan(400); // hot spots
    expect(median(cells.filter((c) => c.ur === '220').map((c) => c.p))).toBeLessThanOrEqual(8); // ≤ 800/km²
    const residents = new Set(dataset.layers.population.map((f) => f.properties.community_code));
    expect(residents.size).toBe(150);
  });

  it('names the frame like the source and flags generated polygons', () => {
    expect(dataset.layers.district[0].properties).toEqual({ code: '500108000000', name: '南岸区', name_en: "Nan'an District", demo: false });
    expect(dataset.layers.towns.map((f) => f.properties.code)).toEqual(frame.towns.map((t) => t.code));
    expect(dataset.layers.communities.map((f) => f.properties.code)).toEqual(frame.communities.map((c) => c.code));
    expect(dataset.layers.towns.every((f) => f.properties.approximate === true)).toBe(true);
    expect(dataset.layers.communities.every((f) => (f.properties.name_en as string).length > 0)).toBe(true);
    const sources = dataset.layers.communities.map((f) => f.properties.seed_source);
    // 60 official centres, minus 迎龙镇's 大坪村 whose centre duplicates 南山街道's 大坪村.
    expect(sources.filter((s) => s === 'official')).toHaveLength(59);
  });

  it('keeps attribute values in their planned ranges', () => {
    const values = (id: LayerId, column: string) => dataset.layers[id].map((f) => f.properties[column] as number);
    const inRange = (id: LayerId, column: string, min: number, max: number) => {
      for (const v of values(id, column)) {
        expect(v, `${id}.${column}`).toBeGreaterThanOrEqual(min);
        expect(v, `${id}.${column}`).toBeLessThanOrEqual(max);
      }
    };
    inRange('parking_lots', 'spaces', 30, 800);
    inRange('primary_schools', 'seats', 900, 3000);
    inRange('middle_schools', 'seats', 1200, 3600);
    inRange('kindergartens', 'seats', 90, 450);
    inRange('elderly_centres', 'beds', 40, 150);
    inRange('mutual_aid_points', 'beds', 5, 20);
    inRange('health_centres', 'beds', 20, 120);
    inRange('fresh_markets', 'stalls', 40, 300);
    inRange('sports_parks', 'area_m2', 3000, 40_000);
    inRange('idle_plots', 'area_m2', 2000, 30_000);
    const ownership = new Set(dataset.layers.kindergartens.map((f) => f.properties.ownership));
    expect([...ownership].sort()).toEqual(['inclusive', 'private', 'public']);
  });

  it('gives facilities unique Chinese names', () => {
    for (const id of [...FACILITY_POINT_LAYERS, 'idle_plots', 'slope_greening', 'trails'] as LayerId[]) {
      const names = dataset.layers[id].map((f) => f.properties.name as string);
      expect(new Set(names).size, id).toBe(names.length);
      expect(names.every((n) => /^[\u4e00-\u9fff]/.test(n)), id).toBe(true);
    }
    expect(dataset.layers.trails.map((f) => f.properties.name).sort()).toEqual(['两江三桥步道南岸段', '南山步道', '南滨步道'].sort());
  });

  it('places one elderly centre and at least one health centre and security pilot per town', () => {
    for (const id of ['elderly_centres', 'health_centres', 'security_pilots'] as LayerId[]) {
      const towns = new Set(dataset.layers[id].map((f) => f.properties.town_code));
      expect(towns.size, id).toBe(15);
    }
  });

  it('leaves real, uneven coverage: some communities well served, many without', () => {
    for (const id of ['primary_schools', 'health_stations', 'kindergartens'] as LayerId[]) {
      const perCommunity = new Map<string, number>();
      for (const f of dataset.layers[id]) perCommunity.set(f.properties.community_code as string, (perCommunity.get(f.properties.community_code as string) ?? 0) + 1);
      expect(150 - perCommunity.size, `${id}: communities without`).toBeGreaterThan(30);
      expect(Math.max(...perCommunity.values()), `${id}: best served`).toBeGreaterThanOrEqual(3);
    }
  });
});
