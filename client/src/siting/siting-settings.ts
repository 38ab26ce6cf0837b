import type { AnalysisMode } from '../../../core/analysis/api-contract.ts';
// The contract's plain tables, not core/siting/index.ts: the index also carries the request schemas (zod).
import { SITING_MODELS, type SitingModel } from '../../../core/siting/contract/siting-types.ts';
import { ANALYSIS_DEFAULTS } from '../../../core/standards.ts';
import { ANALYSIS_LAYERS, ANALYSIS_MODE_LIST, standardRadius } from '../analysis/analysis-settings.ts';

/**
 * The siting form as a link restores it:
 * `siting=kindergartens/mclp/3/300/idle_plots/euclidean` — facility layer / model / p / radius in
 * metres / candidate source / distance mode, and a trailing `/nokeep` when the layer's existing
 * facilities are left out. p and radius are both kept whatever the model, so switching model
 * keeps the other number. Points drawn on the map are a sketch of the moment and are not in the
 * link. Part of the first download (the URL is read at start-up): types and small tables only.
 */
export type CandidateChoice = 'idle' | 'grid' | 'idle+grid' | 'points';

export interface SitingSettings {
  layer: string;
  model: SitingModel;
  /** New sites (mclp, pmedian). */
  p: number;
  /** Service distance in metres (mclp, lscp). */
  radius: number;
  candidates: CandidateChoice;
  /** Spacing of the regular candidate grid, metres. */
  gridSpacing: number;
  mode: AnalysisMode;
  keepExisting: boolean;
}

/** The registry layer of vacant plots, the usual candidate sites. */
export const IDLE_PLOTS_LAYER = 'idle_plots';

export const SITING_LAYERS = ANALYSIS_LAYERS;
export const SITING_MODEL_LIST: readonly SitingModel[] = SITING_MODELS;
export const CANDIDATE_CHOICES: readonly CandidateChoice[] = ['idle', 'grid', 'idle+grid', 'points'];
/** A district-wide grid finer than 200 m passes the contract's 20,000-candidate cap here. */
export const GRID_SPACINGS: readonly number[] = [200, 300, 500, 1000];

const DEFAULT_P = 5;
const DEFAULT_GRID_SPACING = 300;

/** The contract's rule (requiresP): the set-covering model finds its own number of sites. */
export const usesP = (model: SitingModel) => model !== 'lscp';
/** p-median minimises distance; the covering models need the service distance. */
export const usesRadius = (model: SitingModel) => model !== 'pmedian';
export const usesGrid = (choice: CandidateChoice) => choice === 'grid' || choice === 'idle+grid';

export function defaultSitingSettings(layer = 'kindergartens'): SitingSettings {
  return { layer, model: 'mclp', p: DEFAULT_P, radius: standardRadius(layer), candidates: 'idle', gridSpacing: DEFAULT_GRID_SPACING, mode: 'euclidean', keepExisting: true };
}

function formatCandidates(settings: SitingSettings): string {
  const grid = `grid${settings.gridSpacing}`;
  return { idle: IDLE_PLOTS_LAYER, grid, 'idle+grid': `${IDLE_PLOTS_LAYER},${grid}`, points: 'points' }[settings.candidates];
}

export function formatSitingParam(settings: SitingSettings): string {
  const parts = [settings.layer, settings.model, settings.p, settings.radius, formatCandidates(settings), settings.mode];
  return parts.join('/') + (settings.keepExisting ? '' : '/nokeep');
}

function parseCandidates(text: string | undefined): Pick<SitingSettings, 'candidates'> & { gridSpacing?: number } {
  const parts = (text ?? '').split(',');
  const idle = parts.includes(IDLE_PLOTS_LAYER);
  const gridPart = parts.find((part) => /^grid\d{2,4}$/.test(part));
  const spacing = gridPart ? Number(gridPart.slice(4)) : undefined;
  const gridSpacing = spacing !== undefined && GRID_SPACINGS.includes(spacing) ? spacing : undefined;
  if (parts.includes('points')) return { candidates: 'points' };
  if (gridSpacing !== undefined) return { candidates: idle ? 'idle+grid' : 'grid', gridSpacing };
  return { candidates: 'idle' };
}

const wholeNumber = (text: string | undefined, min: number, max: number) => {
  const value = Number(text);
  return /^\d{1,5}$/.test(text ?? '') && value >= min && value <= max ? value : undefined;
};

/** Anything unreadable falls back to the default for that part; an unknown layer gives undefined. */
export function parseSitingParam(text: string | null): SitingSettings | undefined {
  if (text === null) return undefined;
  const [layer, modelText, pText, radiusText, candidatesText, modeText, keepText] = text.split('/');
  if (!SITING_LAYERS.includes(layer)) return undefined;
  const defaults = defaultSitingSettings(layer);
  return {
    ...defaults,
    model: SITING_MODEL_LIST.find((model) => model === modelText) ?? defaults.model,
    // The contract caps p at 200 (a link cannot ask for more than the form may send).
    p: wholeNumber(pText, 1, 200) ?? defaults.p,
    radius: wholeNumber(radiusText, 1, ANALYSIS_DEFAULTS.maxRadiusM) ?? defaults.radius,
    ...parseCandidates(candidatesText),
    mode: ANALYSIS_MODE_LIST.find((mode) => mode === modeText) ?? defaults.mode,
    keepExisting: keepText !== 'nokeep',
  };
}
