import { Hono } from 'hono';
import { z } from 'zod';
import type { AuditPage } from '../../core/audit/audit-contract.ts';
import {
  PROJECT_LIMITS,
  newProjectSchema,
  projectPatchSchema,
  type ProjectList,
  type ProjectPatchRequest,
  type ProjectRecord,
  type PublicProject,
} from '../../core/projects/project-contract.ts';
import type { AppEnv, RequestUser } from '../app-env.ts';
import { readActor, type AuditActor } from '../audit/audit-actor.ts';
import { readAuditPage, writeAudit } from '../audit/audit-sql.ts';
import type { Queryable } from '../db/client.ts';
import { requireStorableText } from '../demands/demand-input.ts';
import { conflict } from '../errors.ts';
import { requireIfMatch, setEntityTag, staleVersion } from '../http/entity-tag.ts';
import { limitBodyChars, readJsonBody } from '../http/read-body.ts';
import { readQuery } from '../http/read-query.ts';
import { refreshDerived } from './project-derived.ts';
import { linkDemands, linkedDemandIds, unlinkDemands } from './project-demands.ts';
import { readProjectId, today, unknownProject } from './project-input.ts';
import { listProjects } from './project-list-sql.ts';
import { locateProject } from './project-location.ts';
import { projectListQuerySchema } from './project-query.ts';
import {
  readProjectRecord,
  recordOf,
  requireEditableProject,
  requireFacilityPlacement,
  requireManagerFields,
  requireParent,
  requirePlaceInScope,
} from './project-records.ts';
import {
  insertProject,
  readProject,
  readProjectDetails,
  replaceMilestones,
  toProjectRecord,
  toPublicProject,
  updateProject,
  writePlannedDates,
  type ProjectColumns,
  type ProjectRow,
} from './project-sql.ts';

/**
 * The project library (项目库): the public read published projects, staff read the whole library;
 * town offices and planners propose in their area, the commission manages everything. Phase
 * moves are in project-phase-routes.ts, milestones and inspections in project-detail-routes.ts;
 * who may call what is in server/access/access-table.ts.
 */
export const projectRoutes = new Hono<AppEnv>();

/** Text the database cannot hold (NUL, lone surrogates) is a 400 naming the field. */
function requireStorableProjectText(request: Partial<ProjectPatchRequest>): void {
  requireStorableText({ name: request.name, nameEn: request.nameEn, description: request.description, responsibleUnit: request.responsibleUnit, budgetNote: request.budgetNote });
  request.milestones?.forEach((milestone, index) => requireStorableText({ [`milestones.${index}.name`]: milestone.name }));
}

/** The plain columns a request sets, by their SQL names. */
function columnsOf(request: Partial<ProjectPatchRequest>): ProjectColumns {
  return {
    name: request.name,
    name_en: request.nameEn,
    description: request.description,
    optimization: request.optimization,
    type: request.type,
    size_class: request.sizeClass,
    responsible_unit: request.responsibleUnit,
    funding: request.funding,
    budget: request.budget,
    budget_note: request.budgetNote,
    deliverables: request.deliverables,
    ...(request.facility === undefined ? {} : { facility_layer: request.facility?.layer ?? null, facility_properties: request.facility?.properties ?? null }),
    parent_id: request.parentId,
    weight: request.weight,
    published: request.published,
    opportunity: request.opportunity,
    recorded_progress: request.progress,
  } as ProjectColumns;
}

projectRoutes.get('/projects', async (context) => {
  const query = readQuery(context, projectListQuerySchema);
  const user = context.get('user');
  const { sql } = context.get('deps');
  const day = today();
  // Staff get the full record, the public the published view of it.
  const { total, totalExact, rows, details } = await listProjects(sql, query, !user, day, { details: user ? 'staff' : 'public' });
  const items = rows.map((row) => (user ? toProjectRecord(row, details, day) : toPublicProject(row, details, day)));
  context.header('Cache-Control', user ? 'private, no-cache' : 'no-cache');
  return context.json({ total, totalExact, items } satisfies ProjectList);
});

projectRoutes.post('/projects', limitBodyChars(PROJECT_LIMITS.maxBodyChars), async (context) => {
  const request = await readJsonBody(context, newProjectSchema, PROJECT_LIMITS.maxBodyChars);
  requireStorableProjectText(request);
  const user = context.get('user')!;
  requireManagerFields(user, request, { published: false, opportunity: false });
  requireFacilityPlacement(request.facility, request.geometry);
  const actor = await readActor(context);
  const day = today();
  const created = await context.get('deps').sql.begin(async (tx) => {
    const place = await locateProject(tx, request.geometry);
    requirePlaceInScope(user, place);
    if (request.parentId) await requireParent(tx, user, request.parentId);
    const columns = columnsOf(request) as Parameters<typeof insertProject>[1];
    const id = await insertProject(tx, columns, place);
    await writePlannedDates(tx, id, request.schedule);
    await replaceMilestones(tx, id, request.milestones);
    await linkDemands(tx, actor, user, id, request.demandIds);
    await refreshDerived(tx, id);
    const record = await readProjectRecord(tx, id, day);
    await writeAudit(tx, actor, { action: 'create', entity: 'project', entityId: id, after: record });
    return record;
  });
  setEntityTag(context, created.version);
  context.header('Location', `/api/projects/${created.id}`);
  return context.json(created satisfies ProjectRecord, 201);
});

