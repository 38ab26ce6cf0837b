import { z } from 'zod';
import { featurePropertiesSchema, isEditableLayer, lineCoordinates, polygonCoordinates, position } from '../layers/feature-input.ts';
import type { FeatureValue, Position } from '../layers/feature-contract.ts';
import { findLayer } from '../layers/registry.ts';
import type { DemandOptimization } from '../demands/demand-types.ts';
import { FUNDING_SOURCES, SIZE_CLASSES, type FundingSource, type SizeClass } from './project-constants.ts';
import { PROJECT_PHASES, type HoldablePhase, type ProjectPhase } from './project-phases.ts';
import { SCHEDULED_PHASES, isCalendarDate, type Lateness, type PhaseDates, type ScheduledPhase } from './project-schedule.ts';

/**
 * The project API's contract (`/api/projects…`): the requests the server validates and the
 * answers it sends, shared with the client. Phases and dates are in project-phases.ts and
 * project-schedule.ts.
 */

export { FUNDING_SOURCES, SIZE_CLASSES, type FundingSource, type SizeClass };

export const PROJECT_LIMITS = {
  nameChars: 120,
  nameEnChars: 200,
  unitChars: 80,
  descriptionChars: 2000,
  noteChars: 1000,
  milestones: 50,
  milestoneNameChars: 80,
  deliverables: 20,
  demands: 500,
  problems: 30,
  findingsChars: 4000,
  inspectorChars: 80,
  /** Yuan; anything larger is a typing slip. */
  maxAmount: 1e12,
  /** A package's share given to one sub-project, relative to its siblings. */
  maxWeight: 1000,
  maxBodyChars: 300_000,
} as const;

/** snake_case ids: a project type ("kindergarten"), a deliverable's indicator ("seats"). */
export const PROJECT_ID_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

const optimization = z.number().int().min(1).max(7) as unknown as z.ZodType<DemandOptimization>;
const snakeId = (what: string) => z.string().regex(PROJECT_ID_PATTERN, `${what} is a snake_case id such as "kindergarten"`);
/** Text as stored: trimmed, not blank, within its limit (NUL and lone surrogates are refused by the server). */
const text = (max: number) => z.string().trim().min(1).max(max);
export const calendarDate = z.string().refine(isCalendarDate, 'a date is a calendar day written YYYY-MM-DD');
const amount = z.number().min(0).max(PROJECT_LIMITS.maxAmount);

/** A project's place: a point, line or polygon, or several of one kind (a package of sidewalks). */
export const projectGeometrySchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('Point'), coordinates: position }),
    z.strictObject({ type: z.literal('LineString'), coordinates: lineCoordinates }),
    z.strictObject({ type: z.literal('Polygon'), coordinates: polygonCoordinates }),
    z.strictObject({ type: z.literal('MultiPoint'), coordinates: z.array(position).min(1).max(500) }),
    z.strictObject({ type: z.literal('MultiLineString'), coordinates: z.array(lineCoordinates).min(1).max(100) }),
    z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoordinates).min(1).max(100) }),
  ],
  { error: 'a geometry is a GeoJSON Point, LineString, Polygon, MultiPoint, MultiLineString or MultiPolygon' },
);
export type ProjectGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export const fundingSchema = z
  .array(z.strictObject({ source: z.enum(FUNDING_SOURCES), amount }))
  .max(FUNDING_SOURCES.length)
  .refine((items) => new Set(items.map((item) => item.source)).size === items.length, 'each funding source is named once');
export type Funding = { source: FundingSource; amount: number }[];

export const deliverablesSchema = z
  .array(z.strictObject({ indicator: snakeId('an indicator'), amount }))
  .max(PROJECT_LIMITS.deliverables)
  .refine((items) => new Set(items.map((item) => item.indicator)).size === items.length, 'each indicator is named once');
export type Deliverable = { indicator: string; amount: number };

/**
 * The facility the project adds to a facility layer when completed: the layer's own rules
 * (required properties, value types) apply, as if it were added on the map. Its place is the
 * project's geometry (a point layer takes a point on it).
 */
export const facilitySchema = z
  .strictObject({ layer: z.string().max(64), properties: z.record(z.string(), z.unknown()) })
  .superRefine((facility, context) => {
    const layer = findLayer(facility.layer);
    if (!layer || !isEditableLayer(layer)) {
      context.addIssue({ code: 'custom', path: ['layer'], message: `${JSON.stringify(facility.layer.slice(0, 40))} is not a facility layer a project can add to` });
      return;
    }
    const parsed = featurePropertiesSchema(layer).safeParse(facility.properties);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', path: ['properties', ...issue.path.map(String)], message: issue.message });
    }
  });
export interface ProjectFacility {
  layer: string;
  properties: Record<string, FeatureValue>;
}

const plannedDatesSchema = z
  .strictObject({ plannedStart: calendarDate.nullable().optional(), plannedEnd: calendarDate.nullable().optional() })
  .refine((dates) => !dates.plannedStart || !dates.plannedEnd || dates.plannedStart <= dates.plannedEnd, 'a phase ends on or after its start');
