import { Hono } from 'hono';
import { z } from 'zod';
import type { AuditPage } from '../../core/audit/audit-contract.ts';
import { DEMAND_LIMITS, demandPatchSchema, type DemandPatchRequest, type StaffDemand } from '../../core/demands/demand-contract.ts';
import { allowedDemandTransitions, canTransitionDemand, needsAnsweringProject, type DemandStatus } from '../../core/demands/demand-states.ts';
import type { AppEnv, RequestUser } from '../app-env.ts';
import { readActor, type AuditActor } from '../audit/audit-actor.ts';
import { readAuditPage, writeAudit } from '../audit/audit-sql.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest, conflict } from '../errors.ts';
import { requireIfMatch, setEntityTag, staleVersion } from '../http/entity-tag.ts';
import { limitBodyChars, quoteInput, readJsonBody } from '../http/read-body.ts';
import { readQuery } from '../http/read-query.ts';
import { isDemandAnswered } from './demand-projects-sql.ts';
import { outOfScope, readDemandId, requireStorableText, unknownDemand } from './demand-input.ts';
import { readDemand, toStaffDemand, updateDemand, type DemandChanges, type DemandRow } from './demand-sql.ts';
import { readDemandType } from './demand-type-sql.ts';
import { mergeSupports } from './support-sql.ts';

/**
 * Staff work on a demand: move it through its states (core/demands/demand-states.ts), file it
 * under another type, retitle it, answer the resident. Each change is made on the version the
 * editor read (If-Match), within their area (in SQL), in one transaction with its audit row.
 */
export const demandEditRoutes = new Hono<AppEnv>();

/** A duplicate joins a demand that is still open or done; not one that is itself merged, refused or hidden. */
const MERGE_TARGET_STATUSES: readonly DemandStatus[] = ['submitted', 'accepted', 'planned', 'resolved'];

/** The status change a patch asks for, checked against the state machine; undefined for none. */
function plannedStatus(before: DemandRow, patch: DemandPatchRequest): DemandStatus | undefined {
  if (patch.status === undefined || patch.status === before.status) return undefined;
  if (!canTransitionDemand(before.status, patch.status)) {
    const allowed = allowedDemandTransitions(before.status);
    throw conflict('invalid_transition', `a ${before.status} demand cannot become ${patch.status}; it may become ${allowed.join(', ')}`, {
      from: before.status,
      to: patch.status,
      allowed,
    });
  }
  return patch.status;
}

/** The target of a merge, locked: another demand in the user's area that can take supports. */
async function requireMergeTarget(tx: Queryable, user: RequestUser, before: DemandRow, targetId: number) {
  if (targetId === before.id) throw badRequest('merge_into_self', 'a demand cannot be merged into itself');
  const target = await readDemand(tx, targetId, { user, lock: true });
  if (!target) throw badRequest('unknown_merge_target', `there is no demand ${targetId} to merge into`, { mergedInto: targetId });
  if (!target.in_scope) throw outOfScope(user, target);
  if (!MERGE_TARGET_STATUSES.includes(target.status)) {
    throw conflict('merge_target_unavailable', `demand ${targetId} is ${target.status}: a duplicate joins a demand that is ${MERGE_TARGET_STATUSES.join(', ')}`, {
      mergedInto: targetId,
      status: target.status,
      ...(target.merged_into ? { targetMergedInto: target.merged_into } : {}),
    });
  }
  return target;
}

