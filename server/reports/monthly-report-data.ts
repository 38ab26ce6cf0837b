import type { DemandOptimization } from '../../core/demands/demand-types.ts';
import type { MonthlyReport, MonthPeriod } from '../../core/reports/monthly-report-contract.ts';
import type { AnalysisStore } from '../analysis/analysis-store.ts';
import type { Sql } from '../db/client.ts';
import { listProjects } from '../projects/project-list-sql.ts';
import { toProjectRecord } from '../projects/project-sql.ts';
import { buildTargetsReport } from '../targets/target-report.ts';
import { buildTownComparison } from '../towns/town-comparison-routes.ts';
import { selectDemandFigures, selectProjectFigures } from '../towns/town-comparison-sql.ts';
import { selectLatestProblems, selectNewDemandsByOptimization, selectTownNames } from './monthly-report-sql.ts';

/**
 * The monthly report's content, read through the functions behind the API: the year's targets
 * as `GET /api/targets` gives them, the late projects as `GET /api/projects?late=true&sort=late`,
 * the towns as `GET /api/towns/comparison?period=<the month's quarter>`, and the month's demand
 * and project figures by the comparison's own statements, run for the month.
 */

/** Late projects listed in full; the total says how many there are beyond them. */
export const LATE_PROJECTS_LISTED = 50;

const OPTIMIZATIONS: readonly DemandOptimization[] = [1, 2, 3, 4, 5, 6, 7];

const sum = <Row>(rows: readonly Row[], figure: (row: Row) => number) => rows.reduce((total, row) => total + figure(row), 0);

export async function buildMonthlyReport(sql: Sql, store: AnalysisStore, period: MonthPeriod, today: string): Promise<MonthlyReport> {
  const [targets, late, comparison, demands, projects, byOptimization, towns] = await Promise.all([
    buildTargetsReport(sql, { year: period.year, today }),
    listProjects(sql, { late: true, sort: 'late', limit: LATE_PROJECTS_LISTED, offset: 0 }, false, today, { details: 'staff' }),
    buildTownComparison(sql, store, period.quarter, today),
    selectDemandFigures(sql, period),
    selectProjectFigures(sql, period, today),
    selectNewDemandsByOptimization(sql, period),
    selectTownNames(sql),
  ]);
  const problems = await selectLatestProblems(sql, late.rows.map((row) => row.id));
  const counted = new Map(byOptimization.map((row) => [row.optimization, row.count]));
  const withTarget = targets.indicators.filter((line) => line.target !== null);
  return {
    month: period.month,
    start: period.start,
    end: period.end,
    asOf: today,
    towns,
    figures: {
      demandsReceived: sum(demands, (row) => row.received),
      demandsAnswered: sum(demands, (row) => row.answered),
      projectsActive: sum(projects, (row) => row.projects),
      projectsLate: sum(projects, (row) => row.late),
      targetsSet: withTarget.length,
      targetsOnTrack: withTarget.filter((line) => line.status === 'on_track').length,
    },
    targets,
    lateProjects: {
      total: late.total,
      items: late.rows.map((row) => {
        const record = toProjectRecord(row, late.details, today);
        return {
          id: record.id, code: record.code, name: record.name, nameEn: record.nameEn, optimization: record.optimization, phase: record.phase,
          primaryTown: record.primaryTown, responsibleUnit: record.responsibleUnit, progress: record.progress, late: record.late,
          problems: problems.get(record.id) ?? [],
        };
      }),
    },
    comparison,
    newDemandsByOptimization: OPTIMIZATIONS.map((optimization) => ({ optimization, count: counted.get(optimization) ?? 0 })),
  };
}
