import type { DemandBreakdown, DemandCountRow } from '../../core/demands/demand-count-contract.ts';
import type { DemandStatus } from '../../core/demands/demand-states.ts';
import type { RequestUser } from '../app-env.ts';
import { scopeCondition } from '../access/scope.ts';
import type { Sql } from '../db/client.ts';
import type { DemandCountQuery } from './demand-query.ts';
import { PUBLISHED_SQL } from './demand-sql.ts';

/**
 * Demands per community or town, with residents from the population grid, in one statement.
 * Every place is listed (zeros included) so a choropleth shades all of them. Counts by status
 * are staff's, and only for places within their area; everyone gets the published count.
 */

/** Where each grouping reads its places, residents and demand column from: fixed text, never a request's. */
const GROUPINGS = {
  community: {
    places: 'SELECT code, town_code AS town FROM communities',
    residents: 'SELECT community_code AS code, sum(population)::float8 AS residents FROM population GROUP BY community_code',
    column: 'community_code',
  },
  town: {
    places: 'SELECT code, code AS town FROM towns',
    residents: 'SELECT c.town_code AS code, sum(p.population)::float8 AS residents FROM population p JOIN communities c ON c.code = p.community_code GROUP BY c.town_code',
    column: 'town_code',
  },
} as const;

interface CountRow {
  code: string;
  town: string;
  residents: number;
  in_scope: boolean;
  published: number;
  statuses: Partial<Record<DemandStatus, number>>;
  published_by_status: DemandBreakdown['byStatus'];
  by_optimization: DemandBreakdown['byOptimization'];
  published_by_optimization: DemandBreakdown['byOptimization'];
}

export async function countDemands(sql: Sql, query: DemandCountQuery, user: RequestUser | null): Promise<DemandCountRow[]> {
  const grouping = GROUPINGS[query.by];
  const inScope = user ? scopeCondition(sql, user, { town: 'p.town', community: 'p.code' }) : sql`false`;
  const filters = [
    query.optimization === undefined ? sql`true` : sql`d.optimization = ${query.optimization}`,
    query.type === undefined ? sql`true` : sql`d.type = ${query.type}`,
    query.community === undefined ? sql`true` : sql`d.community_code = ${query.community}`,
  ].reduce((joined, condition) => sql`${joined} AND ${condition}`);
  const onePlace = query.community === undefined ? sql`true` : sql`p.code = ${query.community}`;
  // Counted once by place, status and optimization; each figure below sums those few rows.
  const rows = await sql<CountRow[]>`
    WITH places AS (${sql.unsafe(grouping.places)}),
    residents AS (${sql.unsafe(grouping.residents)}),
    counted AS MATERIALIZED (
      SELECT d.${sql(grouping.column)} AS code, d.status, d.optimization, count(*)::int AS n, d.status IN ${sql(PUBLISHED_SQL)} AS published
      FROM demands d WHERE ${filters} GROUP BY 1, 2, 3
    ),
    by_status AS (
      SELECT code, jsonb_object_agg(status, n) AS every, jsonb_object_agg(status, n) FILTER (WHERE published) AS published_only,
             sum(n) FILTER (WHERE published) AS published
      FROM (SELECT code, status, bool_or(published) AS published, sum(n)::int AS n FROM counted GROUP BY 1, 2) AS statuses GROUP BY code
    ),
    by_optimization AS (
      SELECT code, jsonb_object_agg(optimization, n) AS every, jsonb_object_agg(optimization, published_n) FILTER (WHERE published_n > 0) AS published_only
      FROM (SELECT code, optimization, sum(n)::int AS n, (sum(n) FILTER (WHERE published))::int AS published_n FROM counted GROUP BY 1, 2) AS optimizations
      GROUP BY code
    )
    SELECT p.code, p.town, coalesce(r.residents, 0)::float8 AS residents, (${inScope}) AS in_scope,
           coalesce(s.published, 0)::int AS published,
           coalesce(s.every, '{}'::jsonb) AS statuses, coalesce(s.published_only, '{}'::jsonb) AS published_by_status,
           coalesce(o.every, '{}'::jsonb) AS by_optimization, coalesce(o.published_only, '{}'::jsonb) AS published_by_optimization
    FROM places p LEFT JOIN residents r ON r.code = p.code LEFT JOIN by_status s ON s.code = p.code LEFT JOIN by_optimization o ON o.code = p.code
    WHERE ${onePlace}
    ORDER BY p.code`;
  return rows.map((row) => ({
    code: row.code,
    town: row.town,
    residents: Math.round(row.residents),
    published: row.published,
    publishedPerThousand: row.residents > 0 ? Math.round((row.published / row.residents) * 1000 * 100) / 100 : null,
    ...(row.in_scope ? { statuses: row.statuses } : {}),
    ...(query.community === undefined ? {} : { breakdown: breakdownOf(row) }),
  }));
}

/** What the viewer may see of one place: every demand within a staff member's area, else the published. */
function breakdownOf(row: CountRow): DemandBreakdown {
  return row.in_scope
    ? { seen: 'all', byStatus: row.statuses, byOptimization: row.by_optimization }
    : { seen: 'published', byStatus: row.published_by_status, byOptimization: row.published_by_optimization };
}
