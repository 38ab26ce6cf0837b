import { getContext, setContext } from 'svelte';
import type { Language } from '../../../core/i18n-text.ts';
import type { AnalysisSettings } from '../analysis/analysis-settings.ts';
import type { DemandListState } from '../demands/demand-filters.ts';
import type { ProjectLibraryState } from '../projects/project-filters.ts';
import type { SitingSettings } from '../siting/siting-settings.ts';
import { describeError } from '../i18n/error-messages.ts';
import { translate, type MessageKey } from '../i18n/messages.ts';
import type { MapView, UrlState } from './url-state.ts';

/** What a first visit shows: the frame, plus one layer from each of the busiest optimizations. */
export const DEFAULT_LAYERS: readonly string[] = [
  'district', 'towns', 'communities', 'roads', 'population',
  'bus_bay_stops', 'kindergartens', 'primary_schools', 'health_centres', 'fresh_markets', 'trails',
];

/**
 * The state a link can restore (language, layers, selected community, view) plus the panels'
 * open/closed state. One instance per app, shared through context.
 */
export class AtlasState {
  language = $state<Language>('zh');
  activeLayers = $state<string[]>([...DEFAULT_LAYERS]);
  community = $state<string | undefined>();
  /** The what-if's proposed facilities, [lon, lat] each, while there are some. */
  proposals = $state.raw<Array<[number, number]> | undefined>();
  /** The town chosen in search or the life-circle filter: outlined on the map. */
  town = $state<string | undefined>();
  view = $state.raw<MapView | undefined>();
  /** The analysis panel's layer, distance and mode; undefined while the panel is closed. */
  analysis = $state.raw<AnalysisSettings | undefined>();
  /** The siting form while the analysis panel shows its siting tab; undefined on the other tabs. */
  siting = $state.raw<SitingSettings | undefined>();
  /** The staff's demand list with its filters; undefined while it is closed. */
  demands = $state.raw<DemandListState | undefined>();
  /** The demand the list shows in full, by id. */
  demand = $state<number | undefined>();
  /** The staff's project library (list or schedule) with its filters; undefined while it is closed. */
  projects = $state.raw<ProjectLibraryState | undefined>();
  /** The project the library shows in full, by id. */
  project = $state<number | undefined>();
  /** The layer drawer on narrow screens (always shown on wide ones). */
  layersOpen = $state(false);

  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.language, key, params);

  /** Why a request failed, in the reader's language (the server's own words: failureDetails). */
  describeFailure = (error: Error): string => this.t('loadFailed', { reason: describeError(this.language, error).text });

  /** The server's raw message, for a details line under the reader's words. */
  failureDetails = (error: Error | undefined): string | undefined => (error ? describeError(this.language, error).details : undefined);

  isActive(layerId: string): boolean {
    return this.activeLayers.includes(layerId);
  }

  setLayerActive(layerId: string, active: boolean): void {
    const others = this.activeLayers.filter((id) => id !== layerId);
    this.activeLayers = active ? [...others, layerId] : others;
  }

  applyUrlState(state: UrlState): void {
    if (state.language) this.language = state.language;
    if (state.layers) this.activeLayers = state.layers;
    this.community = state.community;
    this.town = state.town;
    this.proposals = state.proposals;
    this.analysis = state.analysis;
    this.siting = state.siting;
    this.demands = state.demands;
    this.demand = state.demand;
    this.projects = state.projects;
    this.project = state.project;
    if (state.view) this.view = state.view;
  }
}

const KEY = Symbol('atlas-state');

export function setAtlasState(state: AtlasState): AtlasState {
  return setContext(KEY, state);
}

export function getAtlasState(): AtlasState {
  return getContext<AtlasState>(KEY);
}
