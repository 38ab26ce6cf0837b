import type { CoverageResponse, GapCells, IsochroneResponse, LifeCircleResponse } from '../../../core/analysis/api-contract.ts';
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
