import type { CityCheckResponse } from '../../../core/city-check/city-check-contract.ts';
import type { CityCheckFigure } from '../../../core/city-check/city-check-figures.ts';
import { ANALYSIS_DEFAULTS } from '../../../core/standards.ts';
import { ANALYSIS_LAYERS, type AnalysisSettings } from '../analysis/analysis-settings.ts';
import { fetchJson } from '../api/fetch-json.ts';

/**
 * The city check (城市体检) on the dashboard: the district's figures with each town's beside
 * them (`level=town`), or one town's (`level=town&town=`), one request either way.
 */
export function loadCityCheck(town: string | undefined, signal: AbortSignal): Promise<CityCheckResponse> {
  return fetchJson<CityCheckResponse>(`/api/city-check?level=town${town ? `&town=${encodeURIComponent(town)}` : ''}`, signal);
}

/** What a walking-coverage figure was measured against (the standard's minutes and metres). */
export interface WalkingStandard {
  minutes: number;
  distanceM: number;
  layers: string[];
}

export function walkingStandard(figure: CityCheckFigure): WalkingStandard | undefined {
  const standard = figure.standard;
  if (figure.kind !== 'walking_coverage' || !standard || !('minutes' in standard)) return undefined;
  return { minutes: standard.minutes, distanceM: standard.distanceM, layers: standard.layers };
}

/**
 * The analysis panel on the indicator's first facility layer, at the indicator's walk along the
 * network (a link restores the same: `analysis=primary_schools/750/network`); undefined where the
 * panel cannot show it (a layer without a service standard, a walk beyond its longest distance).
 */
export function analysisOf(standard: WalkingStandard): AnalysisSettings | undefined {
  const layer = standard.layers.find((candidate) => ANALYSIS_LAYERS.includes(candidate));
  const radius = Math.round(standard.distanceM * 100) / 100;
  if (!layer || radius <= 0 || radius > ANALYSIS_DEFAULTS.maxRadiusM) return undefined;
  return { layer, radius, mode: 'network' };
}
