import { describe, expect, it } from 'vitest';
import { createDemandSet } from '../../core/analysis/demand-set.ts';
import { CITY_CHECK_INDICATORS, findCityCheckIndicator, walkingDistanceM, type WalkingCoverageIndicator } from '../../core/city-check/city-check-catalogue.ts';
import { computeCityCheck, type CityCheckInput } from '../../core/city-check/city-check-figures.ts';
import { FACILITY_LAYERS } from '../../core/layers/facility-layers.ts';
import { ANALYSIS_DEFAULTS } from '../../core/standards.ts';

// Four cells: A (100, 300 people) and B (600) in town T1, C (1,000) in town T2; D has nobody.
const demand = createDemandSet(
  { lon: [106.5, 106.51, 106.52, 106.53], lat: [29.5, 29.5, 29.5, 29.5], population: [100, 300, 600, 1000], community: [0, 0, 1, 2] },
  [{ code: 'A', name: '甲' }, { code: 'B', name: '乙' }, { code: 'C', name: '丙' }, { code: 'D', name: '丁' }],
);
const towns = [{ code: 'T1', name: '一镇' }, { code: 'T2', name: '二镇' }];
const communityTowns = new Map([['A', 'T1'], ['B', 'T1'], ['C', 'T2'], ['D', 'T2']]);
const walkingSpeedKmh = 4.5;
const walking = CITY_CHECK_INDICATORS.filter((indicator): indicator is WalkingCoverageIndicator => indicator.kind === 'walking_coverage');
const fresh = findCityCheckIndicator('fresh_market_walk_10') as WalkingCoverageIndicator;

/** Every walking indicator reaches nobody, but fresh markets reach A's first cell and C at exactly the walk. */
function input(overrides: Partial<CityCheckInput> = {}): CityCheckInput {
  const walks = new Map(walking.map((indicator) => [indicator.id, new Float64Array(demand.count).fill(Infinity)]));
  walks.set(fresh.id, Float64Array.from([10, Infinity, walkingDistanceM(fresh, walkingSpeedKmh) + 0.001, walkingDistanceM(fresh, walkingSpeedKmh)]));
  const capacities = new Map([['kindergarten_places_per_10k', [
    { community: 'A', town: 'T1', amount: 270 },
    { community: 'C', town: 'T2', amount: 90 },
    { community: 'D', town: 'T2', amount: 30 },
  ]]]);
  return { demand, towns, communityTowns, walkingSpeedKmh, walks, capacities, level: 'district', ...overrides };
}

const figure = (result: ReturnType<typeof computeCityCheck>, id: string) => result.find((entry) => entry.id === id)!;

describe('city-check catalogue', () => {
  it('names facility layers of the registry, with their capacity column, and the minutes of TD/T 1063', () => {
    const layers = new Map(FACILITY_LAYERS.map((layer) => [layer.id, layer]));
    for (const indicator of CITY_CHECK_INDICATORS) {
      if (indicator.kind === 'walking_coverage') for (const layer of indicator.layers) expect(layers.has(layer), layer).toBe(true);
      if (indicator.kind === 'provision') expect(layers.get(indicator.layer)?.capacity?.column).toBe(indicator.column);
      if (indicator.kind === 'unavailable') expect(indicator.reason.en.length).toBeGreaterThan(20);
    }
    expect(Object.fromEntries(walking.map((indicator) => [indicator.id, indicator.minutes]))).toEqual({
      health_service_walk_15: 15, primary_school_walk_10: 10, elderly_care_walk_5: 5, fresh_market_walk_10: 10, park_square_walk_5: 5,
    });
    expect(new Set(CITY_CHECK_INDICATORS.map((indicator) => indicator.id)).size).toBe(CITY_CHECK_INDICATORS.length);
  });

  it('turns minutes into metres at the standards\' walking speed (10 min at 4.5 km/h is 750 m)', () => {
    expect(walkingDistanceM(fresh, ANALYSIS_DEFAULTS.walkingSpeedKmh)).toBe(750);
    expect(walkingDistanceM(fresh, 6)).toBe(1000);
  });
});

describe('city-check figures', () => {
  it('gives the district the share of residents within the walk, a cell at exactly the distance covered', () => {
    const result = computeCityCheck(input());
    const market = figure(result, fresh.id);
    expect(market).toMatchObject({ value: 55, unit: { zh: '%' }, standard: { minutes: 10, distanceM: 750, walkingSpeedKmh: 4.5, mode: 'network', lifeCircle: 'ten_minute' } });
    expect(market.perArea).toEqual([{ code: '', name: '', population: 2000, coveredPopulation: 1100, value: 55 }]);
    expect(figure(result, 'primary_school_walk_10').value).toBe(0);
  });

  it('sums towns from their communities, and a town asked for gives its own figure', () => {
    const result = computeCityCheck(input({ level: 'town' }));
    expect(figure(result, fresh.id).perArea).toEqual([
      { code: 'T1', name: '一镇', population: 1000, coveredPopulation: 100, value: 10 },
      { code: 'T2', name: '二镇', population: 1000, coveredPopulation: 1000, value: 100 },
    ]);
    const t2 = computeCityCheck(input({ level: 'town', town: 'T2' }));
    expect(figure(t2, fresh.id)).toMatchObject({ value: 100, perArea: [{ code: 'T2' }] });
  });

  it('lists communities with their town; one without residents has no share', () => {
    const result = computeCityCheck(input({ level: 'community', town: 'T2' }));
    expect(figure(result, fresh.id).perArea).toEqual([
      { code: 'C', name: '丙', town: 'T2', population: 1000, coveredPopulation: 1000, value: 100 },
      { code: 'D', name: '丁', town: 'T2', population: 0, coveredPopulation: 0, value: null },
    ]);
  });

  it('counts capacities per 10,000 residents of the area where the facility lies', () => {
    const district = figure(computeCityCheck(input()), 'kindergarten_places_per_10k');
    expect(district).toMatchObject({ value: 1950, perArea: [{ amount: 390, population: 2000 }] });
    const communities = figure(computeCityCheck(input({ level: 'community' })), 'kindergarten_places_per_10k');
    expect(communities.perArea.map((area) => [area.code, area.amount, area.value])).toEqual([['A', 270, 6750], ['B', 0, 0], ['C', 90, 900], ['D', 30, null]]);
  });

  it('says why the data cannot answer an indicator instead of a figure', () => {
    const beds = figure(computeCityCheck(input()), 'elderly_beds_per_1k_older');
    expect(beds).toMatchObject({ kind: 'unavailable', value: null, perArea: [], standard: null });
    expect(beds.unavailable!.zh).toMatch(/年龄/);
  });

  it('refuses a town it does not know', () => {
    expect(() => computeCityCheck(input({ level: 'town', town: 'T9' }))).toThrow(/T9/);
  });
});
