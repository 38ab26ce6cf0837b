import type { BilingualText } from '../i18n-text.ts';
import { metresForMinutes } from '../analysis/isochrone.ts';
import { LIFE_CIRCLES } from '../standards.ts';

/**
 * The city-check indicators (城市体检, TD/T 1063-2021 国土空间规划城市体检评估规程) our data can
 * answer. A walking-coverage indicator is the share of residents whose walk along the network to
 * the nearest facility of its layers takes at most its minutes; the minutes become metres at
 * the walking speed of the standards (ANALYSIS_DEFAULTS, overridable by the server's
 * configuration), so the indicator and the coverage analysis measure the very same walk. A
 * provision indicator is a capacity column summed over an area per so many of its residents.
 * What the data cannot answer is listed too, with the reason, so a reader sees the gap.
 */

export const CITY_CHECK_BASIS: BilingualText = { zh: 'TD/T 1063-2021 国土空间规划城市体检评估规程', en: 'TD/T 1063-2021, city check and assessment of territorial spatial planning' };

export interface WalkingCoverageIndicator {
  kind: 'walking_coverage';
  id: string;
  title: BilingualText;
  /** Facility layers (registry ids) that count: the nearest of any of them. */
  layers: readonly string[];
  minutes: number;
}

export interface ProvisionIndicator {
  kind: 'provision';
  id: string;
  title: BilingualText;
  layer: string;
  /** The layer's capacity column summed over the area. */
  column: string;
  /** Per how many residents (10,000: per 万人). */
  per: number;
  unit: BilingualText;
}

export interface UnavailableIndicator {
  kind: 'unavailable';
  id: string;
  title: BilingualText;
  unit: BilingualText;
  /** Why the data cannot answer it. */
  reason: BilingualText;
}

export type CityCheckIndicator = WalkingCoverageIndicator | ProvisionIndicator | UnavailableIndicator;

export const PERCENT: BilingualText = { zh: '%', en: '%' };

export const CITY_CHECK_INDICATORS: readonly CityCheckIndicator[] = [
  {
    kind: 'walking_coverage', id: 'health_service_walk_15', layers: ['health_centres', 'health_stations'], minutes: 15,
    title: { zh: '社区卫生服务设施步行15分钟覆盖率', en: 'Community health services within a 15-minute walk' },
  },
  {
    kind: 'walking_coverage', id: 'primary_school_walk_10', layers: ['primary_schools'], minutes: 10,
    title: { zh: '社区小学步行10分钟覆盖率', en: 'Primary schools within a 10-minute walk' },
  },
  {
    kind: 'walking_coverage', id: 'elderly_care_walk_5', layers: ['elderly_centres', 'mutual_aid_points'], minutes: 5,
    title: { zh: '社区养老设施步行5分钟覆盖率', en: 'Elderly care within a 5-minute walk' },
  },
  {
    kind: 'walking_coverage', id: 'fresh_market_walk_10', layers: ['fresh_markets'], minutes: 10,
    title: { zh: '菜市场（生鲜超市）步行10分钟覆盖率', en: 'Fresh markets within a 10-minute walk' },
  },
  {
    // No layer holds squares; the sports parks and the greened slopes are the district's parks and green spaces.
    kind: 'walking_coverage', id: 'park_square_walk_5', layers: ['sports_parks', 'slope_greening'], minutes: 5,
    title: { zh: '公园绿地、广场步行5分钟覆盖率', en: 'Parks and squares within a 5-minute walk' },
  },
  {
    kind: 'provision', id: 'kindergarten_places_per_10k', layer: 'kindergartens', column: 'seats', per: 10_000,
    title: { zh: '每万人拥有幼儿园学位数', en: 'Kindergarten places per 10,000 residents' }, unit: { zh: '个/万人', en: 'places per 10,000 residents' },
  },
  {
    kind: 'unavailable', id: 'kindergarten_classes_per_10k',
    title: { zh: '每万人拥有幼儿园班数', en: 'Kindergarten classes per 10,000 residents' }, unit: { zh: '班/万人', en: 'classes per 10,000 residents' },
    reason: {
      zh: '幼儿园图层只记录学位数，不记录班数；按班额折算会是假设而非数据。',
      en: 'The kindergarten layer records places, not classes; dividing places by a class size would be an assumption, not data.',
    },
  },
  {
    kind: 'unavailable', id: 'elderly_beds_per_1k_older',
    title: { zh: '每千名老年人养老床位数', en: 'Elderly-care beds per 1,000 older residents' }, unit: { zh: '张/千名老年人', en: 'beds per 1,000 older residents' },
    reason: {
      zh: '人口网格只有总人口，没有年龄结构，无法得出老年人口。',
      en: 'The population grid holds total residents only, with no ages, so the number of older residents is unknown.',
    },
  },
];

export function findCityCheckIndicator(id: string): CityCheckIndicator | undefined {
  return CITY_CHECK_INDICATORS.find((indicator) => indicator.id === id);
}

/** The walk an indicator allows, in metres along the network, at the given speed. */
export function walkingDistanceM(indicator: WalkingCoverageIndicator, walkingSpeedKmh: number): number {
  return metresForMinutes(indicator.minutes, walkingSpeedKmh);
}

/** What a walking-coverage figure was measured against, for the reader (the GB 50180 life circle of the same minutes beside it). */
export function describeWalkingStandard(indicator: WalkingCoverageIndicator, walkingSpeedKmh: number) {
  return {
    basis: CITY_CHECK_BASIS,
    layers: [...indicator.layers],
    minutes: indicator.minutes,
    walkingSpeedKmh,
    distanceM: walkingDistanceM(indicator, walkingSpeedKmh),
    mode: 'network' as const,
    lifeCircle: LIFE_CIRCLES.find((circle) => circle.minutes === indicator.minutes)?.id ?? null,
  };
}

export function describeProvisionStandard(indicator: ProvisionIndicator) {
  return { basis: CITY_CHECK_BASIS, layer: indicator.layer, column: indicator.column, per: indicator.per };
}
