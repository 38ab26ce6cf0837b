import { z } from 'zod';
import type { FeatureValue } from '../layers/feature-contract.ts';
import { findLayer } from '../layers/registry.ts';
import { FUNDING_SOURCES, type FundingSource } from '../projects/project-constants.ts';
import { PROJECT_LIMITS, calendarDate, milestonesSchema, newProjectSchema, type Deliverable, type Funding, type ProjectFacility } from '../projects/project-contract.ts';
import { facilityPlacement } from '../projects/project-facility.ts';
import { MAIN_PHASES, PROJECT_PHASES, phaseRank, type HoldablePhase, type ProjectPhase } from '../projects/project-phases.ts';
import { SCHEDULED_PHASES, type PhaseDates, type ScheduledPhase } from '../projects/project-schedule.ts';
import type { ImportProperty, ImportTargetFields } from './import-fields.ts';
import { problem, problemsOfIssues, type ImportProblem } from './import-problems.ts';
import { FACILITY_LAYER, FACILITY_PROPERTIES, FUNDING_COLUMNS, SHORT_COLUMNS, deliverableNames, facilityPropertyNames, flatImportProperties, milestoneNames, phaseDateNames } from './project-flat-columns.ts';

/**
 * The project library as an import target. A row carries the fields of the staff API
 * (`GET /api/projects`, what its export writes: funding, deliverables, facility, schedule and
 * milestones as JSON text), or the flat columns a planning office's spreadsheet (and the
 * library's shapefile, project-flat-columns.ts) has: an amount per funding source, planned and
 * actual dates per phase, numbered deliverables and milestones, the facility's layer and
 * properties, which replace the JSON's for what they name.
 * Each row is checked by the rules of `POST /api/projects`; places (towns, communities, length,
 * area) are derived from the geometry on commit, never read from the file; ids and codes are new.
 *
 * The phase: a row without one is `proposed`, as a project created in the library. A row naming
 * one keeps it when the phase machine (core/projects/project-phases.ts) could have brought the
 * project there: a held project says the phase it left, and actual dates are only for phases
 * it has reached (an end only for those it has left). So a library exported and imported back
 * keeps its schedule and lateness, and a file cannot make up a history the machine refuses.
 * Links are not imported: linked demands (linking changes a demand's status), the parent package
 * and the completed facility's feature (the layer is exported and imported on its own; a
 * completed project's facility stays its description, and is not added to the layer again).
 */

const FLAT_FUNDING: Record<FundingSource, { name: string; aliases: string[] }> = {
  private: { name: FUNDING_COLUMNS.private.property, aliases: ['民营资本', '社会资本', FUNDING_COLUMNS.private.column] },
  state_owned: { name: FUNDING_COLUMNS.state_owned.property, aliases: ['国有资本', '国企资金', FUNDING_COLUMNS.state_owned.column] },
  fiscal: { name: FUNDING_COLUMNS.fiscal.property, aliases: ['财政资金', FUNDING_COLUMNS.fiscal.column] },
};

const PHASE_TITLES: Record<ScheduledPhase, string> = { approved: '入库', design: '设计', construction: '施工' };
const DATE_TITLES = { plannedStart: '计划开始', plannedEnd: '计划完成', actualStart: '实际开始', actualEnd: '实际完成' } as const;
/** A plain field's other names: its Chinese titles, and its shapefile column when that is shorter. */
const also = (name: string, titles: string[]) => [...titles, ...(SHORT_COLUMNS[name] ? [SHORT_COLUMNS[name]] : [])];

