import type { DemandOptimization } from '../../../core/demands/demand-types.ts';
import { PROJECT_PHASES, type ProjectPhase } from '../../../core/projects/project-phases.ts';

/** What the project library shows: each filter absent means any. */
export interface ProjectFilters {
  phase?: ProjectPhase;
  optimization?: DemandOptimization;
  town?: string;
  late?: boolean;
  published?: boolean;
  opportunity?: boolean;
  year?: number;
  q?: string;
}

export type ProjectView = 'list' | 'schedule';

/** The open library in the link: its filters and whether it shows the list or the schedule. */
export interface ProjectLibraryState {
  filters: ProjectFilters;
  view: ProjectView;
}

const CODE = /^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$/;
const SEARCH_CHARS = 100;
const FLAGS = ['late', 'published', 'opportunity'] as const;

function readOptimization(text: string | undefined): DemandOptimization | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= 7 ? (value as DemandOptimization) : undefined;
}

function readYear(text: string | undefined): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value >= 2000 && value <= 2100 ? value : undefined;
}

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== '' && entry !== false)) as T;
}

/**
 * `projects=phase:construction,late:1,town:500108001,view:schedule` (present: the library is
 * open) and the search apart, `projectq=<text>`. Anything unreadable is dropped, never an error.
 */
export function parseProjectLibraryParam(param: string | null, search: string | null): ProjectLibraryState | undefined {
  if (param === null) return undefined;
  const pairs = new Map(param.split(',').map((pair) => pair.split(':') as [string, string | undefined]));
  const phase = PROJECT_PHASES.find((value) => value === pairs.get('phase'));
  const town = pairs.get('town');
  const filters: ProjectFilters = {
    phase,
    optimization: readOptimization(pairs.get('optimization')),
    town: town && CODE.test(town) ? town : undefined,
    year: readYear(pairs.get('year')),
    q: search?.trim().slice(0, SEARCH_CHARS) || undefined,
  };
  for (const flag of FLAGS) if (pairs.get(flag) === '1') filters[flag] = true;
  return { filters: dropEmpty(filters), view: pairs.get('view') === 'schedule' ? 'schedule' : 'list' };
}

/** The `projects=` and `projectq=` parts of the hash, in a fixed order. */
export function formatProjectLibraryParams(state: ProjectLibraryState): string[] {
  const { q, ...rest } = dropEmpty(state.filters);
  const pairs = Object.entries(rest).map(([key, value]) => `${key}:${value === true ? 1 : value}`);
  if (state.view === 'schedule') pairs.push('view:schedule');
  return [`projects=${pairs.join(',')}`, ...(q ? [`projectq=${encodeURIComponent(q)}`] : [])];
}

/** The filters as `GET /api/projects` (or `/schedule`) query parameters. */
export function projectQuery(filters: ProjectFilters, page?: { limit: number; offset?: number }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(dropEmpty(filters))) params.set(key, String(value));
  if (page) params.set('limit', String(page.limit));
  if (page?.offset) params.set('offset', String(page.offset));
  return params.toString();
}
