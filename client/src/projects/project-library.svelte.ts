import type { ProjectRecord } from '../../../core/projects/project-contract.ts';
import type { ProjectPhase } from '../../../core/projects/project-phases.ts';
import { listProjects } from './project-api.ts';
import type { ProjectFilters } from './project-filters.ts';

/** The server's largest page; the library reads every match in such pages (a district has hundreds, not millions). */
const PAGE = 500;
const MAX_PAGES = 20;

export interface ProjectTotals {
  count: number;
  budget: number;
  byPhase: Partial<Record<ProjectPhase, number>>;
}

export function totalsOf(projects: readonly ProjectRecord[]): ProjectTotals {
  const byPhase: Partial<Record<ProjectPhase, number>> = {};
  let budget = 0;
  for (const project of projects) {
    byPhase[project.phase] = (byPhase[project.phase] ?? 0) + 1;
    budget += project.budget ?? 0;
  }
  return { count: projects.length, budget, byPhase };
}

/**
 * The project library as reactive state: every project matching the filters (the map draws
 * them all, the totals count them all), read again when the filters change. A newer load
 * cancels an older one, so a slow answer never overwrites a newer filter's.
 */
export class ProjectLibraryModel {
  items = $state.raw<ProjectRecord[]>([]);
  total = $state(0);
  loading = $state(false);
  error = $state.raw<Error | undefined>();
  readonly totals = $derived(totalsOf(this.items));
  #filters: ProjectFilters = {};
  #controller?: AbortController;

  async load(filters: ProjectFilters): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#filters = filters;
    this.loading = true;
    this.error = undefined;
    try {
      const first = await listProjects(filters, { limit: PAGE }, controller.signal);
      const pages = [first];
      if (first.totalExact) {
        const count = Math.min(MAX_PAGES, Math.ceil(first.total / PAGE));
        pages.push(...(await Promise.all(Array.from({ length: Math.max(0, count - 1) }, (_, index) => listProjects(filters, { limit: PAGE, offset: (index + 1) * PAGE }, controller.signal)))));
      } else {
        // More match than the server counts: page on until a page comes back short.
        while (pages.length < MAX_PAGES && pages[pages.length - 1].items.length === PAGE && !controller.signal.aborted) {
          pages.push(await listProjects(filters, { limit: PAGE, offset: pages.length * PAGE }, controller.signal));
        }
      }
      if (controller.signal.aborted) return;
      this.items = pages.flatMap((page) => page.items);
      this.total = pages[pages.length - 1].total;
    } catch (error) {
      if (!controller.signal.aborted) this.error = error instanceof Error ? error : new Error(String(error));
    } finally {
      if (this.#controller === controller) this.loading = false;
    }
  }

  reload(): Promise<void> {
    return this.load(this.#filters);
  }

  /** A project just changed here: show it at once, then read the list again (it may no longer match). */
  replace(project: ProjectRecord): void {
    const known = this.items.some((item) => item.id === project.id);
    this.items = known ? this.items.map((item) => (item.id === project.id ? project : item)) : [project, ...this.items];
    void this.reload();
  }
}