export const PROJECT_IMPORT_FIELDS_LIST: ImportProperty[] = [
  { name: 'name', type: 'text', required: true, aliases: ['项目名称', '名称'] },
  { name: 'nameEn', type: 'text', required: false, aliases: ['英文名称'] },
  { name: 'description', type: 'text', required: false, aliases: also('description', ['项目简介', '描述']) },
  { name: 'optimization', type: 'integer', required: true, aliases: also('optimization', ['优化类别']) },
  { name: 'type', type: 'text', required: true, aliases: ['项目类型', '类型'] },
  { name: 'sizeClass', type: 'text', required: true, aliases: ['规模', '项目规模'] },
  { name: 'responsibleUnit', type: 'text', required: true, aliases: also('responsibleUnit', ['责任单位']) },
  { name: 'phase', type: 'text', required: false, aliases: ['阶段', '项目阶段'] },
  { name: 'heldFrom', type: 'text', required: false, aliases: ['暂停前阶段'] },
  { name: 'phaseSince', type: 'date', required: false, aliases: ['阶段开始日期'] },
  { name: 'funding', type: 'text', required: false, aliases: ['资金来源'] },
  ...FUNDING_SOURCES.map((source): ImportProperty => ({ name: FLAT_FUNDING[source].name, type: 'real', required: false, aliases: FLAT_FUNDING[source].aliases })),
  { name: 'budget', type: 'real', required: false, aliases: ['预算', '总投资'] },
  { name: 'budgetNote', type: 'text', required: false, aliases: ['预算说明'] },
  { name: 'deliverables', type: 'text', required: false, aliases: ['建设内容', '产出'] },
  { name: 'facility', type: 'text', required: false, aliases: ['新增设施'] },
  { name: 'weight', type: 'real', required: false, aliases: ['权重'] },
  { name: 'published', type: 'boolean', required: false, aliases: ['公开', '已公示'] },
  { name: 'opportunity', type: 'boolean', required: false, aliases: also('opportunity', ['城市机会']) },
  { name: 'recordedProgress', type: 'real', required: false, aliases: also('recordedProgress', ['进度', '填报进度']) },
  { name: 'schedule', type: 'text', required: false, aliases: ['时序', '计划'] },
  ...SCHEDULED_PHASES.flatMap((phase) => phaseDateNames(phase).map((date): ImportProperty => ({
    name: date.property, type: 'date', required: false, aliases: [`${PHASE_TITLES[phase]}${DATE_TITLES[date.key]}`, date.column],
  }))),
  { name: 'milestones', type: 'text', required: false, aliases: ['里程碑'] },
  { name: 'demo', type: 'boolean', required: false, aliases: ['演示数据'] },
];

/** A project as a row makes it, ready to write. */
export interface ImportedProject {
  name: string;
  nameEn: string | null;
  description: string | null;
  optimization: number;
  type: string;
  sizeClass: 'large' | 'medium' | 'small';
  responsibleUnit: string;
  phase: ProjectPhase;
  heldFrom: HoldablePhase | null;
  phaseSince: string | null;
  funding: Funding;
  budget: number | null;
  budgetNote: string | null;
  deliverables: Deliverable[];
  facility: ProjectFacility | null;
  weight: number;
  published: boolean;
  opportunity: boolean;
  recordedProgress: number | null;
  schedule: Partial<Record<ScheduledPhase, PhaseDates>>;
  milestones: Array<{ name: string; planned: string | null; actual: string | null }>;
  demo: boolean;
}

const phaseDatesSchema = z
  .strictObject({
    plannedStart: calendarDate.nullish(),
    plannedEnd: calendarDate.nullish(),
    actualStart: calendarDate.nullish(),
    actualEnd: calendarDate.nullish(),
  })
  .refine((dates) => !dates.plannedStart || !dates.plannedEnd || dates.plannedStart <= dates.plannedEnd, { message: 'a phase ends on or after its planned start', params: { code: 'ends_before_start' } })
  .refine((dates) => !dates.actualStart || !dates.actualEnd || dates.actualStart <= dates.actualEnd, { message: 'a phase ends on or after its actual start', params: { code: 'ends_before_start' } });
const scheduleSchema = z.strictObject(
  Object.fromEntries(SCHEDULED_PHASES.map((phase) => [phase, phaseDatesSchema.nullish()])) as Record<ScheduledPhase, z.ZodOptional<z.ZodNullable<typeof phaseDatesSchema>>>,
  { error: `schedule names the phases ${SCHEDULED_PHASES.join(', ')}` },
);

/** What the create call checks, less what an import does not carry (links) or derives (geometry). */
const projectSchema = newProjectSchema.omit({ geometry: true, demandIds: true, parentId: true, schedule: true, milestones: true, progress: true });

/** JSON text (an export's nested field), or a value GDAL already read as JSON. */
function parseJson(value: unknown, name: string, errors: ImportProblem[]): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    errors.push(problem('not_json', { property: name }, `${name} is not JSON text such as the export writes`));
    return undefined;
  }
}

