import type { Language } from '../../core/i18n-text.ts';
import { findIndicator } from '../../core/targets/indicators.ts';
import { findOptimization } from '../../core/optimizations.ts';
import type { ProjectPhase } from '../../core/projects/project-phases.ts';
import type { Lateness } from '../../core/projects/project-schedule.ts';
import type { MonthlyReport } from '../../core/reports/monthly-report-contract.ts';

/** The report's words in both languages, shared by the Word document and the printed page. */

const TEXT = {
  title: { zh: (month: string) => `城市更新工作月度报告（${month.replace('-', '年')}月）`, en: (month: string) => `Urban renewal: monthly report, ${month}` },
  asOf: { zh: (day: string) => `数据截至 ${day}`, en: (day: string) => `Figures as of ${day}` },
  demoTargets: { zh: '注：本年度目标为演示数据（规划原文数字未公开）。', en: 'Note: this year’s targets are demonstration figures (the plan’s own are redacted).' },
  figures: { zh: '一、本月概况', en: '1. The month in figures' },
  targets: { zh: (year: number) => `二、${year}年度目标进展`, en: (year: number) => `2. Progress on the ${year} targets` },
  late: { zh: '三、滞后项目及问题', en: '3. Late projects and their problems' },
  comparison: { zh: (period: string) => `四、镇街拉练互评（${period}）`, en: (period: string) => `4. Towns compared (${period})` },
  demands: { zh: '五、本月新增群众需求（按“七个优化”）', en: '5. New demands this month, by optimization' },
  noLate: { zh: '本月无滞后项目。', en: 'No project is late.' },
  moreLate: { zh: (shown: number, total: number) => `仅列出最滞后的 ${shown} 个，共 ${total} 个。`, en: (shown: number, total: number) => `The ${shown} latest of ${total} are listed.` },
} as const;

const FIGURES = {
  demandsReceived: { zh: '新增需求', en: 'Demands received' },
  demandsAnswered: { zh: '其中已答复', en: 'of which answered' },
  projectsActive: { zh: '在建及计划项目', en: 'Projects under way' },
  projectsLate: { zh: '其中滞后', en: 'of which late' },
  targetsSet: { zh: '设定目标的指标', en: 'Indicators with a target' },
  targetsOnTrack: { zh: '其中进度正常', en: 'of which on track' },
} as const satisfies Record<keyof MonthlyReport['figures'], Record<Language, string>>;

const COLUMNS = {
  indicator: { zh: '指标', en: 'Indicator' },
  optimization: { zh: '所属优化', en: 'Optimization' },
  target: { zh: '目标', en: 'Target' },
  achieved: { zh: '已完成', en: 'Achieved' },
  underConstruction: { zh: '在建', en: 'Building' },
  share: { zh: '完成率', en: 'Share' },
  status: { zh: '状态', en: 'Status' },
  project: { zh: '项目', en: 'Project' },
  town: { zh: '镇街', en: 'Town' },
  unit: { zh: '责任单位', en: 'Responsible unit' },
  phase: { zh: '阶段', en: 'Phase' },
  lateBy: { zh: '滞后', en: 'Late by' },
  problems: { zh: '问题（责任单位，时限）', en: 'Problems (owner, due)' },
  rank: { zh: '排名', en: 'Rank' },
  received: { zh: '受理需求', en: 'Demands' },
  answeredShare: { zh: '答复率', en: 'Answered' },
  medianDays: { zh: '答复用时（天，中位）', en: 'Days to answer (median)' },
  onTimeShare: { zh: '项目按期率', en: 'Projects on time' },
  targetsReached: { zh: '目标达成率', en: 'Targets reached' },
  coverageGained: { zh: '新增覆盖人口', en: 'Residents newly served' },
  satisfaction: { zh: '满意度', en: 'Satisfaction' },
  change: { zh: '变化', en: 'Change' },
  count: { zh: '数量', en: 'Count' },
  figure: { zh: '项目', en: 'Figure' },
  value: { zh: '数值', en: 'Value' },
} as const;

const STATUS = { on_track: { zh: '正常', en: 'On track' }, behind: { zh: '滞后', en: 'Behind' } } as const;

// As the project library names them.
const PHASES: Record<ProjectPhase, Record<Language, string>> = {
  proposed: { zh: '拟建', en: 'Proposed' },
  approved: { zh: '已入库', en: 'Approved' },
  design: { zh: '设计', en: 'Design' },
  construction: { zh: '施工', en: 'Construction' },
  completed: { zh: '已建成', en: 'Completed' },
  on_hold: { zh: '暂停', en: 'On hold' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export interface ReportWords {
  language: Language;
  text: { [Key in keyof typeof TEXT]: (typeof TEXT)[Key][Language] };
  figure: (key: keyof MonthlyReport['figures']) => string;
  column: (key: keyof typeof COLUMNS) => string;
  status: (status: keyof typeof STATUS | null) => string;
  phase: (phase: ProjectPhase) => string;
  indicator: (id: string) => string;
  optimization: (category: number | null) => string;
  town: (report: MonthlyReport, code: string) => string;
  lateBy: (late: Lateness) => string;
  number: (value: number | null, decimals?: number) => string;
  percent: (share: number | null) => string;
}

export function reportWords(language: Language): ReportWords {
  const format = (value: number, decimals: number) =>
    value.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: 0, maximumFractionDigits: decimals, useGrouping: false });
  return {
    language,
    text: Object.fromEntries(Object.entries(TEXT).map(([key, value]) => [key, value[language]])) as ReportWords['text'],
    figure: (key) => FIGURES[key][language],
    column: (key) => COLUMNS[key][language],
    status: (status) => (status ? STATUS[status][language] : '—'),
    phase: (phase) => PHASES[phase][language],
    indicator: (id) => findIndicator(id)?.title[language] ?? id,
    optimization: (category) => (category === null ? (language === 'zh' ? '综合' : 'All') : findOptimization(category as 1).title[language]),
    town: (report, code) => {
      const names = report.towns[code];
      return names ? (language === 'en' && names.en ? names.en : names.zh) : code;
    },
    lateBy: (late) => (language === 'zh' ? `${late.days} 天` : `${late.days} days`),
    number: (value, decimals = 2) => (value === null ? '—' : format(value, decimals)),
    percent: (share) => (share === null ? '—' : `${format(share * 100, 1)}%`),
  };
}
