import type { Queryable } from '../db/client.ts';

/** The towns' figures for the comparison, each in one statement grouped by town. */

export interface DemandFiguresRow {
  town: string;
  received: number;
  answered: number;
  median_days: number | null;
}

/** Demands submitted in [start, end] (district days, UTC+8), hidden ones aside. */
export async function selectDemandFigures(sql: Queryable, period: { start: string; end: string }): Promise<DemandFiguresRow[]> {
  return sql<DemandFiguresRow[]>`
    SELECT town_code AS town, count(*)::int AS received,
           count(*) FILTER (WHERE status <> 'submitted')::int AS answered,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at) / 86400)
              FILTER (WHERE status <> 'submitted'))::float8 AS median_days
    FROM demands
    WHERE status <> 'hidden'
      AND created_at >= (${period.start}::date)::timestamp AT TIME ZONE INTERVAL '+08:00'
      AND created_at < ((${period.end}::date + 1)::timestamp AT TIME ZONE INTERVAL '+08:00')
    GROUP BY town_code`;
}

export interface ProjectFiguresRow {
  town: string;
  projects: number;
  late: number;
}

/** Projects whose schedule reaches into the period (not cancelled), and how many are late today. */
export async function selectProjectFigures(sql: Queryable, period: { start: string; end: string }, today: string): Promise<ProjectFiguresRow[]> {
  return sql<ProjectFiguresRow[]>`
    SELECT primary_town AS town, count(*)::int AS projects,
           count(*) FILTER (WHERE overdue_from IS NOT NULL AND overdue_from < ${today}::date)::int AS late
    FROM projects
    WHERE phase <> 'cancelled' AND daterange(span_start, span_end, '[]') && daterange(${period.start}::date, ${period.end}::date, '[]')
    GROUP BY primary_town`;
}
