import type postgres from 'postgres';
import type { DemandOptimization } from '../../core/demands/demand-types.ts';
import type { FeatureValue } from '../../core/layers/feature-contract.ts';
import type {
  Deliverable,
  Funding,
  ProjectFacility,
  ProjectGeometry,
  ProjectMilestone,
  ProjectRecord,
  PublicProject,
  SizeClass,
} from '../../core/projects/project-contract.ts';
import type { HoldablePhase, ProjectPhase } from '../../core/projects/project-phases.ts';
import { latenessOf, type PendingItem, type PhaseDates, type ScheduledPhase } from '../../core/projects/project-schedule.ts';
import type { Queryable } from '../db/client.ts';

/**
 * The SQL of one project and its dates: read, create, change. Every value from a request is a
 * bound parameter; a change names its columns from this module's own list.
 */

export interface ProjectRow {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
  description: string | null;
  optimization: DemandOptimization;
  type: string;
  phase: ProjectPhase;
  held_from: HoldablePhase | null;
  phase_since: string | null;
  size_class: SizeClass;
  responsible_unit: string;
  funding: Funding;
  budget: number | null;
  budget_note: string | null;
  deliverables: Deliverable[];
  facility_layer: string | null;
  facility_properties: Record<string, FeatureValue> | null;
  facility_feature_id: number | null;
  parent_id: number | null;
  weight: number;
  published: boolean;
  opportunity: boolean;
  recorded_progress: number | null;
  progress: number;
  town_codes: string[];
  community_codes: string[];
  primary_town: string;
  primary_community: string;
  length_m: number | null;
  area_m2: number | null;
  overdue_from: string | null;
  overdue_what: PendingItem | null;
  demo: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
  geometry: ProjectGeometry;
}

/** Columns of a project row; dates as text (calendar days, no time zone to shift them). */
export const PROJECT_COLUMNS = `p.id, p.code, p.name, p.name_en, p.description, p.optimization, p.type, p.phase, p.held_from,
  p.phase_since::text AS phase_since, p.size_class, p.responsible_unit, p.funding, p.budget, p.budget_note, p.deliverables,
  p.facility_layer, p.facility_properties, p.facility_feature_id, p.parent_id, p.weight, p.published, p.opportunity,
  p.recorded_progress, p.progress, p.town_codes, p.community_codes, p.primary_town, p.primary_community, p.length_m, p.area_m2,
  p.overdue_from::text AS overdue_from, p.overdue_what, p.demo, p.created_at, p.updated_at, p.version,
  ST_AsGeoJSON(p.geom, 7)::json AS geometry`;

/** What a record carries besides its own row: dates, milestones, links; read in batches for a page. */
export interface ProjectDetails {
  schedule: Map<number, Partial<Record<ScheduledPhase, PhaseDates>>>;
  milestones: Map<number, ProjectMilestone[]>;
  demandIds: Map<number, number[]>;
  childIds: Map<number, number[]>;
}

export async function readProjectDetails(sql: Queryable, ids: readonly number[], staff: boolean): Promise<ProjectDetails> {
  const details: ProjectDetails = { schedule: new Map(), milestones: new Map(), demandIds: new Map(), childIds: new Map() };
  if (!ids.length) return details;
  const list = [...ids];
  const [dates, milestones, demands, children] = await Promise.all([
    sql<{ project_id: number; phase: ScheduledPhase; planned_start: string | null; planned_end: string | null; actual_start: string | null; actual_end: string | null }[]>`
      SELECT project_id, phase, planned_start::text, planned_end::text, actual_start::text, actual_end::text
      FROM project_phase_dates WHERE project_id IN ${sql(list)}`,
    sql<{ project_id: number; id: number; name: string; planned: string | null; actual: string | null }[]>`
      SELECT project_id, id, name, planned::text, actual::text FROM project_milestones WHERE project_id IN ${sql(list)} ORDER BY project_id, position, id`,
    staff ? sql<{ project_id: number; demand_id: number }[]>`SELECT project_id, demand_id FROM project_demands WHERE project_id IN ${sql(list)} ORDER BY demand_id` : [],
    staff ? sql<{ parent_id: number; id: number }[]>`SELECT parent_id, id FROM projects WHERE parent_id IN ${sql(list)} ORDER BY id` : [],
  ]);
  for (const row of dates) {
    const schedule = details.schedule.get(row.project_id) ?? {};
    schedule[row.phase] = { plannedStart: row.planned_start, plannedEnd: row.planned_end, actualStart: row.actual_start, actualEnd: row.actual_end };
    details.schedule.set(row.project_id, schedule);
  }
  for (const row of milestones) {
    const list_ = details.milestones.get(row.project_id) ?? [];
    list_.push({ id: row.id, name: row.name, planned: row.planned, actual: row.actual });
    details.milestones.set(row.project_id, list_);
  }
  for (const row of demands) details.demandIds.set(row.project_id, [...(details.demandIds.get(row.project_id) ?? []), row.demand_id]);
  for (const row of children) details.childIds.set(row.parent_id, [...(details.childIds.get(row.parent_id) ?? []), row.id]);
  return details;
}

