import type { BilingualText } from './i18n-text.ts';

/**
 * Service standards: the one editable table of walking distances used for coverage.
 * Sources: GB 50180-2018 (城市居住区规划设计标准) life circles and the radii commonly cited
 * for each facility type. Districts adjust these; nothing else in the code may hard-code a radius.
 */
export interface LifeCircle {
  id: 'five_minute' | 'ten_minute' | 'fifteen_minute';
  minutes: number;
  /** Walking distance the standard associates with the circle, in metres. */
  distanceM: number;
  title: BilingualText;
}

export const LIFE_CIRCLES: readonly LifeCircle[] = [
  { id: 'five_minute', minutes: 5, distanceM: 300, title: { zh: '5分钟生活圈', en: '5-minute life circle' } },
  { id: 'ten_minute', minutes: 10, distanceM: 500, title: { zh: '10分钟生活圈', en: '10-minute life circle' } },
  { id: 'fifteen_minute', minutes: 15, distanceM: 1000, title: { zh: '15分钟生活圈', en: '15-minute life circle' } },
];

export interface ServiceStandard {
  /** The facility layer the standard applies to (a layer id from the registry). */
  layer: string;
  radiusM: number;
  lifeCircle: LifeCircle['id'];
  basis: BilingualText;
}

export const SERVICE_STANDARDS: readonly ServiceStandard[] = [
  { layer: 'bus_bay_stops', radiusM: 500, lifeCircle: 'ten_minute', basis: { zh: '公交站点500米覆盖', en: 'bus stop within 500 m' } },
  { layer: 'smart_bus_shelters', radiusM: 300, lifeCircle: 'five_minute', basis: { zh: '公交站点300米覆盖', en: 'bus stop within 300 m' } },
  { layer: 'bus_terminals', radiusM: 500, lifeCircle: 'ten_minute', basis: { zh: '公交站点500米覆盖', en: 'bus stop within 500 m' } },
  { layer: 'parking_lots', radiusM: 300, lifeCircle: 'five_minute', basis: { zh: '停车场300米服务半径', en: 'parking within 300 m' } },
  { layer: 'kindergartens', radiusM: 300, lifeCircle: 'five_minute', basis: { zh: '幼儿园300米服务半径', en: 'kindergarten within 300 m' } },
  { layer: 'primary_schools', radiusM: 500, lifeCircle: 'ten_minute', basis: { zh: '小学500米服务半径', en: 'primary school within 500 m' } },
  { layer: 'middle_schools', radiusM: 1000, lifeCircle: 'fifteen_minute', basis: { zh: '中学1000米服务半径', en: 'middle school within 1000 m' } },
  { layer: 'mutual_aid_points', radiusM: 300, lifeCircle: 'five_minute', basis: { zh: '日间照料300米', en: 'day care within 300 m' } },
  { layer: 'health_stations', radiusM: 300, lifeCircle: 'five_minute', basis: { zh: '社区卫生服务站300米', en: 'health station within 300 m' } },
  { layer: 'health_centres', radiusM: 1000, lifeCircle: 'fifteen_minute', basis: { zh: '社区卫生服务中心1000米', en: 'health centre within 1000 m' } },
  { layer: 'elderly_centres', radiusM: 1000, lifeCircle: 'fifteen_minute', basis: { zh: '养老服务中心1000米', en: 'elderly-service centre within 1000 m' } },
  { layer: 'fresh_markets', radiusM: 500, lifeCircle: 'ten_minute', basis: { zh: '菜市场500米', en: 'fresh market within 500 m' } },
  { layer: 'sports_parks', radiusM: 500, lifeCircle: 'ten_minute', basis: { zh: '500米见园', en: 'a park within 500 m' } },
  { layer: 'slope_greening', radiusM: 300, lifeCircle: 'five_minute', basis: { zh: '300米见绿', en: 'green space within 300 m' } },
];

export function findServiceStandard(layer: string): ServiceStandard | undefined {
  return SERVICE_STANDARDS.find((standard) => standard.layer === layer);
}

/**
 * Walking-analysis parameters, kept beside the radii because they change results the same way.
 * - Walking speed turns metres into minutes (GB 50180 uses about 4–5 km/h; the server can
 *   override it with WALKING_SPEED_KMH).
 * - Snap tolerance: a place farther than this from every road is unreachable on the network
 *   (not at distance zero). 300 m keeps every cell of the 480 m village lattice reachable while
 *   leaving out hillside and riverbank cells with no road at all.
 * - The radius cap refuses "absurd" requests: beyond a 5 km walk a life circle means nothing.
 */
export const ANALYSIS_DEFAULTS = {
  walkingSpeedKmh: 4.5,
  snapToleranceM: 300,
  maxRadiusM: 5000,
  maxIsochroneMinutes: 60,
} as const;
