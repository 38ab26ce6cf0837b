import type { Language } from '../../../core/i18n-text.ts';

/**
 * The siting tab's own sentences, in both languages. They ship with the siting chunk (loaded
 * when the tab opens), not with the first download's dictionary.
 */
const zh = {
  pRequired: '请输入新建数量（不小于 1 的整数）。',
  pWhole: '新建数量须为不小于 1 的整数。',
  pTooMany: '最多 {max} 处：可选的候选地点只有 {max} 处。',
  pOverLimit: '每次最多新建 {max} 处。',
  timeLimitInvalid: '时间上限须为 {min} 到 {max} 秒之间的数，或留空使用默认值。',
  fixForm: '请先更正上面标出的输入。',
  provenOptimalExact: '已证明最优（精确求解）',
  provenOptimalHeuristic: '已证明最优（启发式解，经界限确认）',
  withinGapHeuristic: '距最优不超过 {gap}（启发式解，界限 {bound}）',
  withinGapExact: '距最优不超过 {gap}（精确求解在时间上限内的最好解，界限 {bound}）',
  noAnswer: '没有找到满足条件的方案',
  stoppedCancelled: '已按要求停止：以下为停止时找到的最好结果。',
  stoppedDeadline: '精确求解超出时间上限，已被终止：以下为此前找到的最好结果。',
  lscpHeadlineProven: '{count} 处新址覆盖所有可覆盖的居民（已证明最少）',
  lscpHeadlineGap: '{count} 处新址覆盖所有可覆盖的居民（最少不低于 {bound} 处）',
  lscpOutOfReach: '{people} 名居民（{cells} 个网格）不在任何候选地点的服务距离内，无论怎样选址都无法覆盖。',
  lscpRestCovered: '其余 {covered} 名居民由这 {count} 处新址全部覆盖。',
  lscpRestCoveredKept: '其余 {covered} 名居民都在这 {count} 处新址或现有设施的服务距离内。',
  progressResidents: '当前最好：{incumbent} 人；界限 {bound} 人',
  progressSites: '当前最好：{incumbent} 处；界限 {bound} 处',
  progressDistance: '当前最好：{incumbent} 人·千米；界限 {bound} 人·千米',
  pmedianToday: '现状：平均距离 {mean} 米 · 加权总距离 {total} 人·千米',
  pmedianAfter: '新建后：平均距离 {mean} 米 · 加权总距离 {total} 人·千米',
  pmedianTodayUnreachable: '现状有 {cells} 个网格到不了任何设施。',
  gridSiteName: '{community} {number} 号候选点',
  siteCommunity: '所在社区',
  siteLocation: '位置',
  siteLocationValue: '东经 {lon}°，北纬 {lat}°',
} as const;

export type SitingMessageKey = keyof typeof zh;

const en: Record<SitingMessageKey, string> = {
  pRequired: 'Enter the number of new sites (a whole number, 1 or more).',
  pWhole: 'The number of new sites is a whole number, 1 or more.',
  pTooMany: 'At most {max}: there are only {max} candidate sites to choose from.',
  pOverLimit: 'At most {max} new sites per run.',
  timeLimitInvalid: 'The time limit is a number of seconds from {min} to {max}, or empty for the default.',
  fixForm: 'Correct the field marked above to run.',
  provenOptimalExact: 'Proven optimal (exact solver)',
  provenOptimalHeuristic: 'Proven optimal (heuristic answer, confirmed by the bound)',
  withinGapHeuristic: 'Within {gap} of optimal (heuristic answer; bound {bound})',
  withinGapExact: 'Within {gap} of optimal (exact solver’s best within its time limit; bound {bound})',
  noAnswer: 'No answer meets the conditions',
  stoppedCancelled: 'Stopped at your request: the best answer found until then.',
  stoppedDeadline: 'The exact solver overran its time limit and was stopped: the best answer found before it.',
  lscpHeadlineProven: '{count} new sites cover everyone within reach (proven the fewest)',
  lscpHeadlineGap: '{count} new sites cover everyone within reach (the fewest is at least {bound})',
  lscpOutOfReach: '{people} residents ({cells} cells) are out of reach of every candidate site: no choice of sites can cover them.',
  lscpRestCovered: 'The other {covered} residents are all covered by these {count} sites.',
  lscpRestCoveredKept: 'The other {covered} residents are all within reach of these {count} new sites or an existing facility.',
  progressResidents: 'best so far: {incumbent} residents; bound {bound}',
  progressSites: 'best so far: {incumbent} sites; bound {bound}',
  progressDistance: 'best so far: {incumbent} person-km; bound {bound}',
  pmedianToday: 'Today: mean distance {mean} m · weighted total {total} person-km',
  pmedianAfter: 'With the new sites: mean distance {mean} m · weighted total {total} person-km',
  pmedianTodayUnreachable: 'Today {cells} cells reach no facility.',
  gridSiteName: '{community} site {number}',
  siteCommunity: 'Community',
  siteLocation: 'Location',
  siteLocationValue: '{lat}° N, {lon}° E',
};

const MESSAGES: Record<Language, Record<SitingMessageKey, string>> = { zh, en };

export function sitingText(language: Language, key: SitingMessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
