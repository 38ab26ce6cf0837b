import { z } from 'zod';
import type { DemandOptimization } from '../demands/demand-types.ts';
import type { Lateness } from '../projects/project-schedule.ts';
import type { ProjectPhase } from '../projects/project-phases.ts';
import type { TargetsResponse } from '../targets/target-contract.ts';
import type { TownComparison } from '../towns/town-comparison.ts';

/**
 * The monthly report to the district leadership (`GET /api/reports/monthly?month=2026-10`): a
 * Word document by default (how the district's offices exchange reports), `format=html` a page
 * to print. Every figure in it is read through the same server functions as the API's.
 */

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const monthlyReportQuerySchema = z.strictObject({
  month: z.string().regex(MONTH_PATTERN, 'a month is written YYYY-MM, e.g. 2026-10'),
  format: z.enum(['docx', 'html']).default('docx'),
  lang: z.enum(['zh', 'en']).default('zh'),
});
export type MonthlyReportQuery = z.infer<typeof monthlyReportQuerySchema>;

export interface MonthPeriod {
  month: string;
  year: number;
  /** First and last calendar days. */
  start: string;
  end: string;
  /** The quarter holding it (2026Q4), which the towns' comparison is read for. */
  quarter: string;
}

/** The month's days and quarter; undefined for text that is not YYYY-MM. */
export function monthPeriod(month: string): MonthPeriod | undefined {
  const match = MONTH_PATTERN.exec(month);
  if (!match) return undefined;
  const year = Number(match[1]);
  const number = Number(match[2]);
  const lastDay = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { month, year, start: `${month}-01`, end: `${month}-${String(lastDay).padStart(2, '0')}`, quarter: `${year}Q${Math.floor((number - 1) / 3) + 1}` };
}

export interface LateProjectProblem {
  description: string;
  owner: string;
  due: string;
}

export interface LateProjectLine {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  optimization: DemandOptimization;
  phase: ProjectPhase;
  primaryTown: string;
  responsibleUnit: string;
  progress: number;
  late: Lateness;
  /** The problems (难点/堵点/卡点) named at the project's latest inspection that named any. */
  problems: LateProjectProblem[];
}

export interface MonthlyReport {
  month: string;
  start: string;
  end: string;
  /** The day the figures were read (targets and lateness are as of that day). */
  asOf: string;
  /** Town names by code, for the tables. */
  towns: Record<string, { zh: string; en: string | null }>;
  figures: {
    /** Demands submitted in the month (hidden ones aside), and those answered since. */
    demandsReceived: number;
    demandsAnswered: number;
    /** Projects whose schedule reaches into the month (not cancelled), and those late today. */
    projectsActive: number;
    projectsLate: number;
    /** Indicators with a target this year, and those on track. */
    targetsSet: number;
    targetsOnTrack: number;
  };
  targets: TargetsResponse;
  /** The late projects as the list gives them (`late=true&sort=late`): the longest overdue first, up to a cap, and how many in all. */
  lateProjects: { total: number; items: LateProjectLine[] };
  comparison: TownComparison;
  /** The month's new demands per optimization (hidden ones aside), all seven listed. */
  newDemandsByOptimization: { optimization: DemandOptimization; count: number }[];
}
