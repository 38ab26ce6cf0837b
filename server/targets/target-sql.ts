import type { IndicatorId } from '../../core/targets/indicators.ts';
import type { TargetRecord } from '../../core/targets/target-contract.ts';
import type { FundingSource, SizeClass } from '../../core/projects/project-constants.ts';
import type { Queryable } from '../db/client.ts';

/**
 * The targets' own rows, and what the project library has delivered against them. ACHIEVED is
 * never stored: it is the sum of completed projects' deliverables (`{"indicator":"seats",
 * "amount":270}`) in the year of their completion day, read at the moment it is asked for, so a
 * completion moves it at once. A project counts in its primary town.
 */

interface TargetRow {
  id: number;
  year: number;
  indicator: IndicatorId;
  town_code: string | null;
  target: number;
  demo: boolean;
  version: number;
  updated_at: Date;
}

const COLUMNS = 'id, year, indicator, town_code, target, demo, version, updated_at';

export function toTargetRecord(row: TargetRow): TargetRecord {
  return { id: row.id, year: row.year, indicator: row.indicator, town: row.town_code, target: row.target, demo: row.demo, version: row.version, updatedAt: row.updated_at.toISOString() };
}

export async function selectTargets(sql: Queryable, year: number): Promise<TargetRecord[]> {
  const rows = await sql.unsafe<TargetRow[]>(`SELECT ${COLUMNS} FROM targets WHERE year = $1 ORDER BY indicator, town_code NULLS FIRST`, [year]);
  return rows.map(toTargetRecord);
}

