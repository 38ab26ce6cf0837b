import type { AnalysisMode } from '../../../core/analysis/api-contract.ts';
import { ANALYSIS_DEFAULTS, SERVICE_STANDARDS, findServiceStandard } from '../../../core/standards.ts';

/**
 * What the analysis panel shows, as a link restores it: `analysis=kindergartens/300/euclidean`
 * (facility layer / metres / distance mode); present means the panel is open. This module is
 * part of the first download (the URL is read at start-up), so it imports nothing heavy: no zod
 * from the API contract, only types and the standards table.
 */
export interface AnalysisSettings {
  layer: string;
  radius: number;
  mode: AnalysisMode;
}

export const ANALYSIS_MODE_LIST: readonly AnalysisMode[] = ['euclidean', 'network'];

/** The layers a coverage can be asked of: those with a service standard. */
export const ANALYSIS_LAYERS: readonly string[] = SERVICE_STANDARDS.map((standard) => standard.layer);

/** Distances offered besides the layer's own standard: the life circles' and a few between. */
export const RADIUS_CHOICES: readonly number[] = [200, 300, 500, 800, 1000, 1500, 2000];

const FIRST_LAYER = 'kindergartens';

export function standardRadius(layer: string): number {
  return findServiceStandard(layer)?.radiusM ?? 500;
}

export function defaultAnalysisSettings(layer = FIRST_LAYER): AnalysisSettings {
  return { layer, radius: standardRadius(layer), mode: 'euclidean' };
}

/** The distance choices for a layer: its standard and the current radius are always among them. */
export function radiusChoicesFor(settings: AnalysisSettings): number[] {
  return [...new Set([...RADIUS_CHOICES, standardRadius(settings.layer), settings.radius])].sort((a, b) => a - b);
}

/** Anything unreadable gives undefined (the panel stays closed), never an error. */
export function parseAnalysisParam(text: string | null): AnalysisSettings | undefined {
  if (text === null) return undefined;
  const [layer, radiusText, modeText] = text.split('/');
  if (!ANALYSIS_LAYERS.includes(layer)) return undefined;
  const radius = Number(radiusText);
  const mode = ANALYSIS_MODE_LIST.find((candidate) => candidate === modeText) ?? 'euclidean';
  const usable = /^\d{1,5}(\.\d{1,2})?$/.test(radiusText ?? '') && radius > 0 && radius <= ANALYSIS_DEFAULTS.maxRadiusM;
  return { layer, radius: usable ? radius : standardRadius(layer), mode };
}

export function formatAnalysisParam(settings: AnalysisSettings): string {
  return `${settings.layer}/${settings.radius}/${settings.mode}`;
}
