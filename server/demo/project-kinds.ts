// The kinds of project in the demo project library (项目库), one line per kind: how many, in
// which optimization, what they look like on the map, what they deliver in the plan's units,
// the facility they add once completed, who is responsible, what they cost and who pays.
// Counts follow the plan's first-year list (section 二(五)): many small travel items (sidewalk
// kilometres, parking, stops and shelters), a score of school and kindergarten projects, a few
// elderly centres and many village points, markets, greening sites and trail kilometres, and a
// smart-security pilot in every town; about 150 in all.
import type { DemandOptimization } from '../../core/demands/demand-types.ts';
import type { LayerId } from './types.ts';

export type ProjectShape = 'point' | 'sidewalk' | 'trail' | 'area';
export type FundingSource = 'private' | 'state_owned' | 'fiscal';

export interface ProjectKind {
  /** The project's type, stored on it. */
  type: string;
  optimization: DemandOptimization;
  count: number;
  shape: ProjectShape;
  /** The facility layer a completed project adds to; undefined when it adds none. */
  layer?: LayerId;
  /** Demand sub-types the project answers (its linked demands are of these). */
  demandTypes: readonly string[];
  /** Name after the place: {town} {community} {short} (the community without 社区/村), {road} (a street named after it). */
  names: readonly string[];
  responsibleUnits: readonly string[];
  /** Budget range in yuan (log-uniform). */
  budget: readonly [number, number];
  /** Relative weight of each source in the mix. */
  funding: Readonly<Partial<Record<FundingSource, number>>>;
  /** Only towns' points of this kind (one elderly centre per town, mutual aid in villages). */
  place?: 'village' | 'urban';
}

