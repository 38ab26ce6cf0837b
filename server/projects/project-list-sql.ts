import type postgres from 'postgres';
import type { Sql } from '../db/client.ts';
import { containsPattern } from '../demands/demand-list-sql.ts';
import type { ProjectFilters, ProjectSort } from './project-query.ts';
import { PROJECT_COLUMNS, type ProjectRow } from './project-sql.ts';

/**
 * The project list: filtered and paged in SQL. The public see published projects only; staff
 * read the whole library (they change only their area's). Each filter has an index (migration
 * 0008); "late" is a range on the stored first pending date.
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
  if (query.year !== undefined) conditions.push(sql`p.span_start <= ${`${query.year}-12-31`}::date AND p.span_end >= ${`${query.year}-01-01`}::date`);
  if (query.published !== undefined) conditions.push(sql`p.published = ${query.published}`);
  if (query.opportunity !== undefined) conditions.push(sql`p.opportunity = ${query.opportunity}`);
  if (query.parent !== undefined) conditions.push(sql`p.parent_id = ${query.parent}`);
  if (query.bbox) {
    const [minx, miny, maxx, maxy] = query.bbox;
    conditions.push(sql`p.geom && ST_MakeEnvelope(${minx}::float8, ${miny}::float8, ${maxx}::float8, ${maxy}::float8, 4326)`);
  }
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(sql`(p.name ILIKE ${pattern} OR p.name_en ILIKE ${pattern} OR p.code ILIKE ${pattern} OR p.responsible_unit ILIKE ${pattern})`);
  }
  return conditions.reduce((joined, condition) => sql`${joined} AND ${condition}`);
}

/** A page and the count of all matches, as two statements (an offset past the end keeps the count). */
export async function listProjects(
  sql: Sql,
  query: ProjectFilters & { limit: number; offset: number; sort: ProjectSort },
  publicOnly: boolean,
  today: string,
): Promise<{ total: number; rows: ProjectRow[] }> {
  const [[counted], rows] = await Promise.all([
    sql<{ total: number }[]>`SELECT count(*)::int AS total FROM projects p WHERE ${projectWhere(sql, query, publicOnly, today)}`,
    sql<ProjectRow[]>`
      SELECT ${sql.unsafe(PROJECT_COLUMNS)} FROM projects p WHERE ${projectWhere(sql, query, publicOnly, today)}
      ORDER BY ${sql.unsafe(ORDER_BY[query.sort])} LIMIT ${query.limit} OFFSET ${query.offset}`,
  ]);
  return { total: counted.total, rows };
}
