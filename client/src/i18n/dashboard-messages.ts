import type { Language } from '../../../core/i18n-text.ts';

/** The words of the commission's dashboard, Chinese first; a dictionary of its own so only its chunk carries them. */
const zh = {
  dashboard: '工作看板',
  openDashboard: '打开工作看板',
  closeDashboard: '关闭工作看板',
  dashboardLoading: '正在加载工作看板…',
  targetsHeading: '{year}年度目标进展',
  demoTargets: '演示目标（规划原文数字未公开）',
  progressOf: '{achieved} / {target} {unit}',
  noTarget: '未设目标',
  asTable: '以表格查看',
  indicator: '指标',
  target: '目标',
  achieved: '已完成',
  underConstruction: '在建',
  share: '完成率',
  status: '状态',
  onTrack: '正常',
  behind: '滞后',
  spansAll: '综合',
  lateHeading: '逾期项目（{count}）',
  lateDays: '逾期 {days} 天',
  allLate: '在项目库中查看全部逾期项目',
  noLate: '没有逾期项目。',
  demandsHeading: '群众需求（按状态）',
  count: '数量',
  monthlyReport: '{month} 月度报告：',
  reportPage: '打印版',
  reportWord: 'Word 文档',
} as const;

export type DashboardMessageKey = keyof typeof zh;

const en: Record<DashboardMessageKey, string> = {
  dashboard: 'Dashboard',
  openDashboard: 'Open the dashboard',
  closeDashboard: 'Close the dashboard',
  dashboardLoading: 'Loading the dashboard…',
  targetsHeading: 'Progress on the {year} targets',
  demoTargets: 'Demonstration targets (the plan’s figures are redacted)',
  progressOf: '{achieved} / {target} {unit}',
  noTarget: 'no target',
  asTable: 'Show as a table',
  indicator: 'Indicator',
  target: 'Target',
  achieved: 'Achieved',
  underConstruction: 'Building',
  share: 'Share',
  status: 'Status',
  onTrack: 'On track',
  behind: 'Behind',
  spansAll: 'All optimizations',
  lateHeading: 'Late projects ({count})',
  lateDays: '{days} days late',
  allLate: 'All late projects in the library',
  noLate: 'No project is late.',
  demandsHeading: 'Residents’ demands by status',
  count: 'Count',
  monthlyReport: 'Monthly report for {month}:',
  reportPage: 'to print',
  reportWord: 'Word document',
};

export function translateDashboard(language: Language, key: DashboardMessageKey, params: Record<string, string | number> = {}): string {
  const text: string = language === 'en' ? en[key] : zh[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
