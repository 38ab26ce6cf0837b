import { z } from 'zod';
import type { DemandOptimization } from '../demands/demand-types.ts';
import type { FundingSource, SizeClass } from '../projects/project-constants.ts';
import { INDICATOR_IDS, type IndicatorId } from './indicators.ts';
import type { TargetStatus } from './target-status.ts';

/** The targets API (`/api/targets…`), shared by the server and the dashboard. */

export const TARGET_LIMITS = { minYear: 2000, maxYear: 2100, maxTarget: 1e9 } as const;

const year = z.coerce.number().int().min(TARGET_LIMITS.minYear).max(TARGET_LIMITS.maxYear);
/** A town's division code (12 digits in the frame; any short code of digits is accepted). */
export const townCode = z.string().regex(/^\d{6,12}$/, 'a town is its division code, e.g. 500108001000');
const figure = z.number().min(0).max(TARGET_LIMITS.maxTarget);

/** `GET /api/targets?year=&town=`: without year, the latest year with targets (else this year). */
export const targetsQuerySchema = z.strictObject({ year: year.optional(), town: townCode.optional() });

/** `POST /api/targets`: a year's figure for an indicator, for the district (town null) or a town. */
export const newTargetSchema = z.strictObject({
  year: z.number().int().min(TARGET_LIMITS.minYear).max(TARGET_LIMITS.maxYear),
  indicator: z.enum(INDICATOR_IDS as [IndicatorId, ...IndicatorId[]]),
  town: townCode.nullable().default(null),
  target: figure,
});
export type NewTargetRequest = z.infer<typeof newTargetSchema>;

/** `PATCH /api/targets/{id}` with If-Match: the figure changed. */
export const targetPatchSchema = z.strictObject({ target: figure });

/** `PUT /api/targets/{year}/size-ratio` with If-Match (when one exists): the large:medium:small target. */
export const sizeRatioSchema = z
  .strictObject({ large: figure, medium: figure, small: figure })
  .refine((ratio) => ratio.large + ratio.medium + ratio.small > 0, 'a ratio names at least one size');

/** A stored target, as the commission edits it. */
export interface TargetRecord {
  id: number;
  year: number;
  indicator: IndicatorId;
  town: string | null;
  target: number;
  demo: boolean;
  version: number;
  updatedAt: string;
}

/** One line of the yearly list: the figure set, and what completed projects achieved. */
export interface TargetLine {
  indicator: IndicatorId;
  /** Null for an indicator that spans the optimizations (demonstration points). */
  optimization: DemandOptimization | null;
  unit: { zh: string; en: string };
  target: number | null;
  /** Completed projects' deliverables, in the year of their completion. */
  achieved: number;
  /** Deliverables of projects under construction now, beside it. */
  underConstruction: number;
  share: number | null;
  status: TargetStatus | null;
  /** The stored target behind the figure, to edit it (null: none set). */
  targetId: number | null;
  version: number | null;
}

export interface SizeMix {
  /** Published projects of the year (their schedule reaching into it), not cancelled. */
  actual: Record<SizeClass, number>;
  /** The target ratio, null when none is set. */
  target: (Record<SizeClass, number> & { version: number }) | null;
}

export interface TownTargets {
  town: string;
  /** The indicators the plan sets per town, with the town's figure. */
  indicators: Pick<TargetLine, 'indicator' | 'target' | 'achieved' | 'underConstruction' | 'share' | 'status'>[];
}

export interface TargetsResponse {
  year: number;
  town: string | null;
  /** The share of the year elapsed that the status is judged against. */
  elapsed: number;
  /** Targets marked demo were generated (the plan's figures are redacted). */
  demo: boolean;
  indicators: TargetLine[];
  sizes: SizeMix;
  /** Money by source over the year's projects (not cancelled), in yuan. */
  funding: Record<FundingSource, number>;
  /** Per town, the indicators the plan sets per town (all towns when no town is asked for). */
  towns: TownTargets[];
}