projectRoutes.get('/projects/:id', async (context) => {
  const id = readProjectId(context);
  const user = context.get('user');
  const { sql } = context.get('deps');
  const row = await readProject(sql, id);
  if (!row || (!user && !row.published)) throw unknownProject(id);
  const day = today();
  const details = await readProjectDetails(sql, [id], Boolean(user));
  setEntityTag(context, row.version);
  context.header('Cache-Control', user ? 'private, no-cache' : 'no-cache');
  return context.json(user ? toProjectRecord(row, details, day) : (toPublicProject(row, details, day) satisfies PublicProject));
});

/** The demand links a patch asks for, applied as the difference from what is linked now. */
async function relinkDemands(tx: Queryable, actor: AuditActor, user: RequestUser, before: ProjectRow, wanted: readonly number[]) {
  const current = await linkedDemandIds(tx, before.id);
  const removed = current.filter((id) => !wanted.includes(id));
  const added = wanted.filter((id) => !current.includes(id));
  if ((removed.length || added.length) && before.phase === 'completed') {
    throw conflict('project_completed', `project ${before.id} is completed: undo the completion before changing the demands it answered`, { project: before.id });
  }
  await unlinkDemands(tx, actor, user, before.id, removed);
  if (before.phase !== 'cancelled') await linkDemands(tx, actor, user, before.id, added);
  else if (added.length) throw conflict('project_cancelled', `project ${before.id} is cancelled and answers no demands`, { project: before.id });
}

projectRoutes.patch('/projects/:id', limitBodyChars(PROJECT_LIMITS.maxBodyChars), async (context) => {
  const id = readProjectId(context);
  const version = requireIfMatch(context);
  const patch = await readJsonBody(context, projectPatchSchema, PROJECT_LIMITS.maxBodyChars);
  requireStorableProjectText(patch);
  const user = context.get('user')!;
  const actor = await readActor(context);
  const day = today();
  const updated = await context.get('deps').sql.begin(async (tx) => {
    const before = await requireEditableProject(tx, user, id);
    const beforeRecord = await recordOf(tx, before, day);
    if (before.version !== version) throw staleVersion(beforeRecord, before.version, version);
    requireManagerFields(user, patch, before);
    if (before.phase === 'completed' && (patch.geometry !== undefined || patch.facility !== undefined)) {
      throw conflict('project_completed', `project ${id} is completed: its place and facility are in the facility layer; undo the completion to change them`, { project: id });
    }
    const place = patch.geometry ? await locateProject(tx, patch.geometry) : undefined;
    if (place) requirePlaceInScope(user, place);
    const facility = patch.facility === undefined ? (before.facility_layer ? { layer: before.facility_layer } : null) : patch.facility;
    requireFacilityPlacement(facility, patch.geometry ?? before.geometry);
    if (patch.parentId) await requireParent(tx, user, patch.parentId, id);
    if (!(await updateProject(tx, id, version, columnsOf(patch), place))) throw staleVersion(beforeRecord, before.version, version);
    if (patch.schedule) await writePlannedDates(tx, id, patch.schedule);
    if (patch.milestones) await replaceMilestones(tx, id, patch.milestones);
    if (patch.demandIds) await relinkDemands(tx, actor, user, before, patch.demandIds);
    await refreshDerived(tx, id);
    // A project leaving a package: the package's progress no longer counts it.
    if (before.parent_id !== null && patch.parentId !== undefined && patch.parentId !== before.parent_id) await refreshDerived(tx, before.parent_id);
    const after = await readProjectRecord(tx, id, day);
    await writeAudit(tx, actor, { action: 'update', entity: 'project', entityId: id, before: beforeRecord, after });
    return after;
  });
  setEntityTag(context, updated.version);
  return context.json(updated satisfies ProjectRecord);
});

/**
 * Only a proposal is deleted (a mistake, a duplicate); anything further along is cancelled
 * instead, so its trail and dates stay. Its demands are let go; its trail is kept.
 */
projectRoutes.delete('/projects/:id', async (context) => {
  const id = readProjectId(context);
  const version = requireIfMatch(context);
  const user = context.get('user')!;
  const actor = await readActor(context);
  const day = today();
  await context.get('deps').sql.begin(async (tx) => {
    const before = await requireEditableProject(tx, user, id);
    const beforeRecord = await recordOf(tx, before, day);
    if (before.version !== version) throw staleVersion(beforeRecord, before.version, version);
    if (before.phase !== 'proposed') {
      throw conflict('not_deletable', `project ${id} is ${before.phase}: only a proposal is deleted; cancel it instead (POST /api/projects/${id}/phase)`, { project: id, phase: before.phase });
    }
    if (beforeRecord.childIds.length) throw conflict('has_parts', `project ${id} is a package with parts (${beforeRecord.childIds.join(', ')}): move or delete them first`, { childIds: beforeRecord.childIds });
    await unlinkDemands(tx, actor, user, id, beforeRecord.demandIds);
    await tx`DELETE FROM projects WHERE id = ${id} AND version = ${version}`;
    if (before.parent_id !== null) await refreshDerived(tx, before.parent_id);
    await writeAudit(tx, actor, { action: 'delete', entity: 'project', entityId: id, before: beforeRecord });
  });
  return context.body(null, 204);
});

const historyQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** A project's trail, newest first: its edits, phase moves, milestones and inspections; kept after a delete. */
projectRoutes.get('/projects/:id/history', async (context) => {
  const id = readProjectId(context);
  const query = readQuery(context, historyQuerySchema);
  const { sql } = context.get('deps');
  const page = await readAuditPage(sql, { entity: 'project', entityId: String(id), limit: query.limit, offset: query.offset });
  if (page.total === 0 && !(await readProject(sql, id))) throw unknownProject(id);
  return context.json({ ...page, limit: query.limit, offset: query.offset } satisfies AuditPage);
});

