import type { SessionUser } from '../../../core/accounts/roles.ts';
import { canEditDemand, DEMAND_EDITORS } from '../../../core/demands/demand-access.ts';
import type { DemandProjectLink, StaffDemand } from '../../../core/demands/demand-contract.ts';
import { isAnsweredByProject, manualDemandTransitions, type DemandStatus } from '../../../core/demands/demand-states.ts';

/**
 * What the demand panel offers one user on one demand: the next statuses core's state machine
 * allows, and only to a role that may act here (core/demands/demand-access.ts). When nothing is
 * offered, `why` says so in the reader's terms. `planned` is offered only while a live project
 * links the demand (projects plan demands; by hand it only puts one back). The server checks the same rules on every write.
 */
export type TriageRefusal = 'readOnlyRole' | 'outOfScope';

export interface TriageOptions {
  transitions: readonly DemandStatus[];
  /** Reply to the resident, retitle: any edit at all. */
  editable: boolean;
  why?: TriageRefusal;
}

export function triageOptions(
  user: SessionUser | null,
  demand: Pick<StaffDemand, 'status' | 'town' | 'community'> & { projects: readonly Pick<DemandProjectLink, 'phase'>[] },
): TriageOptions {
  if (!user || !DEMAND_EDITORS.includes(user.role)) return { transitions: [], editable: false, why: 'readOnlyRole' };
  if (!canEditDemand(user, demand)) return { transitions: [], editable: false, why: 'outOfScope' };
  return { transitions: manualDemandTransitions(demand.status, isAnsweredByProject(demand.projects)), editable: true };
}

/** Statuses a duplicate may join (as the server allows): open or done, not merged, refused or hidden. */
export const MERGE_TARGET_STATUSES: readonly DemandStatus[] = ['submitted', 'accepted', 'planned', 'resolved'];

/** How far to look for the demand a duplicate joins: a street's length, wider than "me too"'s 50 m. */
export const MERGE_SEARCH_METRES = 300;
