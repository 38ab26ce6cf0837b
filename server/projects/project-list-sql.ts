import type postgres from 'postgres';
import type { Sql } from '../db/client.ts';
import { PROJECT_LIST_COUNT_CAP } from '../../core/projects/project-contract.ts';
import { containsPattern } from '../demands/demand-list-sql.ts';
import type { ProjectFilters, ProjectSort } from './project-query.ts';
import type { ScheduledPhase } from '../../core/projects/project-schedule.ts';
import { PROJECT_COLUMNS, type ProjectDetails, type ProjectRow } from './project-sql.ts';

/**
 * The project list: filtered and paged in SQL. The public see published projects only; staff
 * read the whole library (they change only their area's). Each filter has an index (migrations
 * 0008, 0009); "late" is a range on the stored first pending date.
 */

const ORDER_BY: Record<ProjectSort, string> = {
  newest: 'p.created_at DESC, p.id DESC',
  updated: 'p.updated_at DESC, p.id DESC',
  code: 'p.id',
  late: 'p.overdue_from NULLS LAST, p.id',
  progress: 'p.progress DESC, p.id',
  start: 'p.span_start NULLS LAST, p.id',
};

/** A fresh WHERE per statement: postgres.js fragments are not shared between statements. */
export function projectWhere(sql: Sql, query: ProjectFilters, publicOnly: boolean, today: string): postgres.Fragment {
  const conditions = [publicOnly ? sql`p.published` : sql`true`];
  if (query.phase) conditions.push(sql`p.phase IN ${sql(query.phase)}`);
  if (query.optimization) conditions.push(sql`p.optimization IN ${sql(query.optimization)}`);
  if (query.type) conditions.push(sql`p.type IN ${sql(query.type)}`);
  if (query.town) conditions.push(sql`p.town_codes @> ARRAY[${query.town}]::text[]`);
  if (query.community) conditions.push(sql`p.community_codes @> ARRAY[${query.community}]::text[]`);
  if (query.size) conditions.push(sql`p.size_class IN ${sql(query.size)}`);
  if (query.funding) {
    const any = query.funding.map((source) => sql`p.funding @> jsonb_build_array(jsonb_build_object('source', ${source}::text))`);
    conditions.push(sql`(${any.reduce((joined, next) => sql`${joined} OR ${next}`)})`);
  }
  if (query.late !== undefined) conditions.push(query.late ? sql`p.overdue_from < ${today}::date` : sql`(p.overdue_from IS NULL OR p.overdue_from >= ${today}::date)`);
  if (query.year !== undefined) {
    // The overlap finds candidates by the GiST index (migration 0009); the ends decide, as before.
    const [first, last] = [`${query.year}-01-01`, `${query.year}-12-31`];
    conditions.push(sql`daterange(p.span_start, p.span_end, '[]') && daterange(${first}::date, ${last}::date, '[]') AND p.span_start <= ${last}::date AND p.span_end >= ${first}::date`);
  }
  if (query.published !== undefined) conditions.push(sql`p.published = ${query.published}`);
  if (query.opportunity !== undefined) conditions.push(sql`p.opportunity = ${query.opportunity}`);
  if (query.parent !== undefined) conditions.push(sql`p.parent_id = ${query.parent}`);
  if (query.bbox) {
    const [minx, miny, maxx, maxy] = query.bbox;
    conditions.push(sql`p.geom && ST_MakeEnvelope(${minx}::float8, ${miny}::float8, ${maxx}::float8, ${maxy}::float8, 4326)`);
  }
  if (query.q) {
    // The grams let the GIN index find candidates (migration 0009, as the demand list does); ILIKE decides.
    const pattern = containsPattern(query.q);
    conditions.push(sql`p.search_grams @> demand_query_grams(${query.q}) AND (p.name ILIKE ${pattern} OR p.name_en ILIKE ${pattern} OR p.code ILIKE ${pattern} OR p.responsible_unit ILIKE ${pattern})`);
  }
  return conditions.reduce((joined, condition) => sql`${joined} AND ${condition}`);
}

/**
 * A page's dates, milestones, demand links and parts, read with the page in the same statement:
 * the subqueries run only for the rows the LIMIT keeps (after the sort), each by its table's
 * project index, so a page costs one round trip instead of five. Staff's links only for staff.
 */
