import type { PublicProject, ScheduleItem } from '../../core/projects/project-contract.ts';

/** One bar of the timeline (`GET /api/projects/schedule`, and its export): the first and last dates its schedule names. */
export function toScheduleItem(project: PublicProject): ScheduleItem {
  const dates = [...Object.values(project.schedule).flatMap((phase) => [phase.plannedStart, phase.plannedEnd, phase.actualStart, phase.actualEnd]), ...project.milestones.flatMap((m) => [m.planned, m.actual])]
    .filter((date): date is string => Boolean(date))
    .sort();
  return {
    id: project.id, code: project.code, name: project.name, optimization: project.optimization, type: project.type,
    phase: project.phase, heldFrom: project.heldFrom, primaryTown: project.primaryTown, primaryCommunity: project.primaryCommunity,
    sizeClass: project.sizeClass, responsibleUnit: project.responsibleUnit, parentId: project.parentId, progress: project.progress,
    schedule: project.schedule, milestones: project.milestones, late: project.late, start: dates[0] ?? null, end: dates[dates.length - 1] ?? null,
  };
}
