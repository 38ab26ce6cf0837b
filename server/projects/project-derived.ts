import type { HoldablePhase, ProjectPhase } from '../../core/projects/project-phases.ts';
import { effectiveProgress, firstPending, pendingItems, rollUpProgress, scheduleSpan } from '../../core/projects/project-schedule.ts';
import type { Queryable } from '../db/client.ts';
import { readProjectDetails } from './project-sql.ts';

/**
 * What a project's columns derive from its other records, refreshed in the transaction of every
 * write that could change them: the first pending planned date (so "late" is a range condition
 * in SQL), the schedule's span (the timeline's year filter) and the progress shown (a package's
 * rolled up from its parts). The rules are core/projects/project-schedule.ts.
 */
export async function refreshDerived(tx: Queryable, id: number): Promise<void> {
  const [row] = await tx<{ phase: ProjectPhase; held_from: HoldablePhase | null; recorded_progress: number | null; parent_id: number | null }[]>`
    SELECT phase, held_from, recorded_progress, parent_id FROM projects WHERE id = ${id}`;
  if (!row) return;
  const details = await readProjectDetails(tx, [id], false);
  const schedule = details.schedule.get(id) ?? {};
  const milestones = details.milestones.get(id) ?? [];
  const first = firstPending(pendingItems(row.phase, row.held_from, schedule, milestones));
  const span = scheduleSpan(schedule, milestones);
  const children = await tx<{ phase: ProjectPhase; progress: number; weight: number }[]>`SELECT phase, progress, weight FROM projects WHERE parent_id = ${id}`;
  const progress = row.phase === 'completed' ? 100 : (rollUpProgress(children) ?? effectiveProgress(row.phase, row.held_from, row.recorded_progress));
  await tx`
    UPDATE projects SET overdue_from = ${first?.planned ?? null}::date, overdue_what = ${first ? tx.json(first as never) : null},
      span_start = ${span.start}::date, span_end = ${span.end}::date, progress = ${progress}
    WHERE id = ${id}`;
  if (row.parent_id !== null) await refreshDerived(tx, row.parent_id);
}