function detailColumns(sql: Sql, staff: boolean): postgres.Fragment {
  return sql`,
    (SELECT coalesce(json_agg(json_build_array(d.phase, d.planned_start::text, d.planned_end::text, d.actual_start::text, d.actual_end::text)
                              ORDER BY array_position(ARRAY['approved', 'design', 'construction'], d.phase)), '[]')
       FROM project_phase_dates d WHERE d.project_id = p.id) AS page_dates,
    (SELECT coalesce(json_agg(json_build_array(m.id, m.name, m.planned::text, m.actual::text) ORDER BY m.position, m.id), '[]')
       FROM project_milestones m WHERE m.project_id = p.id) AS page_milestones
    ${staff ? sql`,
    ARRAY(SELECT l.demand_id FROM project_demands l WHERE l.project_id = p.id ORDER BY l.demand_id) AS page_demand_ids,
    ARRAY(SELECT c.id FROM projects c WHERE c.parent_id = p.id ORDER BY c.id) AS page_child_ids` : sql``}`;
}

type DateCells = [ScheduledPhase, string | null, string | null, string | null, string | null];
type MilestoneCells = [number, string, string | null, string | null];
export type PageRow = ProjectRow & { page_dates?: DateCells[]; page_milestones?: MilestoneCells[]; page_demand_ids?: number[]; page_child_ids?: number[] };

/** The details read with a page, in the shape readProjectDetails gives them. */
function pageDetails(rows: readonly PageRow[]): ProjectDetails {
  const details: ProjectDetails = { schedule: new Map(), milestones: new Map(), demandIds: new Map(), childIds: new Map() };
  for (const row of rows) {
    if (row.page_dates?.length) {
      details.schedule.set(row.id, Object.fromEntries(row.page_dates.map(([phase, plannedStart, plannedEnd, actualStart, actualEnd]) => [phase, { plannedStart, plannedEnd, actualStart, actualEnd }])));
    }
    if (row.page_milestones?.length) details.milestones.set(row.id, row.page_milestones.map(([id, name, planned, actual]) => ({ id, name, planned, actual })));
    if (row.page_demand_ids?.length) details.demandIds.set(row.id, row.page_demand_ids);
    if (row.page_child_ids?.length) details.childIds.set(row.id, row.page_child_ids);
  }
  return details;
}

/**
 * A page and the count of the matches, as two statements (a window count would read every match
 * before the LIMIT, and an offset past the end would lose the count). The count is exact up to
 * PROJECT_LIST_COUNT_CAP or the end of the page asked for, whichever is further; one row beyond
 * tells there are more. Counting every match read the whole table for a broad filter.
 */
export async function listProjects(
  sql: Sql,
  query: ProjectFilters & { limit: number; offset: number; sort: ProjectSort },
  publicOnly: boolean,
  today: string,
  options: { countAll?: boolean; details?: 'staff' | 'public' } = {},
): Promise<{ total: number; totalExact: boolean; rows: ProjectRow[]; details: ProjectDetails }> {
  // `countAll`: the timeline, whose contract has an exact total (LIMIT NULL is no limit).
  const countLimit = options.countAll ? null : Math.max(PROJECT_LIST_COUNT_CAP, query.offset + query.limit);
  const [[counted], rows] = await Promise.all([
    sql<{ total: number }[]>`SELECT count(*)::int AS total FROM (SELECT FROM projects p WHERE ${projectWhere(sql, query, publicOnly, today)} LIMIT ${countLimit === null ? null : countLimit + 1}) AS matches`,
    sql<PageRow[]>`
      SELECT ${sql.unsafe(PROJECT_COLUMNS)} ${options.details ? detailColumns(sql, options.details === 'staff') : sql``}
      FROM projects p WHERE ${projectWhere(sql, query, publicOnly, today)}
      ORDER BY ${sql.unsafe(ORDER_BY[query.sort])} LIMIT ${query.limit} OFFSET ${query.offset}`,
  ]);
  const details = pageDetails(rows);
  return countLimit !== null && counted.total > countLimit ? { total: countLimit, totalExact: false, rows, details } : { total: counted.total, totalExact: true, rows, details };
}
