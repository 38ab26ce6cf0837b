import { z } from 'zod';
import { FUNDING_SOURCES, SIZE_CLASSES } from '../../core/projects/project-constants.ts';
import { PROJECT_PHASES } from '../../core/projects/project-phases.ts';
import { bbox, divisionCode, listOf } from '../demands/demand-query.ts';

/** The query strings of the project list and the schedule, each parameter checked (server/http/read-query.ts). */

const optimization = z.coerce.number().int().min(1).max(7);
const yesNo = z.enum(['true', 'false']).transform((value) => value === 'true');

export const PROJECT_SORTS = ['newest', 'updated', 'code', 'late', 'progress', 'start'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

const filters = {
  phase: listOf(z.enum(PROJECT_PHASES)).optional(),
  optimization: listOf(optimization).optional(),
  /** Projects touching this town or community (a line may cross several). */
  town: divisionCode.optional(),
  community: divisionCode.optional(),
  size: listOf(z.enum(SIZE_CLASSES)).optional(),
  /** Projects with money from any of these sources. */
  funding: listOf(z.enum(FUNDING_SOURCES)).optional(),
  late: yesNo.optional(),
  /** Projects whose schedule reaches into this year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  published: yesNo.optional(),
  opportunity: yesNo.optional(),
  bbox: bbox.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  type: listOf(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/)).optional(),
  parent: z.coerce.number().int().positive().optional(),
};

export const projectListQuerySchema = z.strictObject({
  ...filters,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  sort: z.enum(PROJECT_SORTS).default('newest'),
});
export type ProjectListQuery = z.infer<typeof projectListQuerySchema>;
export type ProjectFilters = Omit<ProjectListQuery, 'limit' | 'offset' | 'sort'>;

/** The timeline: the same filters, a year or not, more rows per page. */
export const projectScheduleQuerySchema = z.strictObject({
  ...filters,
  limit: z.coerce.number().int().min(1).max(2000).default(500),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ProjectScheduleQuery = z.infer<typeof projectScheduleQuerySchema>;
