import { DEMAND_SOURCES, type DemandSource } from '../../../core/demands/demand-limits.ts';
import { DEMAND_STATUSES, type DemandStatus } from '../../../core/demands/demand-states.ts';
import { DEMAND_TYPE_ID_PATTERN, type DemandOptimization } from '../../../core/demands/demand-types.ts';

/** How the list is ordered; the same words go to `GET /api/demands?sort=`. */
export const DEMAND_SORTS = ['newest', 'oldest', 'support', 'updated'] as const;
export type DemandSort = (typeof DEMAND_SORTS)[number];

/** What the staff's demand list shows: its filters, order and search (each absent: any). */
export interface DemandFilters {
  status?: DemandStatus;
  optimization?: DemandOptimization;
  type?: string;
  source?: DemandSource;
  town?: string;
  community?: string;
  q?: string;
  sort?: DemandSort;
}

/** The open demand list: its filters and the community shading (absent: off). */
export interface DemandListState {
  filters: DemandFilters;
  choropleth?: 'all' | DemandOptimization;
}

const CODE = /^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$/;
const SEARCH_CHARS = 100;

function readOptimization(text: string | undefined): DemandOptimization | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= 7 ? (value as DemandOptimization) : undefined;
}

function oneOf<T extends string>(values: readonly T[], text: string | undefined): T | undefined {
  return values.find((value) => value === text);
}

/**
 * The list in the link: `demands=status:submitted,type:parking,choropleth:all` (present: the
 * list is open) and the search apart, `demandq=<text>`, since free text may hold any separator.
 * Every value besides the search is an id or a code, so none needs escaping; anything unreadable
 * is dropped, never an error.
 */
export function parseDemandListParam(param: string | null, search: string | null): DemandListState | undefined {
  if (param === null) return undefined;
  const pairs = new Map(param.split(',').map((pair) => pair.split(':') as [string, string | undefined]));
  const filters: DemandFilters = {
    status: oneOf(DEMAND_STATUSES, pairs.get('status')),
    optimization: readOptimization(pairs.get('optimization')),
    type: DEMAND_TYPE_ID_PATTERN.test(pairs.get('type') ?? '') ? pairs.get('type') : undefined,
    source: oneOf(DEMAND_SOURCES, pairs.get('source')),
    town: CODE.test(pairs.get('town') ?? '') ? pairs.get('town') : undefined,
    community: CODE.test(pairs.get('community') ?? '') ? pairs.get('community') : undefined,
    q: search?.trim().slice(0, SEARCH_CHARS) || undefined,
    sort: oneOf(DEMAND_SORTS, pairs.get('sort')),
  };
  const shading = pairs.get('choropleth');
  const choropleth = shading === 'all' ? 'all' : readOptimization(shading);
  return { filters: dropEmpty(filters), ...(choropleth ? { choropleth } : {}) };
}

/** The `demands=` and `demandq=` parts of the hash, in a fixed order. */
export function formatDemandListParams(state: DemandListState): string[] {
  const { q, ...rest } = state.filters;
  const pairs = Object.entries(dropEmpty(rest)).map(([key, value]) => `${key}:${value}`);
  if (state.choropleth) pairs.push(`choropleth:${state.choropleth}`);
  return [`demands=${pairs.join(',')}`, ...(q ? [`demandq=${encodeURIComponent(q)}`] : [])];
}

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== '')) as T;
}

/** The filters as `GET /api/demands` query parameters. */
export function demandQuery(filters: DemandFilters, page: { limit: number; offset?: number; bbox?: readonly number[] }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(dropEmpty(filters))) params.set(key, String(value));
  params.set('limit', String(page.limit));
  if (page.offset) params.set('offset', String(page.offset));
  if (page.bbox) params.set('bbox', page.bbox.map((value) => value.toFixed(6)).join(','));
  return params.toString();
}