/** Planned dates per phase; actual dates are written by the phase moves (POST …/phase). */
export const plannedScheduleSchema = z.strictObject(
  Object.fromEntries(SCHEDULED_PHASES.map((phase) => [phase, plannedDatesSchema.optional()])) as Record<ScheduledPhase, z.ZodOptional<typeof plannedDatesSchema>>,
);
export type PlannedSchedule = Partial<Record<ScheduledPhase, { plannedStart?: string | null; plannedEnd?: string | null }>>;

export const milestoneSchema = z.strictObject({
  name: text(PROJECT_LIMITS.milestoneNameChars),
  planned: calendarDate.nullable().optional(),
  actual: calendarDate.nullable().optional(),
});
export const milestonesSchema = z
  .array(milestoneSchema)
  .max(PROJECT_LIMITS.milestones)
  .refine((items) => new Set(items.map((item) => item.name)).size === items.length, 'each milestone has its own name');
export type MilestoneInput = z.infer<typeof milestoneSchema>;

const projectFields = {
  name: text(PROJECT_LIMITS.nameChars),
  nameEn: text(PROJECT_LIMITS.nameEnChars),
  description: text(PROJECT_LIMITS.descriptionChars),
  optimization,
  type: snakeId('a project type'),
  geometry: projectGeometrySchema,
  sizeClass: z.enum(SIZE_CLASSES),
  responsibleUnit: text(PROJECT_LIMITS.unitChars),
  funding: fundingSchema,
  budget: amount,
  /** Internal: never shown to the public. */
  budgetNote: text(PROJECT_LIMITS.noteChars),
  deliverables: deliverablesSchema,
  facility: facilitySchema,
  demandIds: z.array(z.number().int().positive()).max(PROJECT_LIMITS.demands).refine((ids) => new Set(ids).size === ids.length, 'each demand is linked once'),
  parentId: z.number().int().positive(),
  weight: z.number().gt(0).max(PROJECT_LIMITS.maxWeight),
  published: z.boolean(),
  opportunity: z.boolean(),
  progress: z.number().min(0).max(100),
  schedule: plannedScheduleSchema,
  milestones: milestonesSchema,
};

/** `POST /api/projects`: a new project, always `proposed`. */
export const newProjectSchema = z.strictObject({
  name: projectFields.name,
  nameEn: projectFields.nameEn.optional(),
  description: projectFields.description.optional(),
  optimization: projectFields.optimization,
  type: projectFields.type,
  geometry: projectFields.geometry,
  sizeClass: projectFields.sizeClass,
  responsibleUnit: projectFields.responsibleUnit,
  funding: projectFields.funding.default([]),
  budget: projectFields.budget.nullable().optional(),
  budgetNote: projectFields.budgetNote.nullable().optional(),
  deliverables: projectFields.deliverables.default([]),
  facility: projectFields.facility.nullable().optional(),
  demandIds: projectFields.demandIds.default([]),
  parentId: projectFields.parentId.nullable().optional(),
  weight: projectFields.weight.default(1),
  /** The commission's and the administrator's to set. */
  published: projectFields.published.default(false),
  opportunity: projectFields.opportunity.default(false),
  progress: projectFields.progress.nullable().optional(),
  schedule: projectFields.schedule.default({}),
  milestones: projectFields.milestones.default([]),
});
export type NewProjectRequest = z.infer<typeof newProjectSchema>;

