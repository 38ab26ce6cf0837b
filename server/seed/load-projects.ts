import { effectiveProgress, firstPending, pendingItems, scheduleSpan, SCHEDULED_PHASES } from '../../core/projects/project-schedule.ts';
import type { Queryable } from '../db/client.ts';
import type { DemoProject } from '../demo/types.ts';
import { locateProject } from '../projects/project-location.ts';
import type { ProjectPlace } from '../projects/project-sql.ts';

/** A project as a dataset carries it: the demo generator's own type, declared once in server/demo/types.ts. */
export type DatasetProject = DemoProject;

/** Rows per INSERT: the demo library in one statement, a bench's ten thousand in a few. */
const BATCH_SIZE = 2000;

/** The project tables, dependants first: emptied together, as the demand list they link to is replaced. */
export const PROJECT_TABLES = ['project_inspections', 'project_milestones', 'project_phase_dates', 'project_demands', 'projects'] as const;

/**
 * Replace the project library with the dataset's, in the caller's transaction (after its demands,
 * which the projects link to). Each project is placed by the server's own rule
 * (server/projects/project-location.ts: towns and communities from the geometry, its length or
 * area) and its lateness, span and progress follow core/projects/project-schedule.ts, as a write
 * through the API would leave them. Ids are the dataset's; the identity continues after them.
 */
export async function replaceProjects(tx: Queryable, projects: readonly DatasetProject[], options: { demo: boolean }): Promise<void> {
  await tx.unsafe(`TRUNCATE ${PROJECT_TABLES.join(', ')} RESTART IDENTITY`);
  const places = new Map<string, ProjectPlace>();
  for (const project of projects) {
    const key = JSON.stringify(project.geometry);
    if (!places.has(key)) places.set(key, await locateProject(tx, project.geometry as ProjectPlace['geometry']));
  }
  const ordered = [...projects].sort((a, b) => a.id - b.id);
  for (let start = 0; start < ordered.length; start += BATCH_SIZE) {
    const batch = ordered.slice(start, start + BATCH_SIZE);
    await insertProjects(tx, batch, places, options.demo);
    await insertDates(tx, batch);
  }
  await tx`SELECT setval(pg_get_serial_sequence('projects', 'id'), GREATEST((SELECT max(id) FROM projects), 1))`;
}

async function insertProjects(tx: Queryable, projects: readonly DatasetProject[], places: Map<string, ProjectPlace>, demo: boolean): Promise<void> {
  const rows = projects.map((project) => {
    const place = places.get(JSON.stringify(project.geometry))!;
    const pending = firstPending(pendingItems(project.phase, project.heldFrom, project.schedule, project.milestones));
    const span = scheduleSpan(project.schedule, project.milestones);
    return {
      id: project.id, name: project.name, name_en: project.nameEn, optimization: project.optimization, type: project.type,
      phase: project.phase, held_from: project.heldFrom, phase_since: project.phaseSince, size_class: project.sizeClass,
      responsible_unit: project.responsibleUnit, funding: project.funding, budget: project.budget, deliverables: project.deliverables,
      facility_layer: project.facility?.layer ?? null, facility_properties: project.facility?.properties ?? null,
      facility_feature_id: project.facilityFeatureId, published: project.published, opportunity: project.opportunity,
      recorded_progress: project.progress, progress: effectiveProgress(project.phase, project.heldFrom, project.progress),
      town_codes: place.towns, community_codes: place.communities, primary_town: place.primaryTown, primary_community: place.primaryCommunity,
      length_m: place.lengthM, area_m2: place.areaM2, overdue_from: pending?.planned ?? null, overdue_what: pending,
      span_start: span.start, span_end: span.end, created_at: project.createdAt, updated_at: project.updatedAt, version: project.version,
      geometry: project.geometry,
    };
  });
  // One statement per batch: json_to_recordset turns the rows into typed columns in SQL.
  await tx`
    INSERT INTO projects (id, name, name_en, optimization, type, phase, held_from, phase_since, size_class, responsible_unit,
                          funding, budget, deliverables, facility_layer, facility_properties, facility_feature_id, published,
                          opportunity, recorded_progress, progress, town_codes, community_codes, primary_town, primary_community,
                          length_m, area_m2, overdue_from, overdue_what, span_start, span_end, demo, created_at, updated_at, version, geom)
    SELECT id, name, name_en, optimization, type, phase, held_from, phase_since, size_class, responsible_unit,
           funding, budget, deliverables, facility_layer, facility_properties, facility_feature_id, published,
           opportunity, recorded_progress, progress, town_codes, community_codes, primary_town, primary_community,
           length_m, area_m2, overdue_from, overdue_what, span_start, span_end, ${demo}, created_at, updated_at, version,
           ST_SetSRID(ST_GeomFromGeoJSON(geometry::text), 4326)
    FROM json_to_recordset(${JSON.stringify(rows)}::text::json) AS r(
      id integer, name text, name_en text, optimization integer, type text, phase text, held_from text, phase_since date,
      size_class text, responsible_unit text, funding jsonb, budget float8, deliverables jsonb, facility_layer text,
      facility_properties jsonb, facility_feature_id integer, published boolean, opportunity boolean, recorded_progress float8,
      progress float8, town_codes text[], community_codes text[], primary_town text, primary_community text, length_m float8,
      area_m2 float8, overdue_from date, overdue_what jsonb, span_start date, span_end date, created_at timestamptz,
      updated_at timestamptz, version integer, geometry json)
    ORDER BY id`;
  const links = projects.flatMap((project) => project.demandIds.map((demandId) => ({ project_id: project.id, demand_id: demandId, resolved_by_completion: project.phase === 'completed' })));
  // A link to a demand the database no longer holds (a list replaced by an import) is left out.
  if (links.length) {
    await tx`
      INSERT INTO project_demands (project_id, demand_id, resolved_by_completion)
      SELECT r.* FROM json_to_recordset(${JSON.stringify(links)}::text::json) AS r(project_id integer, demand_id integer, resolved_by_completion boolean)
      WHERE EXISTS (SELECT 1 FROM demands d WHERE d.id = r.demand_id)`;
  }
}

/** Planned and actual dates of the scheduled phases, and the milestones in their order. */
async function insertDates(tx: Queryable, projects: readonly DatasetProject[]): Promise<void> {
  const phases = projects.flatMap((project) => SCHEDULED_PHASES.flatMap((phase) => {
    const dates = project.schedule[phase];
    return dates ? [{ project_id: project.id, phase, planned_start: dates.plannedStart, planned_end: dates.plannedEnd, actual_start: dates.actualStart, actual_end: dates.actualEnd }] : [];
  }));
  if (phases.length) {
    await tx`
      INSERT INTO project_phase_dates (project_id, phase, planned_start, planned_end, actual_start, actual_end)
      SELECT * FROM json_to_recordset(${JSON.stringify(phases)}::text::json)
        AS r(project_id integer, phase text, planned_start date, planned_end date, actual_start date, actual_end date)`;
  }
  const milestones = projects.flatMap((project) => project.milestones.map((milestone, position) => ({ project_id: project.id, position, name: milestone.name, planned: milestone.planned, actual: milestone.actual })));
  if (milestones.length) {
    await tx`
      INSERT INTO project_milestones (project_id, position, name, planned, actual)
      SELECT * FROM json_to_recordset(${JSON.stringify(milestones)}::text::json)
        AS r(project_id integer, position integer, name text, planned date, actual date)`;
  }
}
