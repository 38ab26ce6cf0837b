import type { DemandSource, PublicDemand, StaffDemand } from '../../core/demands/demand-contract.ts';
import type { DemandStatus } from '../../core/demands/demand-states.ts';
import type { DemandOptimization } from '../../core/demands/demand-types.ts';
import type { RequestUser } from '../app-env.ts';
import { scopeCondition } from '../access/scope.ts';
import type { Queryable, Sql } from '../db/client.ts';

/**
 * The SQL of one demand: read, create, change. Every value from a request is a bound parameter;
 * a change names its columns from this module's own list. Who may touch which demand is decided
 * here in SQL (the scope condition), not by filtering afterwards.
 */

export interface DemandRow {
  id: number;
  receipt: string;
  optimization: DemandOptimization;
  type: string;
  title: string;
  text: string;
  source: DemandSource;
  contact: string | null;
  status: DemandStatus;
  reason: string | null;
  reply: string | null;
  merged_into: number | null;
  support_count: number;
  community_code: string;
  town_code: string;
  demo: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
  lon: number;
  lat: number;
}

/** Published statuses as SQL sees them (core/demands/demand-states.ts; the view repeats them). */
export const PUBLISHED_SQL = ['accepted', 'planned', 'resolved'];

/** Columns of a demand row; 7 decimals of a degree is about a centimetre. */
export const DEMAND_COLUMNS = `d.id, d.receipt, d.optimization, d.type, d.title, d.text, d.source, d.contact, d.status, d.reason,
  d.reply, d.merged_into, d.support_count, d.community_code, d.town_code, d.demo, d.created_at, d.updated_at, d.version,
  round(ST_X(d.geom)::numeric, 7)::float8 AS lon, round(ST_Y(d.geom)::numeric, 7)::float8 AS lat`;

export function toPublicDemand(row: DemandRow): PublicDemand {
  return {
    id: row.id,
    optimization: row.optimization,
    type: row.type,
    title: row.title,
    text: row.text,
    status: row.status,
    supportCount: row.support_count,
    community: row.community_code,
    town: row.town_code,
    reply: row.reply,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lon: row.lon,
    lat: row.lat,
  };
}

export function toStaffDemand(row: DemandRow): StaffDemand {
  return {
    ...toPublicDemand(row),
    receipt: row.receipt,
    source: row.source,
    contact: row.contact,
    reason: row.reason,
    mergedInto: row.merged_into,
    demo: row.demo,
    version: row.version,
  };
}

/**
 * One demand with whether the user may work on it (always true for the commission, the
 * administrator and the inspector; the town's or the communities' for the others). `lock` holds
 * the row until the transaction ends, so a version check stays true.
 */
export async function readDemand(sql: Queryable, id: number, options: { user?: RequestUser | null; lock?: boolean } = {}) {
  const inScope = options.user ? scopeCondition(sql as Sql, options.user, { town: 'd.town_code', community: 'd.community_code' }) : sql`false`;
  const [row] = await sql<(DemandRow & { in_scope: boolean })[]>`
    SELECT ${sql.unsafe(DEMAND_COLUMNS)}, (${inScope}) AS in_scope
    FROM demands d WHERE d.id = ${id} ${options.lock ? sql`FOR UPDATE` : sql``}`;
  return row;
}

export async function readDemandByReceipt(sql: Queryable, receipt: string) {
  const [row] = await sql<(DemandRow & { merged_receipt: string | null; merged_status: DemandStatus | null })[]>`
    SELECT ${sql.unsafe(DEMAND_COLUMNS)}, target.receipt AS merged_receipt, target.status AS merged_status
    FROM demands d LEFT JOIN demands target ON target.id = d.merged_into
    WHERE d.receipt = ${receipt}`;
  return row;
}

export interface NewDemandValues {
  receipt: string;
  optimization: DemandOptimization;
  type: string;
  title: string;
  text: string;
  source: DemandSource;
  contact: string | null;
  communityCode: string;
  townCode: string;
  lon: number;
  lat: number;
}

/** A new demand; undefined when its receipt is taken (the caller draws another). */
export async function insertDemand(sql: Queryable, values: NewDemandValues): Promise<DemandRow | undefined> {
  const [row] = await sql<DemandRow[]>`
    WITH inserted AS (
      INSERT INTO demands AS d (receipt, optimization, type, title, text, source, contact, community_code, town_code, geom)
      VALUES (${values.receipt}, ${values.optimization}, ${values.type}, ${values.title}, ${values.text}, ${values.source},
              ${values.contact}, ${values.communityCode}, ${values.townCode}, ST_SetSRID(ST_MakePoint(${values.lon}::float8, ${values.lat}::float8), 4326))
      ON CONFLICT (receipt) DO NOTHING
      RETURNING *
    )
    SELECT ${sql.unsafe(DEMAND_COLUMNS)} FROM inserted d`;
  return row;
}

/** The columns a change may set, by the name the route uses. */
export interface DemandChanges {
  status?: DemandStatus;
  reason?: string | null;
  reply?: string | null;
  merged_into?: number | null;
  optimization?: DemandOptimization;
  type?: string;
  title?: string;
}

/**
 * The change is made only on the version the editor read and only within the user's scope;
 * undefined means neither held (the caller, holding the row's lock, knows which).
 */
export async function updateDemand(sql: Queryable, user: RequestUser, id: number, version: number, changes: DemandChanges): Promise<DemandRow | undefined> {
  const columns = Object.keys(changes) as (keyof DemandChanges)[];
  const sets = columns.map((column) => sql`${sql(column)} = ${changes[column] ?? null}`);
  const assignments = [...sets, sql`version = version + 1`, sql`updated_at = now()`].reduce((joined, next) => sql`${joined}, ${next}`);
  const [row] = await sql<DemandRow[]>`
    WITH updated AS (
      UPDATE demands d SET ${assignments}
      WHERE d.id = ${id} AND d.version = ${version}
        AND ${scopeCondition(sql as Sql, user, { town: 'd.town_code', community: 'd.community_code' })}
      RETURNING *
    )
    SELECT ${sql.unsafe(DEMAND_COLUMNS)} FROM updated d`;
  return row;
}

/**
 * Published demands of one type near a point, nearest first: a new submission offers them as
 * "me too". The degree box lets the partial GiST index find candidates; the geography distance
 * then measures metres on the ellipsoid (0.001° is over 90 m at the district's latitude).
 */
export async function selectNearbyDemands(sql: Queryable, type: string, lon: number, lat: number, metres: number): Promise<DemandRow[]> {
  return sql<DemandRow[]>`
    SELECT ${sql.unsafe(DEMAND_COLUMNS)}
    FROM demands d, (SELECT ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326) AS p) AS here
    WHERE d.status IN ${sql(PUBLISHED_SQL)} AND d.type = ${type}
      AND d.geom && ST_Expand(here.p, ${Math.max(0.001, metres / 50_000)}::float8)
      AND ST_DWithin(d.geom::geography, here.p::geography, ${metres}::float8)
    ORDER BY ST_Distance(d.geom::geography, here.p::geography), d.id
    LIMIT 10`;
}
