import type { Role, SessionUser } from '../accounts/roles.ts';
import type { ProjectPhase } from './project-phases.ts';

/**
 * Who works on projects, shared by the server's access table and the client (to offer only what
 * would be accepted). A project's area is its primary town and community; the server checks it
 * in SQL as well.
 */

/** Propose projects (town offices and planners in their area) and manage them (the commission, the administrator). */
export const PROJECT_EDITORS: readonly Role[] = ['admin', 'commission', 'planner', 'town'];
/** Approve, schedule, publish and complete: the whole library. */
export const PROJECT_MANAGERS: readonly Role[] = ['commission', 'admin'];
/** Record site inspections: the inspector and the commission anywhere, a town office on its own town's projects. */
export const INSPECTION_RECORDERS: readonly Role[] = ['inspector', 'commission', 'admin', 'town'];

export function isProjectManager(user: Pick<SessionUser, 'role'> | null | undefined): boolean {
  return Boolean(user && PROJECT_MANAGERS.includes(user.role));
}

/** Whether the project lies in the user's area (its primary town or community). */
export function isProjectInArea(user: SessionUser, project: { primaryTown: string | null; primaryCommunity: string | null }): boolean {
  if (user.role === 'town') return project.primaryTown !== null && project.primaryTown === user.town;
  if (user.role === 'planner') return project.primaryCommunity !== null && user.communities.includes(project.primaryCommunity);
  return true;
}

/**
 * Whether the user may change the project's fields: managers always; a town office or planner
 * only its own proposal while it is still `proposed` (once approved it is the commission's).
 */
export function canEditProject(user: SessionUser | null | undefined, project: { phase: ProjectPhase; primaryTown: string | null; primaryCommunity: string | null }): boolean {
  if (!user || !PROJECT_EDITORS.includes(user.role)) return false;
  if (isProjectManager(user)) return true;
  return project.phase === 'proposed' && isProjectInArea(user, project);
}

/** Whether the user may record an inspection of the project. */
export function canInspectProject(user: SessionUser | null | undefined, project: { primaryTown: string | null }): boolean {
  if (!user || !INSPECTION_RECORDERS.includes(user.role)) return false;
  return user.role !== 'town' || (project.primaryTown !== null && project.primaryTown === user.town);
}
