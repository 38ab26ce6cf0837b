import type { DemandOptimization } from '../demands/demand-types.ts';
import type { BilingualText } from '../i18n-text.ts';

/**
 * The indicators of the yearly list (一年一名录; the plan's first-year targets), one list for
 * everything that counts them: a project's deliverables name these ids (`{"indicator":"seats",
 * "amount":270}`), the targets table holds a figure per year (and town) for them, and what is
 * achieved is the sum of completed projects' deliverables under the same id. A deliverable
 * under an id not listed here is kept on its project but counts towards no target.
 */
export interface IndicatorDefinition {
  id: string;
  /** The optimization it belongs to; null for one that spans them (demonstration points). */
  optimization: DemandOptimization | null;
  title: BilingualText;
  /** What one counts: a unit written after the figure ("270 个学位" / "270 seats"). */
  unit: BilingualText;
  /** Figures are whole things (sites, seats), or measured (km, m²) and shown with decimals. */
  decimals: 0 | 1 | 2;
  /** The plan sets a figure per town (镇街) as well as for the district. */
  byTown: boolean;
}

const indicator = (
  id: string,
  optimization: DemandOptimization | null,
  title: BilingualText,
  unit: BilingualText,
  options: { decimals?: 0 | 1 | 2; byTown?: boolean } = {},
): IndicatorDefinition => ({ id, optimization, title, unit, decimals: options.decimals ?? 0, byTown: options.byTown ?? false });

/** In the plan's order: by optimization, then as its list names them. */
export const INDICATORS = [
  indicator('sidewalk_km', 1, { zh: '人行道改造', en: 'Sidewalks improved' }, { zh: '公里人行道', en: 'km of sidewalk' }, { decimals: 2 }),
  indicator('bus_terminals', 1, { zh: '公交首末站', en: 'Bus terminals' }, { zh: '个公交首末站', en: 'bus terminals' }),
  indicator('bay_stops', 1, { zh: '港湾式停靠站', en: 'Bus bay stops' }, { zh: '个港湾式停靠站', en: 'bay stops' }),
  indicator('smart_shelters', 1, { zh: '智慧公交站台', en: 'Smart bus shelters' }, { zh: '个智慧公交站台', en: 'smart shelters' }),
  indicator('parking_spaces', 1, { zh: '新增停车位', en: 'New parking spaces' }, { zh: '个停车位', en: 'parking spaces' }),
  indicator('school_projects', 2, { zh: '学校建设项目', en: 'School projects' }, { zh: '个学校项目', en: 'school projects' }),
  indicator('schools_opened', 2, { zh: '新开办学校', en: 'Schools opened' }, { zh: '所新开办学校', en: 'schools opened' }),
  indicator('seats', 2, { zh: '新增学位', en: 'New school places' }, { zh: '个学位', en: 'seats' }),
  indicator('kindergartens', 2, { zh: '公办及普惠性幼儿园', en: 'Public and inclusive kindergartens' }, { zh: '所幼儿园', en: 'kindergartens' }),
  indicator('elderly_centres', 3, { zh: '街道（乡镇）养老服务中心', en: 'Town elderly-service centres' }, { zh: '个养老服务中心', en: 'elderly centres' }, { byTown: true }),
  indicator('mutual_aid_points', 3, { zh: '农村互助养老点', en: 'Rural mutual-aid elderly points' }, { zh: '个互助养老点', en: 'mutual-aid points' }),
  indicator('beds', 3, { zh: '新增养老及医疗床位', en: 'New care and health beds' }, { zh: '张床位', en: 'beds' }),
  indicator('health_centres', 3, { zh: '社区卫生服务中心', en: 'Community health centres' }, { zh: '个卫生服务中心', en: 'health centres' }),
  indicator('smart_markets', 4, { zh: '智慧农贸（生鲜）市场', en: 'Smart fresh markets' }, { zh: '个智慧生鲜市场', en: 'smart markets' }),
  indicator('greening_sites', 5, { zh: '坡坎崖绿化美化点位', en: 'Greening sites' }, { zh: '处绿化点位', en: 'greening sites' }),
  indicator('greening_m2', 5, { zh: '绿化美化面积', en: 'Area greened' }, { zh: '平方米绿化', en: 'm² greened' }),
  indicator('trail_km', 5, { zh: '山城步道', en: 'Trails' }, { zh: '公里步道', en: 'km of trail' }, { decimals: 2 }),
  indicator('sports_parks', 5, { zh: '社区体育文化公园', en: 'Community sports parks' }, { zh: '个社区体育公园', en: 'sports parks' }),
  indicator('floor_area_m2', 6, { zh: '产业楼宇载体面积', en: 'Industry floor area' }, { zh: '平方米楼宇面积', en: 'm² of floor area' }),
  indicator('security_pilots', 7, { zh: '智慧安防小区试点', en: 'Smart-security pilot communities' }, { zh: '个智慧安防试点', en: 'security pilots' }, { byTown: true }),
  indicator('hydrant_buildings', 7, { zh: '消防设施改造楼栋', en: 'Buildings with fire hydrants' }, { zh: '栋楼宇消防改造', en: 'buildings with hydrants' }),
  indicator('elevators', 7, { zh: '老旧小区加装电梯', en: 'Elevators retrofitted' }, { zh: '部电梯', en: 'elevators' }),
  // 示范点: each town's flagship projects, chosen in batches; a project that is one delivers it.
  indicator('demonstration_points', null, { zh: '城市更新示范点', en: 'Demonstration points' }, { zh: '个示范点', en: 'demonstration points' }, { byTown: true }),
] as const satisfies readonly IndicatorDefinition[];

export type IndicatorId = (typeof INDICATORS)[number]['id'];

export const INDICATOR_IDS: readonly IndicatorId[] = INDICATORS.map((definition) => definition.id);

const BY_ID: ReadonlyMap<string, IndicatorDefinition> = new Map(INDICATORS.map((definition) => [definition.id, definition]));

export function findIndicator(id: string): IndicatorDefinition | undefined {
  return BY_ID.get(id);
}

export function isIndicatorId(id: string): id is IndicatorId {
  return BY_ID.has(id);
}

/**
 * The indicator a facility layer's capacity column counts towards (a kindergarten's seats are
 * the list's new seats, a car park's spaces its parking spaces); a column not listed (a market's
 * stalls) counts towards none.
 */
const CAPACITY_INDICATORS: Readonly<Record<string, IndicatorId>> = { seats: 'seats', beds: 'beds', spaces: 'parking_spaces' };

export function indicatorOfCapacity(column: string): IndicatorId | undefined {
  return CAPACITY_INDICATORS[column];
}
