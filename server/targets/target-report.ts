import { INDICATORS } from '../../core/targets/indicators.ts';
import type { TargetLine, TargetRecord, TargetsResponse, TownTargets } from '../../core/targets/target-contract.ts';
import { targetProgress, yearElapsedShare } from '../../core/targets/target-status.ts';
import type { Queryable, Sql } from '../db/client.ts';
import { readProjectFigures } from './project-figures-cache.ts';
import {
  latestTargetYear, readSizeRatio, selectDelivered, selectFundingMix, selectSizeMix, selectTargets, selectTownCodes, type DeliveredRow,
} from './target-sql.ts';

/**
 * The yearly list as the dashboard reads it: every indicator of the catalogue with the year's
 * target (the district's, or the town's when a town is asked for), what completed projects
 * achieved, what is under construction, and whether that is on track for the share of the year
 * gone; with the size ratio, the funding mix and the per-town figures beside it.
 */

const yearPeriod = (year: number) => ({ start: `${year}-01-01`, end: `${year}-12-31` });

/** The year asked for, else the latest year with targets, else this year. */
export async function resolveTargetYear(sql: Queryable, year: number | undefined, today: string): Promise<number> {
  return year ?? (await latestTargetYear(sql)) ?? Number(today.slice(0, 4));
}

const key = (town: string | null, indicator: string) => `${town ?? ''}|${indicator}`;

function indexDelivered(rows: readonly DeliveredRow[]) {
  return new Map(rows.map((row) => [key(row.town, row.indicator), row]));
}

function indexTargets(targets: readonly TargetRecord[]) {
  return new Map(targets.map((target) => [key(target.town, target.indicator), target]));
}

export async function buildTargetsReport(sql: Sql, request: { year: number; town?: string; today: string }): Promise<TargetsResponse> {
  const { year, town, today } = request;
  const period = yearPeriod(year);
  const figure = await readProjectFigures(sql);
  const asked = `${period.start}|${period.end}|${town ?? ''}`;
  // One read of the deliverables, per town: the district's sums are the towns' added up.
  const [targets, byTown, sizes, ratio, funding, towns] = await Promise.all([
    selectTargets(sql, year),
    figure(`delivered by town|${asked}`, () => selectDelivered(sql, period, { town, byTown: true })),
    figure(`size mix|${asked}`, () => selectSizeMix(sql, period, town)),
    readSizeRatio(sql, year),
    figure(`funding mix|${asked}`, () => selectFundingMix(sql, period, town)),
    town ? Promise.resolve([town]) : selectTownCodes(sql),
  ]);
  const elapsed = yearElapsedShare(year, today);
  const targetIndex = indexTargets(targets);
  const deliveredIndex = indexDelivered(sumOverTowns(byTown));
  const townIndex = indexDelivered(byTown);

  const indicators: TargetLine[] = INDICATORS.map((definition) => {
    const stored = targetIndex.get(key(town ?? null, definition.id));
    const sums = deliveredIndex.get(key(null, definition.id));
    const achieved = round(sums?.achieved ?? 0);
    const target = stored?.target ?? null;
    return {
      indicator: definition.id,
      optimization: definition.optimization,
      unit: definition.unit,
      target,
      achieved,
      underConstruction: round(sums?.under_construction ?? 0),
      ...targetProgress(target, achieved, elapsed),
      targetId: stored?.id ?? null,
      version: stored?.version ?? null,
    };
  });

  const townLines: TownTargets[] = towns.map((code) => ({
    town: code,
    indicators: INDICATORS.filter((definition) => definition.byTown).map((definition) => {
      const target = targetIndex.get(key(code, definition.id))?.target ?? null;
      const sums = townIndex.get(key(code, definition.id));
      const achieved = round(sums?.achieved ?? 0);
      return { indicator: definition.id, target, achieved, underConstruction: round(sums?.under_construction ?? 0), ...targetProgress(target, achieved, elapsed) };
    }),
  }));

  return {
    year,
    town: town ?? null,
    elapsed: Math.round(elapsed * 10_000) / 10_000,
    demo: targets.some((target) => target.demo),
    indicators,
    sizes: { actual: sizes, target: ratio ? { large: ratio.large, medium: ratio.medium, small: ratio.small, version: ratio.version } : null },
    funding,
    towns: townLines,
  };
}

function sumOverTowns(rows: readonly DeliveredRow[]): DeliveredRow[] {
  const sums = new Map<string, DeliveredRow>();
  for (const row of rows) {
    const sum = sums.get(row.indicator) ?? { town: null, indicator: row.indicator, achieved: 0, under_construction: 0 };
    sum.achieved += row.achieved;
    sum.under_construction += row.under_construction;
    sums.set(row.indicator, sum);
  }
  return [...sums.values()];
}

/** Sums of decimals (km) read as the decimals of their indicator, not 0.30000000000000004. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