export async function readTarget(sql: Queryable, id: number, options: { lock?: boolean } = {}): Promise<TargetRecord | undefined> {
  const rows = await sql.unsafe<TargetRow[]>(`SELECT ${COLUMNS} FROM targets WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] && toTargetRecord(rows[0]);
}

/** Null when a target for the same year, indicator and town exists already. */
export async function insertTarget(sql: Queryable, target: { year: number; indicator: IndicatorId; town: string | null; target: number }): Promise<TargetRecord | undefined> {
  const rows = await sql.unsafe<TargetRow[]>(
    `INSERT INTO targets (year, indicator, town_code, target) VALUES ($1, $2, $3, $4)
     ON CONFLICT (year, indicator, coalesce(town_code, '')) DO NOTHING RETURNING ${COLUMNS}`,
    [target.year, target.indicator, target.town, target.target],
  );
  return rows[0] && toTargetRecord(rows[0]);
}

/** The figure changed on the version read; undefined when that version is no longer current. */
export async function updateTarget(sql: Queryable, id: number, version: number, target: number): Promise<TargetRecord | undefined> {
  const rows = await sql.unsafe<TargetRow[]>(
    `UPDATE targets SET target = $3, demo = false, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING ${COLUMNS}`,
    [id, version, target],
  );
  return rows[0] && toTargetRecord(rows[0]);
}

/** The latest year with a target, else none. */
export async function latestTargetYear(sql: Queryable): Promise<number | null> {
  const [row] = await sql<{ year: number | null }[]>`SELECT max(year) AS year FROM targets`;
  return row.year;
}

export interface DeliveredRow {
  town: string | null;
  indicator: string;
  achieved: number;
  under_construction: number;
}

/**
 * Deliverables summed per indicator (and per primary town when `byTown`): completed in
 * [start, end] (the completion day is the day the project entered `completed`), and under
 * construction now.
 *
 * Only the leaves of the library count: a package (a project with a sub-project not cancelled,
 * as core's rollUpProgress reads it) contributes none of its own deliverables; its parts count,
 * each in its own completion year and town. Deliverables on a package are not refused when
 * written: a project approved whole and split later keeps the figures it was approved with (its
 * record shows them), they count again if every part is cancelled, and a refusal would have to
 * guard every way a project gets a part (create, a move under a parent, an import) and make the
 * order of those writes matter. Counting leaves here keeps one school from counting twice,
 * whatever was typed where.
 */
export async function selectDelivered(sql: Queryable, period: { start: string; end: string }, options: { town?: string; byTown: boolean }): Promise<DeliveredRow[]> {
  const townColumn = options.byTown ? 'p.primary_town' : 'NULL::text';
  // The projects first, on their own (two range reads of projects_delivered_idx, index only):
  // planned with the expansion of their deliverables, the planner's guess of 100 per project made
  // it start parallel workers, which cost more than the whole sum. The packages are the few
  // parents of live parts, hashed once (projects_parent_idx).
  return sql.unsafe<DeliveredRow[]>(
    `WITH p AS MATERIALIZED (
       SELECT id, phase, primary_town, deliverables FROM projects
       WHERE phase = 'completed' AND phase_since BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR primary_town = $3)
       UNION ALL
       SELECT id, phase, primary_town, deliverables FROM projects WHERE phase = 'construction' AND ($3::text IS NULL OR primary_town = $3)
     )
     SELECT ${townColumn} AS town, d.indicator,
            coalesce(sum(d.amount) FILTER (WHERE p.phase = 'completed'), 0)::float8 AS achieved,
            coalesce(sum(d.amount) FILTER (WHERE p.phase = 'construction'), 0)::float8 AS under_construction
     FROM p CROSS JOIN LATERAL jsonb_to_recordset(p.deliverables) AS d(indicator text, amount float8)
     WHERE p.id NOT IN (SELECT parent_id FROM projects WHERE parent_id IS NOT NULL AND phase <> 'cancelled')
     GROUP BY 1, 2`,
    [period.start, period.end, options.town ?? null],
  );
}

/** The year's projects: not cancelled, their schedule reaching into it (or not scheduled yet). */
const OF_THE_YEAR = `p.phase <> 'cancelled'
  AND (p.span_start IS NULL OR daterange(p.span_start, p.span_end, '[]') && daterange($1::date, $2::date, '[]'))
  AND ($3::text IS NULL OR p.primary_town = $3)`;

export async function selectSizeMix(sql: Queryable, period: { start: string; end: string }, town: string | undefined): Promise<Record<SizeClass, number>> {
  const rows = await sql.unsafe<{ size_class: SizeClass; count: number }[]>(
    `SELECT p.size_class, count(*)::int AS count FROM projects p WHERE p.published AND ${OF_THE_YEAR} GROUP BY 1`,
    [period.start, period.end, town ?? null],
  );
  const mix: Record<SizeClass, number> = { large: 0, medium: 0, small: 0 };
  for (const row of rows) mix[row.size_class] = row.count;
  return mix;
}

export async function selectFundingMix(sql: Queryable, period: { start: string; end: string }, town: string | undefined): Promise<Record<FundingSource, number>> {
  const rows = await sql.unsafe<{ source: FundingSource; amount: number }[]>(
    // The projects on their own first, as for the deliverables (no parallel plan for a few thousand rows).
    `WITH p AS MATERIALIZED (SELECT p.funding FROM projects p WHERE ${OF_THE_YEAR})
     SELECT f.source, sum(f.amount)::float8 AS amount FROM p CROSS JOIN LATERAL jsonb_to_recordset(p.funding) AS f(source text, amount float8)
     GROUP BY 1`,
    [period.start, period.end, town ?? null],
  );
  const mix: Record<FundingSource, number> = { private: 0, state_owned: 0, fiscal: 0 };
  for (const row of rows) mix[row.source] = row.amount;
  return mix;
}

export interface SizeRatioRow {
  year: number;
  large: number;
  medium: number;
  small: number;
  demo: boolean;
  version: number;
}

export async function readSizeRatio(sql: Queryable, year: number, options: { lock?: boolean } = {}): Promise<SizeRatioRow | undefined> {
  const rows = await sql.unsafe<SizeRatioRow[]>(
    `SELECT year, large, medium, small, demo, version FROM target_size_ratios WHERE year = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [year],
  );
  return rows[0];
}

/** Written on the version read (undefined: stale); a first ratio for the year is version 1. */
export async function writeSizeRatio(sql: Queryable, year: number, version: number | null, ratio: { large: number; medium: number; small: number }): Promise<SizeRatioRow | undefined> {
  const rows = version === null
    ? await sql.unsafe<SizeRatioRow[]>(
      `INSERT INTO target_size_ratios (year, large, medium, small) VALUES ($1, $2, $3, $4)
       ON CONFLICT (year) DO NOTHING RETURNING year, large, medium, small, demo, version`,
      [year, ratio.large, ratio.medium, ratio.small],
    )
    : await sql.unsafe<SizeRatioRow[]>(
      `UPDATE target_size_ratios SET large = $3, medium = $4, small = $5, demo = false, version = version + 1, updated_at = now()
       WHERE year = $1 AND version = $2 RETURNING year, large, medium, small, demo, version`,
      [year, version, ratio.large, ratio.medium, ratio.small],
    );
  return rows[0];
}

export async function selectTownCodes(sql: Queryable): Promise<string[]> {
  const rows = await sql<{ code: string }[]>`SELECT code FROM towns ORDER BY code`;
  return rows.map((row) => row.code);
}
