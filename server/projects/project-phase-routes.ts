import { Hono } from 'hono';
import { PROJECT_LIMITS, phaseChangeSchema, type ProjectRecord } from '../../core/projects/project-contract.ts';
import {

  allowedProjectTransitions,
  canTransitionProject,
  isCompletionUndo,
  mayMoveProject,
  type HoldablePhase,
  type ProjectPhase,
} from '../../core/projects/project-phases.ts';
import { SCHEDULED_PHASES, type ScheduledPhase } from '../../core/projects/project-schedule.ts';
import type { AppEnv } from '../app-env.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import type { Queryable } from '../db/client.ts';
import { requireStorableText } from '../demands/demand-input.ts';
import { badRequest, conflict, forbidden } from '../errors.ts';
import { requireIfMatch, setEntityTag, staleVersion } from '../http/entity-tag.ts';
import { limitBodyChars, readJsonBody } from '../http/read-body.ts';
import { completeProject, undoCompletion } from './project-completion.ts';
import { releaseDemands } from './project-demands.ts';
import { refreshDerived } from './project-derived.ts';
import { projectOutOfScope, readProjectId, today, unknownProject } from './project-input.ts';
import { isProjectInScope, readProjectRecord, recordOf } from './project-records.ts';
import { readProject, updateProject, writeActualDate, type ProjectRow } from './project-sql.ts';

/**
 * `POST /api/projects/{id}/phase`: a project moved on through its phases
 * (core/projects/project-phases.ts) on the version the user read, with the day it happened.
 * The actual dates follow the move; a completion adds the facility and resolves the demands,
 * its undo takes them back, a cancellation lets the demands go — all in one transaction with
 * the trail.
 */
export const projectPhaseRoutes = new Hono<AppEnv>();

const isScheduled = (phase: ProjectPhase): phase is ScheduledPhase => (SCHEDULED_PHASES as readonly string[]).includes(phase);

/** The actual dates a move writes: the phase left ends, the phase entered starts; an undo reopens construction. */
async function recordActualDates(tx: Queryable, project: ProjectRow, to: ProjectPhase, date: string): Promise<void> {
  const from = project.phase;
  if (isCompletionUndo(from, to)) {
    await writeActualDate(tx, project.id, 'construction', 'end', null);
    return;
  }
  if (from === 'on_hold' || to === 'on_hold' || to === 'cancelled') return;
  if (isScheduled(from)) await writeActualDate(tx, project.id, from, 'end', date, { keep: true });
  if (isScheduled(to)) await writeActualDate(tx, project.id, to, 'start', date, { keep: true });
}

projectPhaseRoutes.post('/projects/:id/phase', limitBodyChars(PROJECT_LIMITS.noteChars * 2), async (context) => {
  const id = readProjectId(context);
  const version = requireIfMatch(context);
  const request = await readJsonBody(context, phaseChangeSchema);
  requireStorableText({ reason: request.reason });
  const day = today();
  const date = request.date ?? day;
  if (date > day) throw badRequest('date_in_future', `${date} has not come yet: a phase move records the day it happened (today is ${day})`, { date, today: day });
  const user = context.get('user')!;
  const actor = await readActor(context);
  const updated = await context.get('deps').sql.begin(async (tx) => {
    const before = await readProject(tx, id, { lock: true });
    if (!before) throw unknownProject(id);
    if (!isProjectInScope(user, before)) throw projectOutOfScope(user, before);
    const beforeRecord = await recordOf(tx, before, day);
    if (before.version !== version) throw staleVersion(beforeRecord, before.version, version);
    const to = request.phase;
    if (!canTransitionProject(before.phase, to, before.held_from)) {
      const allowed = allowedProjectTransitions(before.phase, before.held_from);
      throw conflict('invalid_transition', `a ${before.phase} project cannot become ${to}; it may become ${allowed.join(', ') || 'nothing (it is closed)'}`, {
        from: before.phase, to, allowed,
      });
    }
    if (!mayMoveProject(user.role, before.phase, to)) {
      throw forbidden('phase_not_allowed', `moving a project to ${to} is the development commission's; you may withdraw your own proposal (cancelled)`, { from: before.phase, to });
    }
    if (before.phase_since && date < before.phase_since && !isCompletionUndo(before.phase, to)) {
      throw badRequest('date_before_phase', `the project has been ${before.phase} since ${before.phase_since}: it cannot have moved on earlier`, { date, phaseSince: before.phase_since });
    }
    const heldFrom = to === 'on_hold' ? (before.phase as HoldablePhase) : null;
    const moved = await updateProject(tx, id, version, { phase: to, held_from: heldFrom, phase_since: isCompletionUndo(before.phase, to) ? before.phase_since : date });
    if (!moved) throw staleVersion(beforeRecord, before.version, version);
    await recordActualDates(tx, before, to, date);
    let outcome: Record<string, unknown> = {};
    if (to === 'completed') {
      const { featureId, resolved } = await completeProject(tx, actor, user, before);
      if (featureId !== null) await tx`UPDATE projects SET facility_feature_id = ${featureId} WHERE id = ${id}`;
      outcome = { facilityFeatureId: featureId, resolvedDemands: resolved };
    } else if (isCompletionUndo(before.phase, to)) {
      const { removed, reopened } = await undoCompletion(tx, actor, user, before);
      await tx`UPDATE projects SET facility_feature_id = NULL WHERE id = ${id}`;
      outcome = { removedFeatureId: removed, reopenedDemands: reopened };
    } else if (to === 'cancelled') {
      await releaseDemands(tx, actor, user, id);
    }
    await refreshDerived(tx, id);
    const after = await readProjectRecord(tx, id, day);
    await writeAudit(tx, actor, {
      action: 'phase',
      entity: 'project',
      entityId: id,
      before: beforeRecord,
      after: { ...after, move: { from: before.phase, to, date, ...(request.reason ? { reason: request.reason } : {}), ...outcome } },
    });
    return after;
  });
  setEntityTag(context, updated.version);
  return context.json(updated satisfies ProjectRecord);
});

