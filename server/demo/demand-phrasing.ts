// How a demand is framed by where it came from, and how the district answers it. The words a
// hotline operator, a deputy or a planner writes around the resident's own; the replies and
// refusal reasons of a handled demand; made-up estate names and clearly fake phone numbers.
import type { DemandSource } from '../../core/demands/demand-contract.ts';
import type { DemandOptimization } from '../../core/demands/demand-types.ts';
import type { Rng } from './random.ts';

/** Openings and closings around the resident's words ({town}, {community}, {deputy} filled in). */
export const SOURCE_FRAMES: Readonly<Record<DemandSource, { openings: readonly string[]; closings: readonly string[] }>> = {
  hotline: {
    openings: ['市民来电反映：', '来电人反映：', '市民通过城市热线反映：', '群众来电称：'],
    closings: ['来电人希望相关部门尽快核实处理。', '请相关部门核实处理并回复来电人。', '来电人要求回复处理结果。', ''],
  },
  deputy: {
    openings: ['区人大代表{deputy}在走访选区时收集到群众意见：', '区政协委员{deputy}提出建议：', '人大代表联络站收集群众意见：'],
    closings: ['建议纳入“七个优化”项目统筹解决。', '建议有关部门研究办理。', ''],
  },
  survey: {
    openings: ['{town}入户调研时居民反映：', '“我为群众办实事”走访调研中，{community}居民反映：', '问卷调查中多名居民提出：'],
    closings: ['调研组建议列入需求清单。', ''],
  },
  public: {
    openings: ['', '我是附近的居民，', '反映一个问题：'],
    closings: ['希望早日解决，谢谢！', '希望领导重视。', ''],
  },
  planner: {
    openings: ['社区规划师走访{community}时发现：', '社区设计师现场踏勘发现：', '社区策划师在居民议事会上收集到意见：'],
    closings: ['建议结合片区更新统筹考虑。', '已拍照留存，建议纳入项目库。', ''],
  },
};

/** The units the plan names as responsible (责任单位), per optimization. */
const RESPONSIBLE_UNITS: Readonly<Record<DemandOptimization, readonly string[]>> = {
  1: ['区住房城乡建委', '区交通局', '区城市管理局'],
  2: ['区教委'],
  3: ['区卫生健康委', '区民政局'],
  4: ['区商务委'],
  5: ['区城市管理局', '区住房城乡建委'],
  6: ['区商务委', '区经济信息委'],
  7: ['区委政法委', '区公安分局', '区住房城乡建委'],
};

export function pickResponsibleUnit(rng: Rng, optimization: DemandOptimization): string {
  return rng.pick(RESPONSIBLE_UNITS[optimization]);
}

/** The district's answers ({town}, {unit}, {year}, {date} filled in). */
export const REPLIES = {
  accepted: [
    '您反映的问题已收悉，已纳入{town}群众需求清单，我们将会同{unit}研究解决方案，进展将及时反馈。',
    '经现场核实，诉求属实，已纳入{year}年群众需求清单，由{unit}牵头研究办理。',
    '感谢您的反映。该问题已登记入库，{town}将结合片区更新统筹推进。',
  ],
  planned: [
    '该诉求已纳入{year}年城市更新“七个优化”项目库，由{unit}组织实施，计划年内开工。',
    '已列入{town}{year}年民生实事项目，目前正在开展前期设计，请持续关注。',
  ],
  resolved: [
    '相关问题已于{date}整改完成，感谢您对城市更新工作的关心和支持。',
    '项目已于{date}完工并投入使用，欢迎继续监督。',
    '经{unit}组织实施，该问题已于{date}解决，如仍有问题请再次反映。',
  ],
  merged: ['您反映的问题与附近居民的同类诉求一致，已合并办理，可通过合并后的诉求查看进展。'],
} as const;

/** Why a demand is not taken on (the reason a rejection requires). */
export const REJECTION_REASONS: readonly string[] = [
  '经核实，该事项不属于本区事权范围，已告知来电人向市级相关部门反映。',
  '诉求点位位于规划道路红线内，暂不具备实施条件。',
  '涉及小区业主共有部分的使用，需由业主大会依法表决，建议通过业主委员会协商解决。',
  '经现场核实，反映的问题已于近期整改完毕。',
  '该地块已纳入片区整体开发，将由开发主体按规划配建，不再单独立项。',
];

/** What moderation hides: the original stays, the public list does not show it. */
export const MODERATION_NOTES: readonly string[] = [
  '内容包含他人姓名和住址等个人信息，已隐藏。',
  '内容与城市更新无关（商业广告），已隐藏。',
  '内容含不文明用语，已隐藏。',
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '何', '罗', '郑', '谢', '唐'];
const PHONE_PREFIXES = ['138', '139', '135', '136', '137', '150', '158', '159', '177', '186', '189', '199'];

/** A deputy named as the press does when it withholds the name: 王某. */
export function pickDeputyName(rng: Rng): string {
  return `${rng.pick(SURNAMES)}某`;
}

/** A caller as a hotline ticket records them, masked so no real number can appear: 王女士 138****1234. */
export function makeDemoContact(rng: Rng): string {
  const digits = String(rng.int(0, 9999)).padStart(4, '0');
  return `${rng.pick(SURNAMES)}${rng.pick(['先生', '女士'])} ${rng.pick(PHONE_PREFIXES)}****${digits}`;
}

const ESTATE_SUFFIXES = ['小区', '花园', '新村', '苑', '家园', '雅居', '大院', '佳园'];
const FACTORY_ESTATES = ['纺织厂宿舍', '电力宿舍', '机械厂家属区', '供销社宿舍', '粮站宿舍', '教师村'];

/** A made-up residential estate of the community: 南湖花园, 南湖纺织厂宿舍; a village's 村民小组. */
export function makeEstateName(rng: Rng, short: string, isVillage: boolean): string {
  if (isVillage) return `${short}村${rng.int(1, 9)}组`;
  return rng.chance(0.25) ? `${short}${rng.pick(FACTORY_ESTATES)}` : `${short}${rng.pick(ESTATE_SUFFIXES)}`;
}

/** Fill `{slot}`s; a slot the values lack is an error in the templates, not silently kept. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const value = values[slot];
    if (value === undefined) throw new Error(`template slot {${slot}} has no value in "${template}"`);
    return value;
  });
}
