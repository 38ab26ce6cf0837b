import type postgres from 'postgres';
import type { RequestUser } from '../app-env.ts';
import { scopeCondition } from '../access/scope.ts';
import type { Sql } from '../db/client.ts';
import { DEMAND_LIST_COUNT_CAP } from '../../core/demands/demand-contract.ts';
import type { DemandListQuery, DemandSort } from './demand-query.ts';
import { DEMAND_COLUMNS, PUBLISHED_SQL, type DemandRow } from './demand-sql.ts';

/**
 * The demand list: filtered, scoped and paged in SQL. The public see published demands only;
 * staff see their area's (server/access/scope.ts). Each order has an index to walk
 * (migration 0004), so the newest page of 100,000 demands reads one page of rows.
 */

export const ORDER_BY: Record<DemandSort, string> = {
  newest: 'd.created_at DESC, d.id DESC',
  oldest: 'd.created_at, d.id',
  support: 'd.support_count DESC, d.created_at DESC, d.id DESC',
  updated: 'd.updated_at DESC, d.id DESC',
};

/** `q` is matched as typed: %, _ and \ are escaped, so they match themselves, not anything. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** A fresh WHERE per statement: postgres.js fragments are not shared between statements. */
export function whereOf(sql: Sql, query: DemandListQuery, user: RequestUser | null): postgres.Fragment {
  const conditions = [user ? scopeCondition(sql, user, { town: 'd.town_code', community: 'd.community_code' }) : sql`d.status IN ${sql(PUBLISHED_SQL)}`];
  if (query.status) conditions.push(sql`d.status IN ${sql(query.status)}`);
  if (query.optimization) conditions.push(sql`d.optimization IN ${sql(query.optimization)}`);
  if (query.type) conditions.push(sql`d.type IN ${sql(query.type)}`);
  if (query.source) conditions.push(sql`d.source IN ${sql(query.source)}`);
  if (query.town) conditions.push(sql`d.town_code = ${query.town}`);
  if (query.community) conditions.push(sql`d.community_code = ${query.community}`);
  if (query.bbox) {
    const [minx, miny, maxx, maxy] = query.bbox;
    conditions.push(sql`d.geom && ST_MakeEnvelope(${minx}::float8, ${miny}::float8, ${maxx}::float8, ${maxy}::float8, 4326)`);
  }
  if (query.q) {
    // The grams let the GIN index find candidates (migration 0007); ILIKE decides.
    const pattern = containsPattern(query.q);
    conditions.push(sql`d.search_grams @> demand_query_grams(${query.q}) AND (d.title ILIKE ${pattern} OR d.text ILIKE ${pattern})`);
  }
  return conditions.reduce((joined, condition) => sql`${joined} AND ${condition}`);
}

/**
 * How far the count goes: exact up to DEMAND_LIST_COUNT_CAP matches, or to the end of the page
 * asked for when that is further (the page reads that far anyway), so a list never shows more
 * rows than its total. Counting every match cost 30–60 ms at 100,000 demands.
 */
export function countLimit(query: Pick<DemandListQuery, 'offset' | 'limit'>): number {
  return Math.max(DEMAND_LIST_COUNT_CAP, query.offset + query.limit);
}

/**
 * A page and the count of the matches (up to countLimit, one row further tells whether there
 * are more), as two statements: a window count would read every matching row before the LIMIT,
 * and an offset past the end would lose the count.
 */
export async function listDemands(sql: Sql, query: DemandListQuery, user: RequestUser | null): Promise<{ total: number; totalExact: boolean; rows: DemandRow[] }> {
  const limit = countLimit(query);
  const [[counted], rows] = await Promise.all([
    sql<{ total: number }[]>`SELECT count(*)::int AS total FROM (SELECT FROM demands d WHERE ${whereOf(sql, query, user)} LIMIT ${limit + 1}) AS matches`,
    sql<DemandRow[]>`
      SELECT ${sql.unsafe(DEMAND_COLUMNS)} FROM demands d WHERE ${whereOf(sql, query, user)}
      ORDER BY ${sql.unsafe(ORDER_BY[query.sort])} LIMIT ${query.limit} OFFSET ${query.offset}`,
  ]);
  return counted.total > limit ? { total: limit, totalExact: false, rows } : { total: counted.total, totalExact: true, rows };
}
