import type { MonthlyReport } from '../../core/reports/monthly-report-contract.ts';
import { findIndicator } from '../../core/targets/indicators.ts';
import type { ReportWords } from './monthly-report-labels.ts';

/**
 * The report laid out once as headed tables of text, so the Word document and the printed page
 * say the same thing in the same words; each renderer only dresses them.
 */

export interface ReportTable {
  columns: string[];
  rows: string[][];
  /** Per row, a share of a target (0 to 1 and beyond) the page may draw as a bar after `column`. */
  bars?: { column: number; shares: (number | null)[] };
}

export interface ReportSection {
  heading: string;
  /** Sentences before the table. */
  notes: string[];
  table: ReportTable | null;
}

export interface ReportLayout {
  title: string;
  subtitle: string;
  sections: ReportSection[];
}

export function layOutMonthlyReport(report: MonthlyReport, words: ReportWords): ReportLayout {
  const { column, number, percent } = words;
  const figures: ReportSection = {
    heading: words.text.figures,
    notes: [],
    table: {
      columns: [column('figure'), column('value')],
      rows: (Object.keys(report.figures) as (keyof MonthlyReport['figures'])[]).map((key) => [words.figure(key), number(report.figures[key], 0)]),
    },
  };

  const lines = report.targets.indicators;
  const targets: ReportSection = {
    heading: words.text.targets(report.targets.year),
    notes: report.targets.demo ? [words.text.demoTargets] : [],
    table: {
      columns: [column('indicator'), column('optimization'), column('target'), column('achieved'), column('underConstruction'), column('share'), column('status')],
      rows: lines.map((line) => {
        const decimals = findIndicator(line.indicator)?.decimals ?? 0;
        return [
          `${words.indicator(line.indicator)}（${line.unit[words.language]}）`,
          words.optimization(line.optimization),
          number(line.target, decimals),
          number(line.achieved, decimals),
          number(line.underConstruction, decimals),
          percent(line.share),
          words.status(line.status),
        ];
      }),
      bars: { column: 5, shares: lines.map((line) => line.share) },
    },
  };

  const { items, total } = report.lateProjects;
  const late: ReportSection = {
    heading: words.text.late,
    notes: items.length === 0 ? [words.text.noLate] : total > items.length ? [words.text.moreLate(items.length, total)] : [],
    table: items.length === 0 ? null : {
      columns: [column('project'), column('town'), column('unit'), column('phase'), column('lateBy'), column('problems')],
      rows: items.map((project) => [
        `${project.code} ${words.language === 'en' && project.nameEn ? project.nameEn : project.name}`,
        words.town(report, project.primaryTown),
        project.responsibleUnit,
        words.phase(project.phase),
        words.lateBy(project.late),
        project.problems.map((problem) => `${problem.description}（${problem.owner}，${problem.due}）`).join('；') || '—',
      ]),
    },
  };

  const comparison: ReportSection = {
    heading: words.text.comparison(report.comparison.period),
    notes: [],
    table: {
      columns: [column('rank'), column('town'), column('received'), column('answeredShare'), column('medianDays'), column('onTimeShare'), column('targetsReached'), column('coverageGained'), column('satisfaction'), column('change')],
      rows: report.comparison.towns.map((town) => [
        String(town.overallRank),
        words.town(report, town.town),
        number(town.demandsReceived, 0),
        percent(town.answeredShare),
        number(town.medianDaysToAnswer, 1),
        percent(town.onTimeShare),
        percent(town.targetsReachedShare),
        number(town.coverageGained, 0),
        number(town.satisfaction, 2),
        number(town.satisfactionChange, 2),
      ]),
    },
  };

  const demands: ReportSection = {
    heading: words.text.demands,
    notes: [],
    table: {
      columns: [column('optimization'), column('count')],
      rows: report.newDemandsByOptimization.map((row) => [words.optimization(row.optimization), number(row.count, 0)]),
    },
  };

  return { title: words.text.title(report.month), subtitle: words.text.asOf(report.asOf), sections: [figures, targets, late, comparison, demands] };
}
