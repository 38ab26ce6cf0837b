import type { ProjectRecord } from '../../../core/projects/project-contract.ts';
import { daysBetween, pendingItems } from '../../../core/projects/project-schedule.ts';

/**
 * The planned dates of a project that have passed without their actual date, keyed as the
 * panel's rows are (`<phase>:start|end`, `m:<milestone name>`), with how many days late: the
 * same rule the server applies for the project's own LATE.
 */
export function lateItems(project: Pick<ProjectRecord, 'phase' | 'heldFrom' | 'schedule' | 'milestones'>, today: string): Map<string, number> {
  const late = new Map<string, number>();
  for (const item of pendingItems(project.phase, project.heldFrom, project.schedule, project.milestones)) {
    if (item.planned >= today) continue;
    late.set(item.kind === 'milestone' ? `m:${item.name}` : `${item.phase}:${item.edge}`, daysBetween(item.planned, today));
  }
  return late;
}
