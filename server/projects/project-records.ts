import { isEditableLayer } from '../../core/layers/feature-input.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { canEditProject, isProjectManager } from '../../core/projects/project-access.ts';
import { MANAGER_ONLY_FIELDS, type ProjectGeometry, type ProjectRecord } from '../../core/projects/project-contract.ts';
import { facilityPlacement } from '../../core/projects/project-facility.ts';
import type { RequestUser } from '../app-env.ts';
import { isWithinScope } from '../access/scope.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest, forbidden } from '../errors.ts';
import { projectOutOfScope, unknownProject } from './project-input.ts';
import { readProject, readProjectDetails, toProjectRecord, type ProjectPlace, type ProjectRow } from './project-sql.ts';

/** The checks and reads the project routes share. */

/** The project as staff see it, with its dates, milestones and links. */
export async function readProjectRecord(sql: Queryable, id: number, today: string): Promise<ProjectRecord> {
  const row = await readProject(sql, id);
  if (!row) throw unknownProject(id);
  return recordOf(sql, row, today);
}

export async function recordOf(sql: Queryable, row: ProjectRow, today: string): Promise<ProjectRecord> {
  return toProjectRecord(row, await readProjectDetails(sql, [row.id], true), today);
}

/** A project's area is its primary town and community (server/access/scope.ts's rule). */
export function isProjectInScope(user: RequestUser, row: Pick<ProjectRow, 'primary_town' | 'primary_community'>): boolean {
  return isWithinScope(user, { town: row.primary_town, community: row.primary_community });
}

/** The locked project the user may change: 404 gone, 403 outside their area or past their part. */
export async function requireEditableProject(tx: Queryable, user: RequestUser, id: number): Promise<ProjectRow> {
  const row = await readProject(tx, id, { lock: true });
  if (!row) throw unknownProject(id);
  if (!isProjectInScope(user, row)) throw projectOutOfScope(user, row);
  if (!canEditProject(user, { phase: row.phase, primaryTown: row.primary_town, primaryCommunity: row.primary_community })) {
    throw forbidden('project_not_editable', `project ${row.id} is ${row.phase}: once approved it is managed by the commission`, { project: row.id, phase: row.phase });
  }
  return row;
}

/** A proposal does not publish itself: published and opportunity are the commission's. */
export function requireManagerFields(user: RequestUser, request: Partial<Record<(typeof MANAGER_ONLY_FIELDS)[number], boolean>>, current: { published: boolean; opportunity: boolean }): void {
  if (isProjectManager(user)) return;
  const named = MANAGER_ONLY_FIELDS.filter((field) => request[field] !== undefined && request[field] !== current[field]);
  if (named.length) throw forbidden('manager_only_field', `${named.join(' and ')} ${named.length > 1 ? 'are' : 'is'} set by the development commission`, { fields: named });
}

/** A town office or planner places a project only in its own area. */
export function requirePlaceInScope(user: RequestUser, place: ProjectPlace): void {
  if (!isWithinScope(user, { town: place.primaryTown, community: place.primaryCommunity })) {
    throw forbidden('out_of_scope', `this place (community ${place.primaryCommunity}, town ${place.primaryTown}) lies outside your area`, {
      town: place.primaryTown, community: place.primaryCommunity,
    });
  }
}

/** The facility's layer can take a feature where the project is (its properties were checked by the schema). */
export function requireFacilityPlacement(facility: { layer: string } | null | undefined, geometry: ProjectGeometry): void {
  if (!facility) return;
  const layer = findLayer(facility.layer);
  if (!layer || !isEditableLayer(layer)) throw badRequest('invalid_request', `${facility.layer} is not a facility layer`, [{ path: 'facility.layer', message: 'not a facility layer' }]);
  if (!facilityPlacement(layer.geometry, geometry.type)) {
    throw badRequest('facility_geometry_mismatch', `${layer.id} holds ${layer.geometry} features: a ${geometry.type} project cannot add one`, { layer: layer.id, geometry: geometry.type });
  }
}

/**
 * The package a project joins: it exists, is not itself part of a package (one level deep, so
 * progress rolls up once), is not the project itself, and lies in the user's area.
 */
export async function requireParent(tx: Queryable, user: RequestUser, parentId: number, selfId?: number): Promise<void> {
  if (parentId === selfId) throw badRequest('invalid_parent', 'a project cannot be part of itself', { parentId });
  const parent = await readProject(tx, parentId);
  if (!parent) throw badRequest('unknown_parent', `there is no project ${parentId} to be part of`, { parentId });
  if (parent.parent_id !== null) throw badRequest('nested_package', `project ${parentId} is itself part of project ${parent.parent_id}: packages are one level deep`, { parentId });
  if (selfId !== undefined) {
    const [child] = await tx<{ id: number }[]>`SELECT id FROM projects WHERE parent_id = ${selfId} LIMIT 1`;
    if (child) throw badRequest('nested_package', `project ${selfId} has parts of its own: packages are one level deep`, { parentId });
  }
  if (!isProjectInScope(user, parent)) throw projectOutOfScope(user, parent);
}
