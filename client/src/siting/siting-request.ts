import type { CandidateSource, SitingMethodChoice, SitingRequest } from '../../../core/siting/index.ts';
import { IDLE_PLOTS_LAYER, usesP, usesRadius, type SitingSettings } from './siting-settings.ts';

/** A candidate site clicked on the map; the id names it in the result and the exports. */
export interface CandidatePoint {
  id: string;
  lon: number;
  lat: number;
}

/** The advanced choices, kept out of the link: they change how long a run takes, not the question. */
export interface SitingAdvanced {
  method: SitingMethodChoice;
  /** Seconds; undefined leaves the server's default. */
  timeLimit?: number;
}

function candidateSources(settings: SitingSettings, points: readonly CandidatePoint[]): CandidateSource | CandidateSource[] {
  const grid = { grid: settings.gridSpacing };
  switch (settings.candidates) {
    case 'idle':
      return IDLE_PLOTS_LAYER;
    case 'grid':
      return grid;
    case 'idle+grid':
      return [IDLE_PLOTS_LAYER, grid];
    case 'points':
      return { points: points.map(({ id, lon, lat }) => ({ id, lon, lat })) };
  }
}

/** The POST body for our own data: the layer's facilities kept, candidates from the chosen source. */
export function buildSitingRequest(settings: SitingSettings, advanced: SitingAdvanced, points: readonly CandidatePoint[]): SitingRequest {
  return {
    model: settings.model,
    facilityLayer: settings.layer,
    ...(usesP(settings.model) ? { p: settings.p } : {}),
    ...(usesRadius(settings.model) ? { radius: settings.radius } : {}),
    candidates: candidateSources(settings, points),
    mode: settings.mode,
    keepExisting: settings.keepExisting,
    method: advanced.method,
    ...(advanced.timeLimit !== undefined ? { timeLimit: advanced.timeLimit } : {}),
  };
}

/** Equal keys: the same request (the panel marks a result whose form has changed since). */
export function sitingRequestKey(settings: SitingSettings, advanced: SitingAdvanced, points: readonly CandidatePoint[]): string {
  return JSON.stringify(buildSitingRequest(settings, advanced, points));
}
