import type { AuditEntry } from '../../core/audit/audit-contract.ts';
import type { Queryable, Sql } from '../db/client.ts';
import type { AuditActor } from './audit-actor.ts';

export interface AuditChange {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/**
 * One row of the trail. Call it with the transaction that makes the change, so the change and
 * its record commit together or not at all; the table refuses UPDATE and DELETE.
 */
export async function writeAudit(tx: Queryable, actor: AuditActor, change: AuditChange): Promise<void> {
  await tx`
    INSERT INTO audit_log (actor_user_id, actor, actor_role, action, entity, entity_id, before, after, request_id)
    VALUES (${actor.userId}, ${actor.name}, ${actor.role}, ${change.action}, ${change.entity}, ${String(change.entityId)},
            ${change.before === undefined ? null : tx.json(change.before as never)}, ${change.after === undefined ? null : tx.json(change.after as never)},
            ${actor.requestId})`;
}

/**
 * Many rows of the trail in one statement, for a write that makes many records at once (an
 * import): each record keeps its own row, and the request id ties them together.
 */
export async function writeAuditRows(tx: Queryable, actor: AuditActor, changes: readonly AuditChange[]): Promise<void> {
  if (!changes.length) return;
  const rows = changes.map((change, position) => ({
    position, action: change.action, entity: change.entity, entity_id: String(change.entityId), before: change.before ?? null, after: change.after ?? null,
  }));
  // In the given order, so the trail's ids follow the records' order.
  await tx`
    INSERT INTO audit_log (actor_user_id, actor, actor_role, action, entity, entity_id, before, after, request_id)
    SELECT ${actor.userId}, ${actor.name}, ${actor.role}, r.action, r.entity, r.entity_id, r.before, r.after, ${actor.requestId}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) AS r(position integer, action text, entity text, entity_id text, before jsonb, after jsonb)
    ORDER BY r.position`;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  since?: Date;
  until?: Date;
  limit: number;
  offset: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  actor_role: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string;
  total: number;
}

/** Newest first; the count comes with the page so the list can say "1–50 of 1,234". */
export async function readAuditPage(sql: Sql, filter: AuditFilter): Promise<{ total: number; items: AuditEntry[] }> {
  const conditions = [
    filter.entity === undefined ? sql`true` : sql`entity = ${filter.entity}`,
    filter.entityId === undefined ? sql`true` : sql`entity_id = ${filter.entityId}`,
    filter.actor === undefined ? sql`true` : sql`actor = ${filter.actor}`,
    filter.since === undefined ? sql`true` : sql`at >= ${filter.since}`,
    filter.until === undefined ? sql`true` : sql`at < ${filter.until}`,
  ];
  const where = conditions.reduce((joined, condition) => sql`${joined} AND ${condition}`);
  // Ordered by the table's id: the output column `id` is text, and would put 10 before 9.
  const rows = await sql<AuditRow[]>`
    SELECT id::text, at, actor, actor_role, action, entity, entity_id, before, after, request_id, count(*) OVER ()::int AS total
    FROM audit_log WHERE ${where}
    ORDER BY audit_log.id DESC LIMIT ${filter.limit} OFFSET ${filter.offset}`;
  const total = rows[0]?.total ?? (filter.offset > 0 ? (await sql<{ total: number }[]>`SELECT count(*)::int AS total FROM audit_log WHERE ${where}`)[0].total : 0);
  return { total, items: rows.map(toAuditEntry) };
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    actorRole: row.actor_role,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
  };
}
