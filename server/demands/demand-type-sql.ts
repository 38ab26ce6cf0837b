import type { DemandTypeCreateRequest, DemandTypePatchRequest, DemandTypeRecord } from '../../core/demands/demand-type-contract.ts';
import type { DemandOptimization } from '../../core/demands/demand-types.ts';
import type { Queryable } from '../db/client.ts';

/** The sub-type table (`demand_types`), which the commission keeps. */

interface DemandTypeRow {
  id: string;
  optimization: DemandOptimization;
  title_zh: string;
  title_en: string;
  sort: number;
  active: boolean;
  version: number;
}

const COLUMNS = 'id, optimization, title_zh, title_en, sort, active, version';

function toRecord(row: DemandTypeRow): DemandTypeRecord {
  return { id: row.id, optimization: row.optimization, title: { zh: row.title_zh, en: row.title_en }, sort: row.sort, active: row.active, version: row.version };
}

export async function listDemandTypes(sql: Queryable): Promise<DemandTypeRecord[]> {
  const rows = await sql<DemandTypeRow[]>`SELECT ${sql.unsafe(COLUMNS)} FROM demand_types ORDER BY sort, id`;
  return rows.map(toRecord);
}

export async function readDemandType(sql: Queryable, id: string, options: { lock?: boolean } = {}): Promise<DemandTypeRecord | undefined> {
  const [row] = await sql<DemandTypeRow[]>`SELECT ${sql.unsafe(COLUMNS)} FROM demand_types WHERE id = ${id} ${options.lock ? sql`FOR UPDATE` : sql``}`;
  return row && toRecord(row);
}

/** A new type, after the last one when no place in the order is given; undefined when the id is taken. */
export async function insertDemandType(sql: Queryable, request: DemandTypeCreateRequest): Promise<DemandTypeRecord | undefined> {
  const [row] = await sql<DemandTypeRow[]>`
    INSERT INTO demand_types (id, optimization, title_zh, title_en, sort)
    VALUES (${request.id}, ${request.optimization}, ${request.title.zh}, ${request.title.en},
            ${request.sort === undefined ? sql`(SELECT coalesce(max(sort), 0) + 10 FROM demand_types)` : sql`${request.sort}::int4`})
    ON CONFLICT (id) DO NOTHING
    RETURNING ${sql.unsafe(COLUMNS)}`;
  return row && toRecord(row);
}

/** Changed only on the version the editor read; undefined when it has moved on. */
export async function updateDemandType(sql: Queryable, id: string, version: number, patch: DemandTypePatchRequest): Promise<DemandTypeRecord | undefined> {
  const [row] = await sql<DemandTypeRow[]>`
    UPDATE demand_types SET
      optimization = coalesce(${patch.optimization ?? null}::int4, optimization),
      title_zh = coalesce(${patch.title?.zh ?? null}::text, title_zh),
      title_en = coalesce(${patch.title?.en ?? null}::text, title_en),
      sort = coalesce(${patch.sort ?? null}::int4, sort),
      active = coalesce(${patch.active ?? null}::boolean, active),
      version = version + 1
    WHERE id = ${id} AND version = ${version}
    RETURNING ${sql.unsafe(COLUMNS)}`;
  return row && toRecord(row);
}

/** How many demands are filed under a type (its optimization cannot move while any are). */
export async function countDemandsOfType(sql: Queryable, id: string): Promise<number> {
  const [row] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM demands WHERE type = ${id}`;
  return row.count;
}