export const PROJECT_KINDS: readonly ProjectKind[] = [
  // 1 出行: 人行道 km, 公交首末站, 港湾式停靠站, 智慧公交站台, 停车位
  {
    type: 'sidewalk', optimization: 1, count: 14, shape: 'sidewalk', demandTypes: ['sidewalk', 'crossing'],
    names: ['{short}片区人行道品质提升工程', '{community}背街小巷人行道整治', '{road}人行道改造及无障碍设施完善'],
    responsibleUnits: ['区住房城乡建委', '区城市管理局'], budget: [1_500_000, 18_000_000], funding: { fiscal: 3, state_owned: 1 }, place: 'urban',
  },
  {
    type: 'parking', optimization: 1, count: 12, shape: 'point', layer: 'parking_lots', demandTypes: ['parking'],
    names: ['{short}闲置地块临时停车场', '{short}立体停车楼建设项目', '{community}公共停车场新建工程'],
    responsibleUnits: ['区交通局', '区住房城乡建委'], budget: [2_000_000, 60_000_000], funding: { private: 3, state_owned: 2, fiscal: 1 }, place: 'urban',
  },
  {
    type: 'bus_terminal', optimization: 1, count: 3, shape: 'point', layer: 'bus_terminals', demandTypes: ['bus_stop'],
    names: ['{short}公交首末站新建工程', '{town}公交首末站改建工程'],
    responsibleUnits: ['区交通局'], budget: [8_000_000, 30_000_000], funding: { fiscal: 2, state_owned: 2 },
  },
  {
    type: 'bus_bay_stop', optimization: 1, count: 6, shape: 'point', layer: 'bus_bay_stops', demandTypes: ['bus_stop'],
    names: ['{short}港湾式公交停靠站改造', '{community}港湾式公交站新建工程'],
    responsibleUnits: ['区交通局', '区城市管理局'], budget: [600_000, 2_500_000], funding: { fiscal: 1 }, place: 'urban',
  },
  {
    type: 'smart_bus_shelter', optimization: 1, count: 9, shape: 'point', layer: 'smart_bus_shelters', demandTypes: ['bus_shelter'],
    names: ['{short}智慧公交站台建设', '{community}智慧候车亭新建'],
    responsibleUnits: ['区交通局'], budget: [150_000, 600_000], funding: { private: 1, fiscal: 2 }, place: 'urban',
  },
  // 2 教育: 学校建设项目, 学位, 公办和普惠性幼儿园
  {
    type: 'kindergarten', optimization: 2, count: 13, shape: 'point', layer: 'kindergartens', demandTypes: ['kindergarten'],
    names: ['{short}普惠性幼儿园新建工程', '{community}公办幼儿园建设项目', '{short}幼儿园改扩建工程'],
    responsibleUnits: ['区教委'], budget: [6_000_000, 40_000_000], funding: { fiscal: 4, state_owned: 1, private: 1 },
  },
  {
    type: 'primary_school', optimization: 2, count: 7, shape: 'point', layer: 'primary_schools', demandTypes: ['primary_school'],
    names: ['{short}小学新建工程', '{town}小学改扩建工程', '{short}片区配套小学建设项目'],
    responsibleUnits: ['区教委'], budget: [30_000_000, 160_000_000], funding: { fiscal: 3, state_owned: 1 },
  },
  {
    type: 'middle_school', optimization: 2, count: 4, shape: 'point', layer: 'middle_schools', demandTypes: ['middle_school'],
    names: ['{short}中学新建工程', '{town}中学改扩建工程'],
    responsibleUnits: ['区教委'], budget: [60_000_000, 220_000_000], funding: { fiscal: 3, state_owned: 1 },
  },
  // 3 医疗养老: 镇街养老服务中心, 农村互助养老点, 卫生服务中心
  {
    type: 'elderly_centre', optimization: 3, count: 5, shape: 'point', layer: 'elderly_centres', demandTypes: ['elderly_care', 'canteen'],
    names: ['{town}养老服务中心改扩建', '{town}养老服务中心新建工程'],
    responsibleUnits: ['区民政局'], budget: [5_000_000, 30_000_000], funding: { fiscal: 2, state_owned: 1, private: 1 },
  },
  {
    type: 'mutual_aid_point', optimization: 3, count: 9, shape: 'point', layer: 'mutual_aid_points', demandTypes: ['elderly_care', 'canteen'],
    names: ['{community}农村互助养老点建设', '{community}互助养老点改造'],
    responsibleUnits: ['区民政局'], budget: [300_000, 1_500_000], funding: { fiscal: 3, private: 1 }, place: 'village',
  },
  {
    type: 'health_centre', optimization: 3, count: 2, shape: 'point', layer: 'health_centres', demandTypes: ['health_station'],
    names: ['{short}社区卫生服务中心新建工程', '{town}卫生服务中心改扩建工程'],
    responsibleUnits: ['区卫生健康委'], budget: [20_000_000, 90_000_000], funding: { fiscal: 3, state_owned: 1 },
  },
  // 4 便民商业: 智慧生鲜市场, 步行街
  {
    type: 'fresh_market', optimization: 4, count: 10, shape: 'point', layer: 'fresh_markets', demandTypes: ['fresh_market', 'convenience_store'],
    names: ['{short}智慧生鲜市场改造提升', '{short}农贸市场智慧化改造', '{community}便民生鲜市场新建'],
    responsibleUnits: ['区商务委'], budget: [1_000_000, 12_000_000], funding: { private: 4, fiscal: 1 },
  },
  {
    type: 'pedestrian_street', optimization: 4, count: 1, shape: 'sidewalk', demandTypes: ['convenience_store'],
    names: ['南坪商圈步行街环境综合整治'],
    responsibleUnits: ['区商务委'], budget: [40_000_000, 80_000_000], funding: { state_owned: 2, fiscal: 1, private: 1 }, place: 'urban',
  },
  // 5 公共活动空间: 坡坎崖绿化, 步道 km, 社区体育公园
  {
    type: 'slope_greening', optimization: 5, count: 10, shape: 'area', layer: 'slope_greening', demandTypes: ['greening', 'park'],
    names: ['{short}坡坎崖绿化美化', '{community}边角地绿化提升', '{short}堡坎立体绿化工程'],
    responsibleUnits: ['区城市管理局'], budget: [800_000, 9_000_000], funding: { fiscal: 3, state_owned: 1 },
  },
  {
    type: 'trail', optimization: 5, count: 8, shape: 'trail', layer: 'trails', demandTypes: ['trail'],
    names: ['{short}山城步道建设工程', '{community}健身步道', '{short}滨江步道连通工程'],
    responsibleUnits: ['区城市管理局', '区住房城乡建委'], budget: [3_000_000, 45_000_000], funding: { fiscal: 2, state_owned: 2 },
  },
  {
    type: 'sports_park', optimization: 5, count: 7, shape: 'point', layer: 'sports_parks', demandTypes: ['sports', 'park'],
    names: ['{community}社区体育公园', '{short}全民健身广场建设'],
    responsibleUnits: ['区城市管理局', '区住房城乡建委'], budget: [2_000_000, 20_000_000], funding: { fiscal: 2, private: 1, state_owned: 1 },
  },
  // 6 产业楼宇园区
  {
    type: 'office_building', optimization: 6, count: 6, shape: 'point', demandTypes: ['office_space', 'industrial_park'],
    names: ['{short}存量商业楼宇盘活', '{short}产业园区配套提升', '{town}亿元楼宇培育项目'],
    responsibleUnits: ['区商务委', '区经济信息委'], budget: [10_000_000, 120_000_000], funding: { private: 4, state_owned: 2 }, place: 'urban',
  },
  // 7 社区安全: 智慧安防小区 (每个镇街), 消火栓, 加装电梯
  {
    type: 'security_pilot', optimization: 7, count: 15, shape: 'point', layer: 'security_pilots', demandTypes: ['security'],
    names: ['{community}智慧安防小区试点', '{short}小区智慧安防建设'],
    responsibleUnits: ['区公安分局', '区委政法委'], budget: [400_000, 2_500_000], funding: { fiscal: 2, private: 1 },
  },
  {
    type: 'fire_hydrant', optimization: 7, count: 5, shape: 'point', demandTypes: ['fire_safety'],
    names: ['{short}“三无”高层消火栓通水整改', '{community}老旧小区消防设施整治'],
    responsibleUnits: ['区住房城乡建委'], budget: [300_000, 2_000_000], funding: { fiscal: 1 }, place: 'urban',
  },
  {
    type: 'elevator_retrofit', optimization: 7, count: 4, shape: 'point', demandTypes: ['elevator_retrofit', 'old_housing'],
    names: ['{short}老旧楼栋加装电梯', '{community}老旧小区整治及加装电梯'],
    responsibleUnits: ['区住房城乡建委'], budget: [800_000, 6_000_000], funding: { private: 2, fiscal: 1 }, place: 'urban',
  },
];
