import { readImportedProject } from '../../core/exchange/import-project-fields.ts';
import { problem, reasonOf, type ImportProblem } from '../../core/exchange/import-problems.ts';
import type { ProjectGeometry } from '../../core/projects/project-contract.ts';
import { SCHEDULED_PHASES } from '../../core/projects/project-schedule.ts';
import type { Queryable } from '../db/client.ts';
import { ApiError, badRequest } from '../errors.ts';
import { refreshDerived } from '../projects/project-derived.ts';
import { locateProject } from '../projects/project-location.ts';
import { insertProject, replaceMilestones, writeActualDate, writePlannedDates } from '../projects/project-sql.ts';
import type { CommitRow } from './import-commit-sql.ts';

/**
 * The project library's rows written inside the commit's transaction, each through the pieces
 * `POST /api/projects` uses: its place located by the same SQL (towns and communities by share,
 * length or area), the row inserted, its dates and milestones written, its derived columns
 * (lateness, span, progress) refreshed. The phase is the file's, checked against the phase
 * machine when the rows were read (core/exchange/import-project-fields.ts says why).
 */
export async function insertProjectRows(tx: Queryable, rows: readonly CommitRow[]): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) {
    const { project, errors } = readImportedProject(row.values, null);
    if (!project) throw rowRefused(row.row, errors);
    const place = await locateProject(tx, JSON.parse(row.geometry) as ProjectGeometry).catch((error: unknown) => {
      throw error instanceof ApiError ? rowRefused(row.row, [problem('invalid_geometry', { reason: error.message.slice(0, 200) }, error.message)]) : error;
    });
    const id = await insertProject(tx, {
      name: project.name,
      name_en: project.nameEn,
      description: project.description,
      optimization: project.optimization,
      type: project.type,
      size_class: project.sizeClass,
      responsible_unit: project.responsibleUnit,
      funding: project.funding,
      budget: project.budget,
      budget_note: project.budgetNote,
      deliverables: project.deliverables,
      facility_layer: project.facility?.layer ?? null,
      facility_properties: project.facility?.properties ?? null,
      weight: project.weight,
      published: project.published,
      opportunity: project.opportunity,
      recorded_progress: project.recordedProgress,
      phase: project.phase,
      held_from: project.heldFrom,
      phase_since: project.phaseSince,
      demo: project.demo,
    }, place);
    await writePlannedDates(tx, id, project.schedule);
    for (const phase of SCHEDULED_PHASES) {
      const dates = project.schedule[phase];
      if (dates?.actualStart) await writeActualDate(tx, id, phase, 'start', dates.actualStart);
      if (dates?.actualEnd) await writeActualDate(tx, id, phase, 'end', dates.actualEnd);
    }
    await replaceMilestones(tx, id, project.milestones);
    await refreshDerived(tx, id);
    ids.push(id);
  }
  return ids;
}

/** A row the database refuses after all (checked at the preview, so rare): the whole import ends, naming it. */
function rowRefused(row: number, problems: ImportProblem[]) {
  const reason = reasonOf(problems);
  return badRequest('import_has_invalid_rows', `row ${row} cannot be written; nothing was imported: ${reason}`.slice(0, 500), { invalidCount: 1, invalidRows: [{ row, reason, problems }] });
}
