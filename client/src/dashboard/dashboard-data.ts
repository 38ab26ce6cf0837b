import type { DemandCounts } from '../../../core/demands/demand-count-contract.ts';
import { DEMAND_STATUSES, type DemandStatus } from '../../../core/demands/demand-states.ts';
import { FUNDING_SOURCES, SIZE_CLASSES, type FundingSource, type SizeClass } from '../../../core/projects/project-constants.ts';
import type { ProjectList, ProjectRecord } from '../../../core/projects/project-contract.ts';
import type { SurveysResponse } from '../../../core/surveys/survey-contract.ts';
import type { TargetLine, TargetsResponse } from '../../../core/targets/target-contract.ts';
import { fetchJson } from '../api/fetch-json.ts';

/**
 * What the dashboard shows, read from the same APIs as the lists and the map behind it, for the
 * district or one town: the year's targets, the late projects, the demands by status and the
 * satisfaction of the last quarters surveyed.
 */
export interface DashboardData {
  /** The district's targets (its towns' figures side by side come with them). */
  district: TargetsResponse;
  /** The chosen town's targets; the district's when no town is chosen. */
  targets: TargetsResponse;
  late: ProjectList<ProjectRecord>;
  demandsByStatus: { status: DemandStatus; count: number }[];
  trend: SatisfactionPoint[];
}

/** One quarter of the satisfaction trend: the district's index and the chosen town's. */
export interface SatisfactionPoint {
  quarter: string;
  district: number | null;
  town: number | null;
}

/** Late projects shown on the dashboard; the library lists them all. */
export const LATE_SHOWN = 8;
/** Quarters on the trend: two years read at a glance, each one request. */
export const TREND_QUARTERS = 8;

const townQuery = (town: string | undefined, prefix: '?' | '&') => (town ? `${prefix}town=${encodeURIComponent(town)}` : '');

export async function loadDashboard(town: string | undefined, signal: AbortSignal): Promise<DashboardData> {
  const [district, targets, late, counts, trend] = await Promise.all([
    fetchJson<TargetsResponse>('/api/targets', signal),
    town ? fetchJson<TargetsResponse>(`/api/targets${townQuery(town, '?')}`, signal) : undefined,
    fetchJson<ProjectList<ProjectRecord>>(`/api/projects?late=true&sort=late&limit=${LATE_SHOWN}${townQuery(town, '&')}`, signal),
    fetchJson<DemandCounts>('/api/demand-counts?by=town', signal),
    loadSatisfactionTrend(town, signal),
  ]);
  return { district, targets: targets ?? district, late, demandsByStatus: demandsByStatus(counts, town), trend };
}

/** Per town by status (each town within the reader's area): the chosen town's, or added up for the district. */
export function demandsByStatus(counts: DemandCounts, town: string | undefined): { status: DemandStatus; count: number }[] {
  const totals = new Map<DemandStatus, number>();
  for (const row of counts.items) {
    if (town && row.code !== town) continue;
    for (const [status, count] of Object.entries(row.statuses ?? {}) as [DemandStatus, number][]) totals.set(status, (totals.get(status) ?? 0) + count);
  }
  return DEMAND_STATUSES.map((status) => ({ status, count: totals.get(status) ?? 0 }));
}

/**
 * The district's and the town's index per quarter, from `GET /api/surveys?quarter=` (the
 * district's figure comes with every answer; `town=` keeps only that town's): the latest
 * quarter first tells which quarters there are.
 */
async function loadSatisfactionTrend(town: string | undefined, signal: AbortSignal): Promise<SatisfactionPoint[]> {
  const latest = await fetchJson<SurveysResponse>(`/api/surveys${townQuery(town, '?')}`, signal);
  const quarters = latest.quarters.slice(-TREND_QUARTERS);
  const answers = await Promise.all(
    quarters.map((quarter) => (quarter === latest.quarter ? latest : fetchJson<SurveysResponse>(`/api/surveys?quarter=${quarter}${townQuery(town, '&')}`, signal))),
  );
  return answers.map((answer, index) => ({
    quarter: quarters[index],
    district: answer.district?.overall ?? null,
    town: town ? (answer.towns.find((row) => row.town === town)?.overall ?? null) : null,
  }));
}

/** The indicators grouped by optimization in the catalogue's order (null: those spanning them). */
export function byOptimization(lines: readonly TargetLine[]): { optimization: TargetLine['optimization']; lines: TargetLine[] }[] {
  const groups: { optimization: TargetLine['optimization']; lines: TargetLine[] }[] = [];
  for (const line of lines) {
    const group = groups.find((candidate) => candidate.optimization === line.optimization);
    if (group) group.lines.push(line);
    else groups.push({ optimization: line.optimization, lines: [line] });
  }
  return groups;
}

/** Parts of a whole as shares (0–1) in a fixed order; all null when the whole is nothing. */
export function sharesOf<K extends string>(keys: readonly K[], values: Record<K, number>): { key: K; value: number; share: number | null }[] {
  const total = keys.reduce((sum, key) => sum + values[key], 0);
  return keys.map((key) => ({ key, value: values[key], share: total > 0 ? values[key] / total : null }));
}

export const sizeShares = (sizes: Record<SizeClass, number>) => sharesOf(SIZE_CLASSES, sizes);
export const fundingShares = (funding: Record<FundingSource, number>) => sharesOf(FUNDING_SOURCES, funding);

/** The indicators the plan sets per town, in the catalogue's order. */
export function townIndicators(district: TargetsResponse): string[] {
  return district.towns[0]?.indicators.map((line) => line.indicator) ?? [];
}
