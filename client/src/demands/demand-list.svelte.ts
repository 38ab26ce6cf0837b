import type { StaffDemand } from '../../../core/demands/demand-contract.ts';
import { DEMAND_STATUSES, type DemandStatus } from '../../../core/demands/demand-states.ts';
import { listDemands } from './demand-api.ts';
import type { DemandFilters } from './demand-filters.ts';

/** Rows per page of the list. */
export const PAGE_SIZE = 50;
/** The server's largest page, and how many the map draws at most (beyond that, counts come from the server). */
const MAP_PAGE = 500;
const MAP_PAGES = 4;

/**
 * The staff's demand list as reactive state: one page at a time for the rows, and for the map
 * every demand matching the filters except status (up to MAP_PAGE × MAP_PAGES), so the status
 * chips can count from the same answer and the map filters by status without asking again.
 * Past that size the chips ask the server for each status's count instead. A newer load
 * cancels an older one, so a slow answer never overwrites a newer filter's.
 */
export class DemandListModel {
  items = $state.raw<StaffDemand[]>([]);
  total = $state(0);
  /** False when more than `total` match (the server counts exactly up to a cap: DemandList). */
  totalExact = $state(true);
  loading = $state(false);
  error = $state.raw<Error | undefined>();
  /** Every status's count within the other filters. */
  statusCounts = $state.raw<Partial<Record<DemandStatus, number>>>({});
  /** The statuses with more demands than their count says (past the server's counting cap). */
  statusCountsOver = $state.raw<Partial<Record<DemandStatus, boolean>>>({});
  /** The points the map draws (the status filter applied). */
  mapPoints = $state.raw<StaffDemand[]>([]);
  /** True when more demands match than the map draws. */
  mapTruncated = $state(false);
  #filters: DemandFilters = {};
  #controller?: AbortController;

  async load(filters: DemandFilters): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#filters = filters;
    this.loading = true;
    this.error = undefined;
    try {
      const [page, everyStatus] = await Promise.all([
        listDemands(filters, { limit: PAGE_SIZE }, controller.signal),
        this.#loadMapPoints({ ...filters, status: undefined }, controller.signal),
      ]);
      const truncated = everyStatus.truncated;
      const counts = truncated ? await this.#countByServer(filters, controller.signal) : { counts: countStatuses(everyStatus.items), over: {} };
      if (controller.signal.aborted) return;
      this.items = page.items;
      this.total = page.total;
      this.totalExact = page.totalExact;
      this.statusCounts = counts.counts;
      this.statusCountsOver = counts.over;
      this.mapTruncated = truncated;
      this.mapPoints = filters.status ? everyStatus.items.filter((demand) => demand.status === filters.status) : everyStatus.items;
    } catch (error) {
      if (!controller.signal.aborted) this.error = error instanceof Error ? error : new Error(String(error));
    } finally {
      if (this.#controller === controller) this.loading = false;
    }
  }

  reload(): Promise<void> {
    return this.load(this.#filters);
  }

  /** The next page of rows, appended. */
  async more(): Promise<void> {
    const controller = this.#controller ?? new AbortController();
    this.loading = true;
    try {
      const page = await listDemands(this.#filters, { limit: PAGE_SIZE, offset: this.items.length }, controller.signal);
      if (controller.signal.aborted) return;
      const seen = this.items.map((demand) => demand.id);
      this.items = [...this.items, ...page.items.filter((demand) => !seen.includes(demand.id))];
      this.total = page.total;
      this.totalExact = page.totalExact;
    } catch (error) {
      if (!controller.signal.aborted) this.error = error instanceof Error ? error : new Error(String(error));
    } finally {
      this.loading = false;
    }
  }

  /** A demand just changed (triaged, answered): show its new state at once, then recount. */
  replace(demand: StaffDemand): void {
    const swap = (list: StaffDemand[]) => list.map((item) => (item.id === demand.id ? demand : item));
    this.items = swap(this.items);
    this.mapPoints = swap(this.mapPoints);
    void this.reload();
  }

  /** Up to MAP_PAGES pages; `truncated` when more match than were read (the last page's count says). */
  async #loadMapPoints(filters: DemandFilters, signal: AbortSignal) {
    const first = await listDemands(filters, { limit: MAP_PAGE }, signal);
    const pages = first.totalExact ? Math.min(MAP_PAGES, Math.ceil(first.total / MAP_PAGE)) : MAP_PAGES;
    const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, index) => listDemands(filters, { limit: MAP_PAGE, offset: (index + 1) * MAP_PAGE }, signal)));
    const last = rest.at(-1) ?? first;
    const items = [first, ...rest].flatMap((page) => page.items);
    return { items, truncated: !last.totalExact || items.length < last.total };
  }

  async #countByServer(filters: DemandFilters, signal: AbortSignal) {
    const totals = await Promise.all(DEMAND_STATUSES.map((status) => listDemands({ ...filters, status }, { limit: 1 }, signal)));
    return {
      counts: Object.fromEntries(DEMAND_STATUSES.map((status, index) => [status, totals[index].total])) as Partial<Record<DemandStatus, number>>,
      over: Object.fromEntries(DEMAND_STATUSES.map((status, index) => [status, !totals[index].totalExact])) as Partial<Record<DemandStatus, boolean>>,
    };
  }
}

function countStatuses(demands: readonly StaffDemand[]): Partial<Record<DemandStatus, number>> {
  const counts: Partial<Record<DemandStatus, number>> = {};
  for (const demand of demands) counts[demand.status] = (counts[demand.status] ?? 0) + 1;
  return counts;
}
