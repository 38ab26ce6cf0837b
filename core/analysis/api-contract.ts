import { z } from 'zod';
import { ANALYSIS_DEFAULTS } from '../standards.ts';

/**
 * The analysis API's contract, shared by server (validation) and client (types).
 * Distances are metres; the radius defaults to the layer's standard (core/standards.ts).
 */
export const ANALYSIS_MODES = ['euclidean', 'network'] as const;
export type AnalysisMode = (typeof ANALYSIS_MODES)[number];

const radius = z.number().positive().max(ANALYSIS_DEFAULTS.maxRadiusM);

export const coverageRequestSchema = z.strictObject({
  layer: z.string().min(1).max(80),
  radius: radius.optional(),
  mode: z.enum(ANALYSIS_MODES).default('euclidean'),
});
export type CoverageRequest = z.infer<typeof coverageRequestSchema>;

export const isochroneRequestSchema = z.strictObject({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  minutes: z
    .array(z.number().min(1).max(ANALYSIS_DEFAULTS.maxIsochroneMinutes))
    .min(1)
    .max(6)
    .refine((values) => new Set(values).size === values.length, 'minutes must not repeat')
    .optional(),
  walkingSpeedKmh: z.number().min(1).max(10).optional(),
});
export type IsochroneRequest = z.infer<typeof isochroneRequestSchema>;

export interface CommunityCoverage {
  code: string;
  name: string;
  population: number;
  coveredPopulation: number;
  coveredShare: number | null;
}

export interface CoverageResponse {
  layer: string;
  radius: number;
  mode: AnalysisMode;
  totalPopulation: number;
  coveredPopulation: number;
  coveredShare: number;
  byCommunity: CommunityCoverage[];
  /** Network mode: population of cells with no road within the snap tolerance. */
  unreachablePopulation?: number;
  /** Network mode: facilities with no road within the snap tolerance. */
  unreachableFacilities?: number;
  walkingSpeedKmh?: number;
  /** Network mode: the radius as walking minutes at that speed. */
  minutes?: number;
  snapToleranceM?: number;
  /** Data versions the result was computed from (they grow with every edit). */
  versions: Record<string, number>;
  elapsedMs: number;
}