/** The phase the file names, checked against the machine; the dates it may carry with it. */
function phaseProblems(phase: ProjectPhase, heldFrom: HoldablePhase | null, schedule: Partial<Record<ScheduledPhase, PhaseDates>>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (phase === 'on_hold' && !heldFrom) problems.push(problem('held_from_missing', { property: 'heldFrom' }, 'an on_hold project says the phase it left (heldFrom)'));
  if (phase !== 'on_hold' && heldFrom) problems.push(problem('held_from_not_on_hold', { property: 'heldFrom', phase }, `heldFrom is only for an on_hold project, not a ${phase} one`));
  // Where the project stands: a cancelled one may have gone anywhere before.
  const rank = phase === 'cancelled' ? MAIN_PHASES.length : phaseRank(phase, heldFrom);
  for (const scheduled of SCHEDULED_PHASES) {
    const dates = schedule[scheduled];
    const index = MAIN_PHASES.indexOf(scheduled);
    if (dates?.actualStart && index > rank) problems.push(problem('actual_start_not_reached', { property: 'schedule', phase, scheduled }, `a ${phase} project has not started ${scheduled}: it has no actual start for it`));
    // A held project's phase is not left: it resumes there.
    if (dates?.actualEnd && index >= rank && phase !== 'cancelled') problems.push(problem('actual_end_not_left', { property: 'schedule', phase, scheduled }, `a ${phase} project has not ended ${scheduled}: it has no actual end for it`));
  }
  return problems;
}

/** Numbered columns, 1, 2, 3…, until the first without a value: what a flat file lists. */
function numbered<T>(read: (n: number) => T | null, limit: number): T[] | null {
  const items: T[] = [];
  for (let n = 1; n <= limit; n += 1) {
    const item = read(n);
    if (item === null) break;
    items.push(item);
  }
  return items.length ? items : null;
}

function flatDeliverables(values: Record<string, FeatureValue>): unknown[] | null {
  return numbered((n) => {
    const names = deliverableNames(n);
    const indicator = values[names.indicator.property];
    return indicator === undefined || indicator === null ? null : { indicator, amount: values[names.amount.property] };
  }, PROJECT_LIMITS.deliverables);
}

function flatMilestones(values: Record<string, FeatureValue>): unknown[] | null {
  return numbered((n) => {
    const names = milestoneNames(n);
    const name = values[names.name.property];
    return name === undefined || name === null ? null : { name, planned: values[names.planned.property] ?? null, actual: values[names.actual.property] ?? null };
  }, PROJECT_LIMITS.milestones);
}

/** The facility as its layer and properties in columns of their own; an empty cell sets nothing. */
function flatFacility(values: Record<string, FeatureValue>): unknown {
  const layer = values[FACILITY_LAYER.property];
  if (typeof layer !== 'string') return null;
  const properties: Record<string, FeatureValue> = {};
  for (const name of FACILITY_PROPERTIES.keys()) {
    const value = values[facilityPropertyNames(name).property];
    if (value !== undefined && value !== null) properties[name] = value;
  }
  return { layer, properties };
}

