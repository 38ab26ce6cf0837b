import { z } from 'zod';
import { ANALYSIS_DEFAULTS } from '../standards.ts';
import type { LifeCircleColumn } from './life-circle.ts';

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

/** `POST /api/analysis/coverage?format=geojson`: the population cells out of reach. */
export interface GapCellProperties {
  population: number;
  community_code: string;
  /** Network mode: false when no road is within the snap tolerance (out of reach, not far). */
  reachable: boolean;
}

export interface GapCell {
  type: 'Feature';
  /** The population cell's id (the demand set's `ids`). */
  id: number;
  properties: GapCellProperties;
  geometry: { type: 'Polygon'; coordinates: number[][][] };
}

export interface GapCells {
  type: 'FeatureCollection';
  layer: string;
  radius: number;
  mode: AnalysisMode;
  versions: Record<string, number>;
  features: GapCell[];
}

/** `POST /api/analysis/isochrone`: one nested band per requested minute count. */
export interface IsochroneBand {
  type: 'Feature';
  properties: { minutes: number; distanceM: number; areaM2: number };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface IsochroneResponse {
  type: 'FeatureCollection';
  features: IsochroneBand[];
  origin: { coordinates: [number, number]; snapped: [number, number]; connectorM: number };
  walkingSpeedKmh: number;
  /** The road network's data version the bands were computed on. */
  versions: { roads: number };
  elapsedMs: number;
}

/** `GET /api/analysis/life-circle` as JSON: shares keyed by layer, rows per community. */
export interface LifeCircleJsonRow {
  code: string;
  name: string;
  population: number;
  shares: Record<string, number | null>;
  score: number | null;
}

export interface LifeCircleResponse {
  mode: AnalysisMode;
  columns: LifeCircleColumn[];
  district: Omit<LifeCircleJsonRow, 'code' | 'name'>;
  communities: LifeCircleJsonRow[];
  /** Data versions the matrix was computed from. */
  versions: Record<string, number>;
  elapsedMs: number;
}
