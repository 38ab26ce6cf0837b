import type { Language } from '../../../core/i18n-text.ts';
import { defaultAnalysisSettings, formatAnalysisParam, parseAnalysisParam, type AnalysisSettings } from '../analysis/analysis-settings.ts';
import { formatSitingParam, parseSitingParam, type SitingSettings } from '../siting/siting-settings.ts';
import { formatDemandListParams, parseDemandListParam, type DemandListState } from '../demands/demand-filters.ts';
import { formatProjectLibraryParams, parseProjectLibraryParam, type ProjectLibraryState } from '../projects/project-filters.ts';

/**
 * What a link restores, kept in the hash so the server never sees it and reloading costs nothing:
 * `#map=12.50/29.53000/106.57000&layers=district,kindergartens&community=500108001001&lang=en`.
 * `map` is zoom/latitude/longitude, the order OpenStreetMap links use. `layers` lists every active
 * layer (empty: none; absent: the defaults). `analysis=<layer>/<metres>/<mode>` is the open
 * analysis panel (absent: closed), `proposals=<lon>,<lat>;…` its what-if's proposed facilities and
 * `town=<code>` the town outlined; `siting=…` (siting-settings.ts) is its siting tab, open with
 * that form. `demands=status:submitted,…` is the open demand list with its filters (and
 * `demandq=` its search, `demand=<id>` the demand shown; demand-filters.ts). Anything unreadable
 * is ignored, never an error.
 */
export interface MapView {
  zoom: number;
  /** [longitude, latitude] */
  center: [number, number];
}

export interface UrlState {
  view?: MapView;
  layers?: string[];
  community?: string;
  town?: string;
  proposals?: Array<[number, number]>;
  language?: Language;
  analysis?: AnalysisSettings;
  siting?: SitingSettings;
  demands?: DemandListState;
  demand?: number;
  projects?: ProjectLibraryState;
  project?: number;
}

const LAYER_ID = /^[a-z][a-z0-9_]{0,62}$/;
const COMMUNITY_CODE = /^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$/;

function parseView(text: string | null): MapView | undefined {
  const parts = text?.split('/').map(Number);
  if (!parts || parts.length !== 3 || parts.some((part) => !Number.isFinite(part))) return undefined;
  const [zoom, latitude, longitude] = parts;
  if (zoom < 0 || zoom > 24 || Math.abs(latitude) > 85.06 || Math.abs(longitude) > 180) return undefined;
  return { zoom, center: [longitude, latitude] };
}

/** At most this many proposals come from a link (a hand-edited one cannot stall the page). */
const MAX_PROPOSALS = 50;

/** `proposals=106.55,29.52;106.56,29.53`: the what-if's proposed facilities, lon,lat each. */
function parseProposals(text: string | null): Array<[number, number]> | undefined {
  const points = (text ?? '').split(';').slice(0, MAX_PROPOSALS).map((pair) => pair.split(',').map(Number))
    .filter((pair): pair is [number, number] => pair.length === 2 && pair.every(Number.isFinite) && Math.abs(pair[0]) <= 180 && Math.abs(pair[1]) <= 90);
  return points.length ? points : undefined;
}

export function parseUrlState(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: UrlState = {};
  const view = parseView(params.get('map'));
  if (view) state.view = view;
  const layers = params.get('layers');
  if (layers !== null) state.layers = layers.split(',').filter((id) => LAYER_ID.test(id));
  const community = params.get('community');
  if (community && COMMUNITY_CODE.test(community)) state.community = community;
  const proposals = parseProposals(params.get('proposals'));
  if (proposals) state.proposals = proposals;
  const town = params.get('town');
  if (town && COMMUNITY_CODE.test(town)) state.town = town;
  const language = params.get('lang');
  if (language === 'zh' || language === 'en') state.language = language;
  const analysis = parseAnalysisParam(params.get('analysis'));
  if (analysis) state.analysis = analysis;
  const siting = parseSitingParam(params.get('siting'));
  if (siting) {
    state.siting = siting;
    // The siting tab lives in the analysis panel: a link to it opens the panel too.
    state.analysis ??= defaultAnalysisSettings();
  }
  const demand = Number(params.get('demand'));
  if (Number.isInteger(demand) && demand > 0 && demand < 2 ** 31) state.demand = demand;
  const demands = parseDemandListParam(params.get('demands') ?? (state.demand ? '' : null), params.get('demandq'));
  if (demands) state.demands = demands;
  // `projects=…` (project-filters.ts) is the open project library, `project=<id>` the project shown.
  const project = Number(params.get('project'));
  if (Number.isInteger(project) && project > 0 && project < 2 ** 31) state.project = project;
  const projects = parseProjectLibraryParam(params.get('projects') ?? (state.project ? '' : null), params.get('projectq'));
  if (projects) state.projects = projects;
  return state;
}

/** Five decimals of a degree is about a metre: enough to put a shared view back where it was. */
export function serializeUrlState(state: Required<Pick<UrlState, 'layers' | 'language'>> & UrlState): string {
  const parts: string[] = [];
  if (state.view) {
    const [longitude, latitude] = state.view.center;
    parts.push(`map=${state.view.zoom.toFixed(2)}/${latitude.toFixed(5)}/${longitude.toFixed(5)}`);
  }
  parts.push(`layers=${state.layers.join(',')}`);
  if (state.community) parts.push(`community=${encodeURIComponent(state.community)}`);
  if (state.town) parts.push(`town=${encodeURIComponent(state.town)}`);
  if (state.analysis) parts.push(`analysis=${formatAnalysisParam(state.analysis)}`);
  if (state.analysis && state.proposals?.length) parts.push(`proposals=${state.proposals.map(([lon, lat]) => `${lon.toFixed(5)},${lat.toFixed(5)}`).join(';')}`);
  if (state.analysis && state.siting) parts.push(`siting=${formatSitingParam(state.siting)}`);
  if (state.demands) parts.push(...formatDemandListParams(state.demands));
  if (state.demands && state.demand) parts.push(`demand=${state.demand}`);
  if (state.projects) parts.push(...formatProjectLibraryParams(state.projects));
  if (state.projects && state.project) parts.push(`project=${state.project}`);
  parts.push(`lang=${state.language}`);
  return `#${parts.join('&')}`;
}
