import type { DemandOptimization } from '../../core/demands/demand-types.ts';
import type { LateProjectProblem } from '../../core/reports/monthly-report-contract.ts';
import type { Queryable } from '../db/client.ts';

/** What the monthly report reads that no other route reads: each in one statement. */

/**
 * Demands submitted in [start, end] by optimization, hidden ones aside: the same demands and the
 * same district days (UTC+8) as the towns' comparison counts as received.
 */
export async function selectNewDemandsByOptimization(
  sql: Queryable,
  period: { start: string; end: string },
): Promise<{ optimization: DemandOptimization; count: number }[]> {
  return sql<{ optimization: DemandOptimization; count: number }[]>`
    SELECT optimization, count(*)::int AS count
    FROM demands
    WHERE status <> 'hidden'
      AND created_at >= (${period.start}::date)::timestamp AT TIME ZONE INTERVAL '+08:00'
      AND created_at < ((${period.end}::date + 1)::timestamp AT TIME ZONE INTERVAL '+08:00')
    GROUP BY optimization`;
}

/** Per project, the problems of its latest inspection that named any (older ones were followed up since). */
export async function selectLatestProblems(sql: Queryable, projectIds: readonly number[]): Promise<Map<number, LateProjectProblem[]>> {
  if (!projectIds.length) return new Map();
  const rows = await sql<{ project_id: number; problems: LateProjectProblem[] }[]>`
    SELECT DISTINCT ON (project_id) project_id, problems
    FROM project_inspections
    WHERE project_id = ANY(${projectIds as number[]}::int[]) AND jsonb_array_length(problems) > 0
    ORDER BY project_id, date DESC, id DESC`;
  return new Map(rows.map((row) => [row.project_id, row.problems]));
}

export async function selectTownNames(sql: Queryable): Promise<Record<string, { zh: string; en: string | null }>> {
  const rows = await sql<{ code: string; name: string; name_en: string | null }[]>`SELECT code, name, name_en FROM towns ORDER BY code`;
  return Object.fromEntries(rows.map((row) => [row.code, { zh: row.name, en: row.name_en }]));
}