function facilityOf(row: ProjectRow): ProjectFacility | null {
  return row.facility_layer && row.facility_properties ? { layer: row.facility_layer, properties: row.facility_properties } : null;
}

export function toPublicProject(row: ProjectRow, details: ProjectDetails, today: string): PublicProject {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    description: row.description,
    optimization: row.optimization,
    type: row.type,
    phase: row.phase,
    heldFrom: row.held_from,
    geometry: row.geometry,
    towns: row.town_codes,
    communities: row.community_codes,
    primaryTown: row.primary_town,
    primaryCommunity: row.primary_community,
    lengthM: row.length_m,
    areaM2: row.area_m2,
    sizeClass: row.size_class,
    responsibleUnit: row.responsible_unit,
    funding: row.funding,
    budget: row.budget,
    deliverables: row.deliverables,
    facility: facilityOf(row),
    parentId: row.parent_id,
    weight: row.weight,
    published: row.published,
    opportunity: row.opportunity,
    progress: row.progress,
    schedule: details.schedule.get(row.id) ?? {},
    milestones: details.milestones.get(row.id) ?? [],
    late: latenessOf(row.overdue_what, today),
    phaseSince: row.phase_since,
    demo: row.demo,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toProjectRecord(row: ProjectRow, details: ProjectDetails, today: string): ProjectRecord {
  return {
    ...toPublicProject(row, details, today),
    budgetNote: row.budget_note,
    recordedProgress: row.recorded_progress,
    demandIds: details.demandIds.get(row.id) ?? [],
    childIds: details.childIds.get(row.id) ?? [],
    facilityFeatureId: row.facility_feature_id,
    version: row.version,
  };
}

/** One project; `lock` holds its row until the transaction ends, so a version check stays true. */
export async function readProject(sql: Queryable, id: number, options: { lock?: boolean } = {}): Promise<ProjectRow | undefined> {
  const [row] = await sql<ProjectRow[]>`SELECT ${sql.unsafe(PROJECT_COLUMNS)} FROM projects p WHERE p.id = ${id} ${options.lock ? sql`FOR UPDATE` : sql``}`;
  return row;
}

/** The columns a write may set, by their SQL name. */
export interface ProjectColumns {
  name?: string;
  name_en?: string | null;
  description?: string | null;
  optimization?: number;
  type?: string;
  size_class?: SizeClass;
  responsible_unit?: string;
  funding?: Funding;
  budget?: number | null;
  budget_note?: string | null;
  deliverables?: Deliverable[];
  facility_layer?: string | null;
  facility_properties?: Record<string, FeatureValue> | null;
  facility_feature_id?: number | null;
  parent_id?: number | null;
  weight?: number;
  published?: boolean;
  opportunity?: boolean;
  recorded_progress?: number | null;
  phase?: ProjectPhase;
  held_from?: HoldablePhase | null;
  phase_since?: string | null;
  demo?: boolean;
}

const JSON_COLUMNS = new Set(['funding', 'deliverables', 'facility_properties']);

/** A column's value as a parameter: JSON columns as JSON, the rest as they are. */
function valueOf(sql: Queryable, column: string, value: unknown): postgres.SerializableParameter {
  if (value === null || value === undefined) return null;
  return (JSON_COLUMNS.has(column) ? sql.json(value as never) : value) as postgres.SerializableParameter;
}

/** The place's derived columns, set with a new geometry (project-location.ts measures them). */
export interface ProjectPlace {
  geometry: ProjectGeometry;
  towns: string[];
  communities: string[];
  primaryTown: string;
  primaryCommunity: string;
  lengthM: number | null;
  areaM2: number | null;
}

function placeAssignments(sql: Queryable, place: ProjectPlace) {
  return [
    sql`geom = ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(place.geometry)}::text), 4326)`,
    sql`town_codes = ${place.towns}::text[]`,
    sql`community_codes = ${place.communities}::text[]`,
    sql`primary_town = ${place.primaryTown}`,
    sql`primary_community = ${place.primaryCommunity}`,
    sql`length_m = ${place.lengthM}::float8`,
    sql`area_m2 = ${place.areaM2}::float8`,
  ];
}

/** A new project, `proposed`; its derived columns (lateness, span, progress) are refreshed after. */
export async function insertProject(sql: Queryable, columns: ProjectColumns & { name: string; optimization: number; type: string; size_class: SizeClass; responsible_unit: string }, place: ProjectPlace): Promise<number> {
  const names = Object.keys(columns).filter((column) => columns[column as keyof ProjectColumns] !== undefined) as (keyof ProjectColumns)[];
  const values = names.map((column) => sql`${valueOf(sql, column, columns[column])}`);
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO projects (${sql(names as string[])}, geom, town_codes, community_codes, primary_town, primary_community, length_m, area_m2)
    VALUES (${values.reduce((joined, next) => sql`${joined}, ${next}`)},
            ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(place.geometry)}::text), 4326), ${place.towns}::text[], ${place.communities}::text[],
            ${place.primaryTown}, ${place.primaryCommunity}, ${place.lengthM}::float8, ${place.areaM2}::float8)
    RETURNING id`;
  return row.id;
}

/**
 * The change is made only on the version the editor read; false means it has moved on (the
 * caller, holding the row's lock, knows it was there). The version goes up by one.
 */
export async function updateProject(sql: Queryable, id: number, version: number, columns: ProjectColumns, place?: ProjectPlace): Promise<boolean> {
  const names = (Object.keys(columns) as (keyof ProjectColumns)[]).filter((column) => columns[column] !== undefined);
  const sets = [
    ...names.map((column) => sql`${sql(column)} = ${valueOf(sql, column, columns[column])}`),
    ...(place ? placeAssignments(sql, place) : []),
    sql`version = version + 1`,
    sql`updated_at = now()`,
  ];
  const rows = await sql`UPDATE projects SET ${sets.reduce((joined, next) => sql`${joined}, ${next}`)} WHERE id = ${id} AND version = ${version} RETURNING id`;
  return rows.length === 1;
}

/** Planned dates per phase: given phases are set (null clears a date), others left as they are. */
export async function writePlannedDates(sql: Queryable, id: number, schedule: Partial<Record<ScheduledPhase, { plannedStart?: string | null; plannedEnd?: string | null }>>): Promise<void> {
  for (const [phase, dates] of Object.entries(schedule)) {
    if (!dates) continue;
    await sql`
      INSERT INTO project_phase_dates (project_id, phase, planned_start, planned_end)
      VALUES (${id}, ${phase}, ${dates.plannedStart ?? null}::date, ${dates.plannedEnd ?? null}::date)
      ON CONFLICT (project_id, phase) DO UPDATE SET
        planned_start = CASE WHEN ${dates.plannedStart === undefined} THEN project_phase_dates.planned_start ELSE excluded.planned_start END,
        planned_end = CASE WHEN ${dates.plannedEnd === undefined} THEN project_phase_dates.planned_end ELSE excluded.planned_end END`;
  }
}

/** An actual date written by a phase move; null takes it back (a completion undone). */
export async function writeActualDate(sql: Queryable, id: number, phase: ScheduledPhase, edge: 'start' | 'end', date: string | null, options: { keep?: boolean } = {}): Promise<void> {
  const column = edge === 'start' ? 'actual_start' : 'actual_end';
  // `keep`: a date already there stands (a resumed phase keeps the day it first started).
  await sql`
    INSERT INTO project_phase_dates AS d (project_id, phase, ${sql(column)}) VALUES (${id}, ${phase}, ${date}::date)
    ON CONFLICT (project_id, phase) DO UPDATE SET ${sql(column)} = ${options.keep ? sql`coalesce(d.${sql(column)}, excluded.${sql(column)})` : sql`excluded.${sql(column)}`}`;
}

/** The whole list of milestones, in the order given (ids are new). */
export async function replaceMilestones(sql: Queryable, id: number, milestones: ReadonlyArray<{ name: string; planned?: string | null; actual?: string | null }>): Promise<void> {
  await sql`DELETE FROM project_milestones WHERE project_id = ${id}`;
  if (!milestones.length) return;
  const rows = milestones.map((milestone, position) => ({ project_id: id, position, name: milestone.name, planned: milestone.planned ?? null, actual: milestone.actual ?? null }));
  await sql`INSERT INTO project_milestones ${sql(rows, 'project_id', 'position', 'name', 'planned', 'actual')}`;
}
