import type { DemandCountRow } from '../../core/demands/demand-count-contract.ts';
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
}

export async function countDemands(sql: Sql, query: DemandCountQuery, user: RequestUser | null): Promise<DemandCountRow[]> {
  const grouping = GROUPINGS[query.by];
  const inScope = user ? scopeCondition(sql, user, { town: 'p.town', community: 'p.code' }) : sql`false`;
  const filters = [
    query.optimization === undefined ? sql`true` : sql`d.optimization = ${query.optimization}`,
    query.type === undefined ? sql`true` : sql`d.type = ${query.type}`,
  ].reduce((joined, condition) => sql`${joined} AND ${condition}`);
  const rows = await sql<CountRow[]>`
    WITH places AS (${sql.unsafe(grouping.places)}),
    residents AS (${sql.unsafe(grouping.residents)}),
    counted AS (
      SELECT d.${sql(grouping.column)} AS code, d.status, count(*)::int AS n FROM demands d WHERE ${filters} GROUP BY 1, 2
    )
    SELECT p.code, p.town, coalesce(r.residents, 0)::float8 AS residents, (${inScope}) AS in_scope,
           coalesce(sum(c.n) FILTER (WHERE c.status IN ${sql(PUBLISHED_SQL)}), 0)::int AS published,
           coalesce(jsonb_object_agg(c.status, c.n) FILTER (WHERE c.status IS NOT NULL), '{}'::jsonb) AS statuses
    FROM places p LEFT JOIN residents r ON r.code = p.code LEFT JOIN counted c ON c.code = p.code
    GROUP BY p.code, p.town, r.residents
    ORDER BY p.code`;
  return rows.map((row) => ({
    code: row.code,
    town: row.town,
    residents: Math.round(row.residents),
    published: row.published,
    publishedPerThousand: row.residents > 0 ? Math.round((row.published / row.residents) * 1000 * 100) / 100 : null,
    ...(row.in_scope ? { statuses: row.statuses } : {}),
  }));
}
