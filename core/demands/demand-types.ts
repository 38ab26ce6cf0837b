import type { BilingualText } from '../i18n-text.ts';

/** The seven optimizations by number (core/optimizations.ts); a demand belongs to one of them. */
export type DemandOptimization = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface DemandType {
  /** snake_case, stable: stored on every demand. */
  id: string;
  optimization: DemandOptimization;
  title: BilingualText;
}

/**
 * The sub-types a demand is filed under, per optimization. These are the defaults the migration
 * seeds into the editable `demand_types` table; the table is the truth at run time.
 */
export const DEFAULT_DEMAND_TYPES: readonly DemandType[] = [
  { id: 'bus_shelter', optimization: 1, title: { zh: '公交候车亭', en: 'Bus shelter' } },
  { id: 'bus_stop', optimization: 1, title: { zh: '公交站点', en: 'Bus stop' } },
  { id: 'parking', optimization: 1, title: { zh: '停车位', en: 'Parking' } },
  { id: 'sidewalk', optimization: 1, title: { zh: '人行道', en: 'Sidewalk' } },
  { id: 'crossing', optimization: 1, title: { zh: '过街设施', en: 'Street crossing' } },
  { id: 'kindergarten', optimization: 2, title: { zh: '幼儿园学位', en: 'Kindergarten places' } },
  { id: 'primary_school', optimization: 2, title: { zh: '小学学位', en: 'Primary school places' } },
  { id: 'middle_school', optimization: 2, title: { zh: '初中学位', en: 'Middle school places' } },
  { id: 'elderly_care', optimization: 3, title: { zh: '养老服务', en: 'Elderly care' } },
  { id: 'health_station', optimization: 3, title: { zh: '社区卫生服务站', en: 'Community health station' } },
  { id: 'canteen', optimization: 3, title: { zh: '老年食堂', en: 'Canteen for older residents' } },
  { id: 'fresh_market', optimization: 4, title: { zh: '农贸市场', en: 'Fresh market' } },
  { id: 'convenience_store', optimization: 4, title: { zh: '便民商业', en: 'Convenience shops' } },
  { id: 'park', optimization: 5, title: { zh: '公园广场', en: 'Park or square' } },
  { id: 'greening', optimization: 5, title: { zh: '坡坎崖绿化', en: 'Greening' } },
  { id: 'sports', optimization: 5, title: { zh: '健身设施', en: 'Sports facilities' } },
  { id: 'trail', optimization: 5, title: { zh: '步道', en: 'Walking trail' } },
  { id: 'office_space', optimization: 6, title: { zh: '楼宇空置', en: 'Vacant office space' } },
  { id: 'industrial_park', optimization: 6, title: { zh: '产业园区配套', en: 'Industrial park services' } },
  { id: 'elevator_retrofit', optimization: 7, title: { zh: '加装电梯', en: 'Elevator retrofit' } },
  { id: 'fire_safety', optimization: 7, title: { zh: '消防安全', en: 'Fire safety' } },
  { id: 'security', optimization: 7, title: { zh: '治安防控', en: 'Security' } },
  { id: 'old_housing', optimization: 7, title: { zh: '老旧小区改造', en: 'Old housing renovation' } },
];

export const DEMAND_TYPE_ID_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