/** The columns a patch changes, after every rule it must pass; an unchanged value is left out. */
async function planChanges(tx: Queryable, user: RequestUser, before: DemandRow, patch: DemandPatchRequest) {
  const changes: DemandChanges = {};
  const status = plannedStatus(before, patch);
  const next = status ?? before.status;
  if (status) changes.status = status;
  // Planned means a project answers it (core/demands/demand-states.ts); resolving by hand stays open.
  if (status && needsAnsweringProject(status) && !(await isDemandAnswered(tx, before.id))) {
    throw conflict('project_required', `demand ${before.id} becomes ${status} when a project links it; link it from the project library`, { from: before.status, to: status });
  }

  if (status === 'rejected' && patch.reason === undefined) throw badRequest('reason_required', 'rejecting a demand needs a reason, shown to the resident');
  if (patch.reason !== undefined && next !== 'rejected') throw badRequest('reason_without_rejection', 'a reason is given when a demand is rejected');
  if (patch.reason !== undefined && patch.reason !== before.reason) changes.reason = patch.reason;

  if (status === 'merged' && patch.mergedInto === undefined) throw badRequest('merged_into_required', 'merging a demand names the demand it joins (mergedInto)');
  if (patch.mergedInto !== undefined && status !== 'merged') throw badRequest('merged_into_without_merge', 'mergedInto is given with status "merged"');
  const target = status === 'merged' ? await requireMergeTarget(tx, user, before, patch.mergedInto!) : undefined;
  if (target) changes.merged_into = target.id;

  // Reopened for triage: the old refusal or merge no longer stands.
  if (status === 'submitted') Object.assign(changes, before.reason === null ? {} : { reason: null }, before.merged_into === null ? {} : { merged_into: null });

  if (patch.optimization !== undefined || patch.type !== undefined) {
    const optimization = patch.optimization ?? before.optimization;
    const typeId = patch.type ?? before.type;
    if (optimization !== before.optimization || typeId !== before.type) {
      const type = await readDemandType(tx, typeId);
      if (!type) throw badRequest('unknown_type', `there is no demand type ${quoteInput(typeId)}`, { type: typeId });
      if (type.optimization !== optimization) {
        throw badRequest('type_not_in_optimization', `${typeId} belongs to optimization ${type.optimization}, not ${optimization}`, { type: typeId, optimization: type.optimization });
      }
      if (!type.active && typeId !== before.type) throw badRequest('type_retired', `${typeId} is no longer offered for demands`, { type: typeId });
      Object.assign(changes, optimization === before.optimization ? {} : { optimization }, typeId === before.type ? {} : { type: typeId });
    }
  }
  if (patch.title !== undefined && patch.title !== before.title) changes.title = patch.title;
  if (patch.reply !== undefined && patch.reply !== before.reply) changes.reply = patch.reply;
  return { changes, target };
}

/** The duplicate's supporters join the target; both demands' trails say so. */
async function mergeInto(tx: Queryable, actor: AuditActor, user: RequestUser, source: DemandRow, target: DemandRow) {
  const added = await mergeSupports(tx, source.id, target.id);
  await tx`UPDATE demands SET support_count = support_count + ${added} WHERE id = ${target.id}`;
  const after = await readDemand(tx, target.id, { user });
  await writeAudit(tx, actor, { action: 'merge_in', entity: 'demand', entityId: target.id, before: toStaffDemand(target), after: after && toStaffDemand(after) });
}

demandEditRoutes.patch('/demands/:id', limitBodyChars(DEMAND_LIMITS.maxBodyChars), async (context) => {
  const id = readDemandId(context);
  const version = requireIfMatch(context);
  const patch = await readJsonBody(context, demandPatchSchema, DEMAND_LIMITS.maxBodyChars);
  if (Object.values(patch).every((value) => value === undefined)) {
    throw badRequest('empty_change', 'a change names at least one of status, reason, mergedInto, optimization, type, title, reply');
  }
  requireStorableText({ reason: patch.reason, title: patch.title, reply: patch.reply });
  const user = context.get('user')!;
  const actor = await readActor(context);
  const updated = await context.get('deps').sql.begin(async (tx) => {
    // A merge locks two demands: always in id order, so two merges at once cannot deadlock.
    if (patch.mergedInto !== undefined) await tx`SELECT id FROM demands WHERE id IN (${id}, ${patch.mergedInto}) ORDER BY id FOR UPDATE`;
    const before = await readDemand(tx, id, { user, lock: true });
    if (!before) throw unknownDemand(id);
    if (!before.in_scope) throw outOfScope(user, before);
    if (before.version !== version) throw staleVersion(toStaffDemand(before), before.version, version);
    const { changes, target } = await planChanges(tx, user, before, patch);
    if (Object.keys(changes).length === 0) return before;
    const after = await updateDemand(tx, user, id, version, changes);
    if (!after) throw staleVersion(toStaffDemand(before), before.version, version);
    await writeAudit(tx, actor, { action: 'update', entity: 'demand', entityId: id, before: toStaffDemand(before), after: toStaffDemand(after) });
    if (target) await mergeInto(tx, actor, user, before, target);
    return after;
  });
  setEntityTag(context, updated.version);
  return context.json(toStaffDemand(updated) satisfies StaffDemand);
});

const historyQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** A demand's trail, newest first, for the staff whose area it is in. */
demandEditRoutes.get('/demands/:id/history', async (context) => {
  const id = readDemandId(context);
  const query = readQuery(context, historyQuerySchema);
  const user = context.get('user')!;
  const { sql } = context.get('deps');
  const row = await readDemand(sql, id, { user });
  if (!row) throw unknownDemand(id);
  if (!row.in_scope) throw outOfScope(user, row);
  const page = await readAuditPage(sql, { entity: 'demand', entityId: String(id), limit: query.limit, offset: query.offset });
  return context.json({ ...page, limit: query.limit, offset: query.offset } satisfies AuditPage);
});