/** A row's typed values as a project, or every reason it is not one. */
export function readImportedProject(values: Record<string, FeatureValue>, shape: string | null): { project: ImportedProject | null; errors: ImportProblem[] } {
  const errors: ImportProblem[] = [];
  const phase = values.phase ?? 'proposed';
  if (!(PROJECT_PHASES as readonly unknown[]).includes(phase)) errors.push(problem('unknown_choice', { property: 'phase', choices: PROJECT_PHASES.join(', ') }, `phase is one of ${PROJECT_PHASES.join(', ')}`));
  const heldFrom = values.heldFrom ?? null;
  if (heldFrom !== null && !(MAIN_PHASES.slice(0, -1) as readonly unknown[]).includes(heldFrom)) errors.push(problem('unknown_choice', { property: 'heldFrom', choices: MAIN_PHASES.slice(0, -1).join(', ') }, `heldFrom is one of ${MAIN_PHASES.slice(0, -1).join(', ')}`));

  let funding = (parseJson(values.funding, 'funding', errors) ?? []) as Funding;
  for (const source of FUNDING_SOURCES) {
    const amount = values[FLAT_FUNDING[source].name];
    if (typeof amount !== 'number' || !Array.isArray(funding)) continue;
    funding = [...funding.filter((item) => item?.source !== source), { source, amount }];
  }
  const parsed = projectSchema.safeParse({
    name: values.name,
    nameEn: values.nameEn ?? undefined,
    description: values.description ?? undefined,
    optimization: values.optimization,
    type: values.type,
    sizeClass: values.sizeClass,
    responsibleUnit: values.responsibleUnit,
    funding,
    budget: values.budget ?? null,
    budgetNote: values.budgetNote ?? null,
    deliverables: flatDeliverables(values) ?? parseJson(values.deliverables, 'deliverables', errors) ?? [],
    facility: flatFacility(values) ?? parseJson(values.facility, 'facility', errors) ?? null,
    weight: values.weight ?? undefined,
    published: values.published ?? undefined,
    opportunity: values.opportunity ?? undefined,
  });
  if (!parsed.success) errors.push(...problemsOfIssues(parsed.error.issues, ''));

  const scheduleRead = scheduleSchema.safeParse(parseJson(values.schedule, 'schedule', errors) ?? {});
  if (!scheduleRead.success) errors.push(...problemsOfIssues(scheduleRead.error.issues, 'schedule'));
  const schedule: Partial<Record<ScheduledPhase, PhaseDates>> = {};
  for (const scheduled of SCHEDULED_PHASES) {
    const given = scheduleRead.success ? scheduleRead.data[scheduled] : null;
    const dates = { plannedStart: null, plannedEnd: null, actualStart: null, actualEnd: null } as PhaseDates;
    for (const date of phaseDateNames(scheduled)) dates[date.key] = (values[date.property] as string | undefined) ?? given?.[date.key] ?? null;
    if (dates.plannedStart && dates.plannedEnd && dates.plannedStart > dates.plannedEnd) errors.push(problem('ends_before_start', { property: 'schedule', scheduled }, `${scheduled} ends on or after its planned start`));
    if (Object.values(dates).some(Boolean)) schedule[scheduled] = dates;
  }

  // An export's milestones carry their ids: new ones are given.
  const milestoneList = flatMilestones(values) ?? parseJson(values.milestones, 'milestones', errors) ?? [];
  const milestonesRead = milestonesSchema.safeParse(Array.isArray(milestoneList) ? milestoneList.map((item) => {
    if (!item || typeof item !== 'object') return item;
    const { id: _id, ...rest } = item as Record<string, unknown>;
    return rest;
  }) : milestoneList);
  if (!milestonesRead.success) errors.push(...problemsOfIssues(milestonesRead.error.issues, 'milestones'));
  if (typeof values.recordedProgress === 'number' && (values.recordedProgress < 0 || values.recordedProgress > 100)) errors.push(problem(values.recordedProgress < 0 ? 'too_small' : 'too_large', { property: 'recordedProgress', min: 0, max: 100 }, 'recordedProgress is 0…100'));

  if (parsed.success && parsed.data.facility && shape) {
    const layer = findLayer(parsed.data.facility.layer);
    if (layer && !facilityPlacement(layer.geometry, shape as never)) errors.push(problem('facility_wrong_shape', { property: 'facility', layer: layer.id, geometry: layer.geometry, shape }, `facility: ${layer.id} holds ${layer.geometry} features, a ${shape} project cannot add one`));
  }
  if (!errors.length) errors.push(...phaseProblems(phase as ProjectPhase, heldFrom as HoldablePhase | null, schedule));
  if (errors.length || !parsed.success || !milestonesRead.success) return { project: null, errors };
  const data = parsed.data;
  return {
    project: {
      name: data.name,
      nameEn: data.nameEn ?? null,
      description: data.description ?? null,
      optimization: data.optimization,
      type: data.type,
      sizeClass: data.sizeClass,
      responsibleUnit: data.responsibleUnit,
      phase: phase as ProjectPhase,
      heldFrom: heldFrom as HoldablePhase | null,
      phaseSince: (values.phaseSince as string | undefined) ?? null,
      funding: data.funding,
      budget: data.budget ?? null,
      budgetNote: data.budgetNote ?? null,
      deliverables: data.deliverables,
      facility: (data.facility as ProjectFacility | null | undefined) ?? null,
      weight: data.weight,
      published: data.published,
      opportunity: data.opportunity,
      recordedProgress: (values.recordedProgress as number | undefined) ?? null,
      schedule,
      milestones: milestonesRead.data.map((milestone) => ({ name: milestone.name, planned: milestone.planned ?? null, actual: milestone.actual ?? null })),
      demo: values.demo === true,
    },
    errors: [],
  };
}

/** The project library's fields, checked as `POST /api/projects` checks a new project. */
export const PROJECT_IMPORT_FIELDS: ImportTargetFields = {
  properties: PROJECT_IMPORT_FIELDS_LIST,
  check: (values, shape) => readImportedProject(values as Record<string, FeatureValue>, shape).errors,
};

/** The library's fields for a file: the fixed ones, and the numbered and facility columns it has. */
export function projectImportFields(fieldNames: readonly string[]): ImportTargetFields {
  const extra = flatImportProperties(fieldNames);
  return extra.length ? { ...PROJECT_IMPORT_FIELDS, properties: [...PROJECT_IMPORT_FIELDS_LIST, ...extra] } : PROJECT_IMPORT_FIELDS;
}
