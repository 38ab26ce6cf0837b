import type { CoverageResponse, GapCells, IsochroneResponse, LifeCircleResponse } from '../../../core/analysis/api-contract.ts';
import { DEFAULT_SCENARIO_PHASES, type ScenarioResponse } from '../../../core/analysis/scenario-contract.ts';
import { postJson, requestJson } from '../api/fetch-json.ts';
import type { AnalysisSettings } from './analysis-settings.ts';

/** Typed calls to `/api/analysis/*`; every failure is the app's one ApiRequestError. */

const coverageBody = (settings: AnalysisSettings) => ({ layer: settings.layer, radius: settings.radius, mode: settings.mode });

export const fetchCoverage = (settings: AnalysisSettings, signal?: AbortSignal) =>
  postJson<CoverageResponse>('/api/analysis/coverage', coverageBody(settings), signal);

export const fetchGapCells = (settings: AnalysisSettings, signal?: AbortSignal) =>
  postJson<GapCells>('/api/analysis/coverage?format=geojson', coverageBody(settings), signal);

export const fetchIsochrones = (lon: number, lat: number, minutes: readonly number[], signal?: AbortSignal) =>
  postJson<IsochroneResponse>('/api/analysis/isochrone', { lon, lat, minutes }, signal);

export const fetchLifeCircle = (mode: AnalysisSettings['mode'], signal?: AbortSignal) =>
  requestJson<LifeCircleResponse>(`/api/analysis/life-circle?mode=${mode}`, {}, signal);

/** Coverage today and once the approved, designed and building projects of the layer are built (staff only). */
export const fetchScenario = (settings: AnalysisSettings, signal?: AbortSignal) =>
  postJson<ScenarioResponse>('/api/analysis/scenario', { ...coverageBody(settings), phases: DEFAULT_SCENARIO_PHASES }, signal);
