/**
 * The life of a demand (WORKFLOW.md, "Demand"), enforced on the server and shown by the client
 * as the next steps a user may take:
 *   submitted → accepted (in the demand list) | merged (a duplicate, joined to another) | rejected (with a reason)
 *   accepted → planned (linked to a project) → resolved (the project completed)
 *   any → hidden by moderation (the original is kept); hidden → submitted (restored for triage)
 * A rejected demand may be reopened; a planned one goes back to accepted when its project is
 * unlinked, a resolved one to planned when the completion is undone.
 */
export const DEMAND_STATUSES = ['submitted', 'accepted', 'planned', 'resolved', 'merged', 'rejected', 'hidden'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

const TRANSITIONS: Readonly<Record<DemandStatus, readonly DemandStatus[]>> = {
  submitted: ['accepted', 'merged', 'rejected', 'hidden'],
  accepted: ['planned', 'merged', 'rejected', 'hidden'],
  planned: ['resolved', 'accepted', 'hidden'],
  resolved: ['planned', 'hidden'],
  merged: ['hidden'],
  rejected: ['submitted', 'hidden'],
  hidden: ['submitted'],
};

/** What the public sees: demands the district has taken on, never the unreviewed or refused ones. */
export const PUBLISHED_DEMAND_STATUSES: readonly DemandStatus[] = ['accepted', 'planned', 'resolved'];

export function allowedDemandTransitions(from: DemandStatus): readonly DemandStatus[] {
  return TRANSITIONS[from];
}

export function canTransitionDemand(from: DemandStatus, to: DemandStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isPublishedDemand(status: DemandStatus): boolean {
  return PUBLISHED_DEMAND_STATUSES.includes(status);
}

/**
 * `planned` says a project answers the demand: the project library makes that move when it links
 * one (server/projects/project-demands.ts), and staff may make it by hand only while a live (not
 * cancelled) project links the demand. `resolved` by hand needs no project: a town office fixes a
 * small problem (a broken lamp, a blocked drain) itself, and the demand is done.
 */
export function needsAnsweringProject(to: DemandStatus): boolean {
  return to === 'planned';
}

/** Whether any of a demand's linked projects still answers it (a cancelled one keeps its link as a record only). */
export function isAnsweredByProject(projects: readonly { phase: string }[]): boolean {
  return projects.some((project) => project.phase !== 'cancelled');
}

/** The moves staff may make by hand on a demand, given whether a live project answers it. */
export function manualDemandTransitions(from: DemandStatus, answeredByProject: boolean): readonly DemandStatus[] {
  return answeredByProject ? TRANSITIONS[from] : TRANSITIONS[from].filter((to) => !needsAnsweringProject(to));
}

/** What a transition needs besides the new status. */
export function requirementsOf(to: DemandStatus): { reason: boolean; mergedInto: boolean } {
  return { reason: to === 'rejected', mergedInto: to === 'merged' };
}