/** `PATCH /api/projects/{id}` with If-Match: only what changes; null clears an optional field. */
export const projectPatchSchema = z
  .strictObject({
    name: projectFields.name.optional(),
    nameEn: projectFields.nameEn.nullable().optional(),
    description: projectFields.description.nullable().optional(),
    optimization: projectFields.optimization.optional(),
    type: projectFields.type.optional(),
    geometry: projectFields.geometry.optional(),
    sizeClass: projectFields.sizeClass.optional(),
    responsibleUnit: projectFields.responsibleUnit.optional(),
    funding: projectFields.funding.optional(),
    budget: projectFields.budget.nullable().optional(),
    budgetNote: projectFields.budgetNote.nullable().optional(),
    deliverables: projectFields.deliverables.optional(),
    facility: projectFields.facility.nullable().optional(),
    demandIds: projectFields.demandIds.optional(),
    parentId: projectFields.parentId.nullable().optional(),
    weight: projectFields.weight.optional(),
    published: projectFields.published.optional(),
    opportunity: projectFields.opportunity.optional(),
    progress: projectFields.progress.nullable().optional(),
    schedule: projectFields.schedule.optional(),
    milestones: projectFields.milestones.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'a change names at least one field');
export type ProjectPatchRequest = z.infer<typeof projectPatchSchema>;

/** Fields only the commission and the administrator set (a proposal does not publish itself). */
export const MANAGER_ONLY_FIELDS = ['published', 'opportunity'] as const;

/** `POST /api/projects/{id}/phase` with If-Match: the next phase and the day it happened (default today). */
export const phaseChangeSchema = z.strictObject({
  phase: z.enum(PROJECT_PHASES),
  date: calendarDate.optional(),
  /** Why a project is held or cancelled; kept in the trail. */
  reason: text(PROJECT_LIMITS.noteChars).optional(),
});
export type PhaseChangeRequest = z.infer<typeof phaseChangeSchema>;

/** `PUT /api/projects/{id}/milestones` with If-Match: the whole list, in order. */
export const milestonesReplaceSchema = z.strictObject({ milestones: milestonesSchema });

/** `POST /api/projects/{id}/inspections`: one site visit (现场调度/督查). */
export const newInspectionSchema = z.strictObject({
  date: calendarDate,
  /** Who inspected; the signed-in user's name when left out. */
  inspector: text(PROJECT_LIMITS.inspectorChars).optional(),
  findings: text(PROJECT_LIMITS.findingsChars),
  /** 难点/堵点/卡点: each with who must solve it and by when. */
  problems: z
    .array(z.strictObject({ description: text(PROJECT_LIMITS.noteChars), owner: text(PROJECT_LIMITS.unitChars), due: calendarDate }))
    .max(PROJECT_LIMITS.problems)
    .default([]),
});
export type NewInspectionRequest = z.infer<typeof newInspectionSchema>;

export interface InspectionProblem {
  description: string;
  owner: string;
  due: string;
}

/** An inspection as staff see it. */
export interface ProjectInspection {
  id: number;
  projectId: number;
  date: string;
  inspector: string;
  findings: string;
  problems: InspectionProblem[];
  recordedBy: string;
  createdAt: string;
}
/** An inspection as the public see it: no problems list (internal). */
export type PublicInspection = Omit<ProjectInspection, 'problems' | 'recordedBy'>;

export interface ProjectMilestone {
  id: number;
  name: string;
  planned: string | null;
  actual: string | null;
}

/** A project as the public see it: what, where, who, when and how far along. */
export interface PublicProject {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  optimization: DemandOptimization;
  type: string;
  phase: ProjectPhase;
  /** The phase a held project left (and resumes to); null otherwise. */
  heldFrom: HoldablePhase | null;
  geometry: ProjectGeometry;
  /** Every town and community the geometry touches, the primary (largest share) first. */
  towns: string[];
  communities: string[];
  primaryTown: string;
  primaryCommunity: string;
  /** Measured on the ellipsoid: a line's length, a polygon's area; null for other shapes. */
  lengthM: number | null;
  areaM2: number | null;
  sizeClass: SizeClass;
  responsibleUnit: string;
  funding: Funding;
  budget: number | null;
  deliverables: Deliverable[];
  facility: ProjectFacility | null;
  parentId: number | null;
  weight: number;
  published: boolean;
  opportunity: boolean;
  /** Percent: rolled up from sub-projects for a package, else recorded or the phase's default. */
  progress: number;
  schedule: Partial<Record<ScheduledPhase, PhaseDates>>;
  milestones: ProjectMilestone[];
  /** Computed on the server against the district's today. */
  late: Lateness;
  /** When the project entered its current phase. */
  phaseSince: string | null;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A project as staff see it. */
export interface ProjectRecord extends PublicProject {
  budgetNote: string | null;
  /** The progress typed in, before roll-up and phase defaults. */
  recordedProgress: number | null;
  demandIds: number[];
  childIds: number[];
  /** The feature the completion added to the facility layer; null unless completed with a facility. */
  facilityFeatureId: number | null;
  version: number;
}

/**
 * The list counts its matches exactly up to this many (or to the end of the page asked for, when
 * that is further); past it, `total` says only that there are more.
 */
export const PROJECT_LIST_COUNT_CAP = 1000;

/**
 * `GET /api/projects`. `totalExact` true: `total` projects match. False: more than `total` match
 * (`total` is then the count's limit: PROJECT_LIST_COUNT_CAP, or offset + limit when larger).
 */
export interface ProjectList<T extends PublicProject = PublicProject> {
  total: number;
  totalExact: boolean;
  items: T[];
}

/** `GET /api/projects/schedule?year=`: one bar of the timeline (建设时序清单). */
export interface ScheduleItem {
  id: number;
  code: string;
  name: string;
  optimization: DemandOptimization;
  type: string;
  phase: ProjectPhase;
  heldFrom: HoldablePhase | null;
  primaryTown: string;
  primaryCommunity: string;
  sizeClass: SizeClass;
  responsibleUnit: string;
  parentId: number | null;
  progress: number;
  schedule: Partial<Record<ScheduledPhase, PhaseDates>>;
  milestones: ProjectMilestone[];
  late: Lateness;
  /** The first and last dates the schedule names. */
  start: string | null;
  end: string | null;
}

export interface ProjectSchedulePage {
  year: number | null;
  today: string;
  total: number;
  items: ScheduleItem[];
}
