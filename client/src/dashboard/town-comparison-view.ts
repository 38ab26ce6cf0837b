import { districtToday } from '../../../core/projects/project-schedule.ts';
import { quarterOf } from '../../../core/surveys/quarters.ts';
import type { RankedFigure, TownComparison, TownComparisonRow } from '../../../core/towns/town-comparison.ts';
import { fetchJson } from '../api/fetch-json.ts';

/**
 * The towns' peer comparison (拉练互评) on the dashboard: which figures are columns, how each is
 * printed, how the rows sort, and which periods the picker offers. The figures and their ranks
 * are the API's (core/towns/town-comparison.ts); the page only orders and prints them.
 */

/** How a figure reads: a share as a percentage, days and scores with a decimal, residents whole, a change signed. */
export type FigureFormat = 'percent' | 'days' | 'residents' | 'score' | 'change';

export const COMPARISON_COLUMNS: readonly { figure: RankedFigure; format: FigureFormat }[] = [
  { figure: 'answeredShare', format: 'percent' },
  { figure: 'medianDaysToAnswer', format: 'days' },
  { figure: 'onTimeShare', format: 'percent' },
  { figure: 'targetsReachedShare', format: 'percent' },
  { figure: 'coverageGained', format: 'residents' },
  { figure: 'satisfaction', format: 'score' },
  { figure: 'satisfactionChange', format: 'change' },
];

/** The decimals each format prints (the test reads the same table back). */
export const FORMAT_DECIMALS: Record<FigureFormat, number> = { percent: 1, days: 1, residents: 0, score: 1, change: 1 };

/** A column the table sorts by: the overall rank, the town's name, or a figure (by its rank). */
export type ComparisonSortKey = 'overall' | 'town' | RankedFigure;
export interface ComparisonSort {
  key: ComparisonSortKey;
  /** Ascending: best first for a figure, A to Z for the names. */
  ascending: boolean;
}

/**
 * The rows in the order asked: a figure sorts by its rank (the API's, so ties stay ties), towns
 * without the figure last in either direction, then by overall rank.
 */
export function sortComparison(rows: readonly TownComparisonRow[], sort: ComparisonSort, nameOf: (code: string) => string): TownComparisonRow[] {
  const direction = sort.ascending ? 1 : -1;
  const byOverall = (a: TownComparisonRow, b: TownComparisonRow) => a.overallRank - b.overallRank || a.town.localeCompare(b.town);
  return [...rows].sort((a, b) => {
    if (sort.key === 'overall') return direction * byOverall(a, b);
    if (sort.key === 'town') return direction * nameOf(a.town).localeCompare(nameOf(b.town), 'zh-CN');
    const [rankA, rankB] = [a.ranks[sort.key], b.ranks[sort.key]];
    if (rankA === null || rankB === null) return (rankA === null ? 1 : 0) - (rankB === null ? 1 : 0) || byOverall(a, b);
    return direction * (rankA - rankB) || byOverall(a, b);
  });
}

/**
 * The periods offered: this year and last, each whole and by quarter, the latest first,
 * quarters still to come left out (the district's calendar).
 */
export function periodChoices(now: Date): { year: string; periods: string[] }[] {
  const today = districtToday(now);
  const thisYear = Number(today.slice(0, 4));
  const thisQuarter = quarterOf(today);
  return [thisYear, thisYear - 1].map((year) => ({
    year: String(year),
    periods: [String(year), ...[4, 3, 2, 1].map((quarter) => `${year}Q${quarter}`).filter((quarter) => quarter <= thisQuarter)],
  }));
}

export function loadComparison(period: string, signal: AbortSignal): Promise<TownComparison> {
  return fetchJson<TownComparison>(`/api/towns/comparison?period=${encodeURIComponent(period)}`, signal);
}
