import type { CoverageResponse } from '../../../core/analysis/api-contract.ts';
import type { LifeCircleColumn } from '../../../core/analysis/life-circle.ts';
import { postJson, requestJson } from '../api/fetch-json.ts';
import type { AnalysisSettings } from './analysis-settings.ts';

/** Typed calls to `/api/analysis/*`; every failure is the app's one ApiRequestError. */

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
  features: GapCell[];
}

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
  mode: AnalysisSettings['mode'];
  columns: LifeCircleColumn[];
  district: Omit<LifeCircleJsonRow, 'code' | 'name'>;
  communities: LifeCircleJsonRow[];
  elapsedMs: number;
}

const coverageBody = (settings: AnalysisSettings) => ({ layer: settings.layer, radius: settings.radius, mode: settings.mode });

export const fetchCoverage = (settings: AnalysisSettings, signal?: AbortSignal) =>
  postJson<CoverageResponse>('/api/analysis/coverage', coverageBody(settings), signal);

export const fetchGapCells = (settings: AnalysisSettings, signal?: AbortSignal) =>
  postJson<GapCells>('/api/analysis/coverage?format=geojson', coverageBody(settings), signal);

export const fetchIsochrones = (lon: number, lat: number, minutes: readonly number[], signal?: AbortSignal) =>
  postJson<IsochroneResponse>('/api/analysis/isochrone', { lon, lat, minutes }, signal);

export const fetchLifeCircle = (mode: AnalysisSettings['mode'], signal?: AbortSignal) =>
  requestJson<LifeCircleResponse>(`/api/analysis/life-circle?mode=${mode}`, {}, signal);
