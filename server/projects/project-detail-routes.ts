import { Hono } from 'hono';
import { canInspectProject } from '../../core/projects/project-access.ts';
import {
  PROJECT_LIMITS,
  milestonesReplaceSchema,
  newInspectionSchema,
  type ProjectInspection,
  type ProjectRecord,
  type ProjectSchedulePage,
  type PublicInspection,
} from '../../core/projects/project-contract.ts';
import type { AppEnv } from '../app-env.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import type { Queryable } from '../db/client.ts';
import { requireStorableText } from '../demands/demand-input.ts';
import { forbidden } from '../errors.ts';
import { requireIfMatch, setEntityTag, staleVersion } from '../http/entity-tag.ts';
import { limitBodyChars, readJsonBody } from '../http/read-body.ts';
import { readQuery } from '../http/read-query.ts';
import { refreshDerived } from './project-derived.ts';
import { readProjectId, today, unknownProject } from './project-input.ts';
import { listProjects } from './project-list-sql.ts';
import { projectScheduleQuerySchema } from './project-query.ts';
import { toScheduleItem } from './project-schedule-item.ts';
import { readProjectRecord, recordOf, requireEditableProject } from './project-records.ts';
import { readProject, readProjectDetails, replaceMilestones, toPublicProject, updateProject } from './project-sql.ts';

/**
 * A project's milestones and site inspections, and the schedule of all projects (建设时序清单).
 * The public read what belongs to published projects, without the inspections' problems.
 */
export const projectDetailRoutes = new Hono<AppEnv>();

/** The project the public may see (published) or any for staff; 404 otherwise. */
async function requireReadableProject(sql: Queryable, id: number, staff: boolean) {
  const row = await readProject(sql, id);
  if (!row || (!staff && !row.published)) throw unknownProject(id);
  return row;
}

/** The timeline: every project matching the filters, earliest start first (undated last), with its dates and lateness. */
projectDetailRoutes.get('/projects/schedule', async (context) => {
  const query = readQuery(context, projectScheduleQuerySchema);
  const user = context.get('user');
  const { sql } = context.get('deps');
  const day = today();
  const { total, rows, details } = await listProjects(sql, { ...query, sort: 'start' }, !user, day, { countAll: true, details: 'public' });
  const items = rows.map((row) => toScheduleItem(toPublicProject(row, details, day)));
  context.header('Cache-Control', user ? 'private, no-cache' : 'no-cache');
  return context.json({ year: query.year ?? null, today: day, total, items } satisfies ProjectSchedulePage);
});

projectDetailRoutes.get('/projects/:id/milestones', async (context) => {
  const id = readProjectId(context);
  const { sql } = context.get('deps');
  const row = await requireReadableProject(sql, id, Boolean(context.get('user')));
  const details = await readProjectDetails(sql, [id], false);
  setEntityTag(context, row.version);
  return context.json({ projectId: id, milestones: details.milestones.get(id) ?? [] });
});

/** The whole list of milestones replaced, on the project's version (a milestone is part of the project). */
projectDetailRoutes.put('/projects/:id/milestones', limitBodyChars(PROJECT_LIMITS.maxBodyChars), async (context) => {
  const id = readProjectId(context);
  const version = requireIfMatch(context);
  const request = await readJsonBody(context, milestonesReplaceSchema, PROJECT_LIMITS.maxBodyChars);
  request.milestones.forEach((milestone, index) => requireStorableText({ [`milestones.${index}.name`]: milestone.name }));
  const user = context.get('user')!;
  const actor = await readActor(context);
  const day = today();
  const updated = await context.get('deps').sql.begin(async (tx) => {
    const before = await requireEditableProject(tx, user, id);
    const beforeRecord = await recordOf(tx, before, day);
    if (before.version !== version || !(await updateProject(tx, id, version, {}))) throw staleVersion(beforeRecord, before.version, version);
    await replaceMilestones(tx, id, request.milestones);
    await refreshDerived(tx, id);
    const after = await readProjectRecord(tx, id, day);
    await writeAudit(tx, actor, { action: 'milestones', entity: 'project', entityId: id, before: { milestones: beforeRecord.milestones }, after: { milestones: after.milestones, late: after.late } });
    return after;
  });
  setEntityTag(context, updated.version);
  return context.json(updated satisfies ProjectRecord);
});

interface InspectionRow {
  id: number;
  project_id: number;
  date: string;
  inspector: string;
  findings: string;
  problems: ProjectInspection['problems'];
  recorded_by: string;
  created_at: Date;
}

function toInspection(row: InspectionRow): ProjectInspection {
  return { id: row.id, projectId: row.project_id, date: row.date, inspector: row.inspector, findings: row.findings, problems: row.problems, recordedBy: row.recorded_by, createdAt: row.created_at.toISOString() };
}

function toPublicInspection(row: InspectionRow): PublicInspection {
  const { problems: _problems, recordedBy: _recordedBy, ...shown } = toInspection(row);
  return shown;
}

const INSPECTION_COLUMNS = 'id, project_id, date::text AS date, inspector, findings, problems, recorded_by, created_at';

projectDetailRoutes.get('/projects/:id/inspections', async (context) => {
  const id = readProjectId(context);
  const user = context.get('user');
  const { sql } = context.get('deps');
  await requireReadableProject(sql, id, Boolean(user));
  const rows = await sql<InspectionRow[]>`SELECT ${sql.unsafe(INSPECTION_COLUMNS)} FROM project_inspections WHERE project_id = ${id} ORDER BY date DESC, id DESC`;
  context.header('Cache-Control', user ? 'private, no-cache' : 'no-cache');
  return context.json({ projectId: id, items: rows.map(user ? toInspection : toPublicInspection) });
});

/** A site visit recorded by the inspector or the commission anywhere, or by a town office on its own town's project. */
projectDetailRoutes.post('/projects/:id/inspections', limitBodyChars(PROJECT_LIMITS.findingsChars * 4), async (context) => {
  const id = readProjectId(context);
  const request = await readJsonBody(context, newInspectionSchema, PROJECT_LIMITS.findingsChars * 4);
  requireStorableText({ inspector: request.inspector, findings: request.findings });
  request.problems.forEach((problem, index) => requireStorableText({ [`problems.${index}.description`]: problem.description, [`problems.${index}.owner`]: problem.owner }));
  const user = context.get('user')!;
  const actor = await readActor(context);
  const created = await context.get('deps').sql.begin(async (tx) => {
    const project = await readProject(tx, id);
    if (!project) throw unknownProject(id);
    if (!canInspectProject(user, { primaryTown: project.primary_town })) {
      throw forbidden('out_of_scope', `project ${id} lies in town ${project.primary_town}: a town office inspects its own town's projects`, { project: id, town: project.primary_town });
    }
    const [row] = await tx<InspectionRow[]>`
      INSERT INTO project_inspections (project_id, date, inspector, findings, problems, recorded_by)
      VALUES (${id}, ${request.date}::date, ${request.inspector ?? user.displayName}, ${request.findings}, ${tx.json(request.problems as never)}, ${user.username})
      RETURNING ${tx.unsafe(INSPECTION_COLUMNS)}`;
    const inspection = toInspection(row);
    await writeAudit(tx, actor, { action: 'inspection', entity: 'project', entityId: id, after: inspection });
    return inspection;
  });
  context.header('Location', `/api/projects/${id}/inspections`);
  return context.json(created satisfies ProjectInspection, 201);
});
