import { z } from 'zod';
import { ANALYSIS_DEFAULTS } from '../standards.ts';
import { ANALYSIS_MODES, type AnalysisMode } from './api-contract.ts';

/**
 * `POST /api/analysis/scenario`: coverage today, and with the facilities of the projects in the
 * given phases added as if they were built (the scenario view: today vs today + every approved
 * and under-construction project, before anything is built). Shared by server and client.
 */

/** Phases whose projects have not added their facility yet (a completed one already has). */
export const SCENARIO_PHASES = ['proposed', 'approved', 'design', 'construction', 'on_hold'] as const;
export type ScenarioPhase = (typeof SCENARIO_PHASES)[number];

/** Approved and not yet built: what the district has decided to build. */
export const DEFAULT_SCENARIO_PHASES: readonly ScenarioPhase[] = ['approved', 'design', 'construction'];

export const scenarioRequestSchema = z.strictObject({
  layer: z.string().min(1).max(80),
  radius: z.number().positive().max(ANALYSIS_DEFAULTS.maxRadiusM).optional(),
  mode: z.enum(ANALYSIS_MODES).default('euclidean'),
  phases: z
    .array(z.enum(SCENARIO_PHASES))
    .min(1)
    .max(SCENARIO_PHASES.length)
    .refine((phases) => new Set(phases).size === phases.length, 'each phase is named once')
    .default([...DEFAULT_SCENARIO_PHASES]),
});
export type ScenarioRequest = z.infer<typeof scenarioRequestSchema>;

export interface ScenarioTotals {
  totalPopulation: number;
  coveredPopulation: number;
  coveredShare: number;
}

export interface ScenarioCommunity {
  code: string;
  name: string;
  population: number;
  /** Covered today, and once the projects' facilities are built. */
  coveredToday: number;
  coveredWithProjects: number;
  /** coveredWithProjects − coveredToday: the residents the projects bring within reach. */
  gainedPopulation: number;
}

export interface ScenarioProject {
  id: number;
  name: string;
  phase: ScenarioPhase;
}

export interface ScenarioResponse {
  layer: string;
  radius: number;
  mode: AnalysisMode;
  phases: ScenarioPhase[];
  /** The projects whose facilities were added (facility layer = the layer, phase among `phases`). */
  projects: ScenarioProject[];
  today: ScenarioTotals;
  withProjects: ScenarioTotals;
  gainedPopulation: number;
  byCommunity: ScenarioCommunity[];
  /** Data versions of the layers the coverage was computed from. */
  versions: Record<string, number>;
  elapsedMs: number;
}
