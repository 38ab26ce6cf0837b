import type { Role, SessionUser } from '../accounts/roles.ts';

/**
 * Who works on demands, shared by the server's access table and the client (to show an edit
 * button only where it would be accepted). The server enforces scope in SQL as well.
 */

/** Triage and edit demands: a town office and a planner within their area, the commission and the administrator everywhere. */
export const DEMAND_EDITORS: readonly Role[] = ['admin', 'commission', 'planner', 'town'];

/** Edit the sub-type table. */
export const DEMAND_TYPE_EDITORS: readonly Role[] = ['commission', 'admin'];

/** Whether a demand at this place is within the user's area (the inspector reads all but edits none). */
export function canEditDemand(user: SessionUser | null | undefined, demand: { town: string | null; community: string | null }): boolean {
  if (!user || !DEMAND_EDITORS.includes(user.role)) return false;
  if (user.role === 'town') return demand.town !== null && demand.town === user.town;
  if (user.role === 'planner') return demand.community !== null && user.communities.includes(demand.community);
  return true;
}
