import type { PublicProject } from '../../../core/projects/project-contract.ts';

/**
 * "When" for the public: the day it was finished, or the day construction is planned to end (or
 * the latest planned end of any phase when construction has none).
 */
export function completionDate(project: PublicProject): { done: boolean; date: string | null } {
  const construction = project.schedule.construction;
  if (project.phase === 'completed') return { done: true, date: construction?.actualEnd ?? project.phaseSince?.slice(0, 10) ?? null };
  const planned = [construction?.plannedEnd, project.schedule.design?.plannedEnd, project.schedule.approved?.plannedEnd].find(Boolean);
  return { done: false, date: planned ?? null };
}
