import type { DemandStatus } from './demand-states.ts';
import type { DemandOptimization } from './demand-types.ts';

/**
 * `GET /api/demand-counts`: demands per community or town, for the community panel and the
 * choropleth. Every place is listed, with zeros, so a map can shade all of them.
 */
export interface DemandCountRow {
  /** The community's or town's code. */
  code: string;
  /** The town a community lies in (a town's own code when counting by town). */
  town: string;
  residents: number;
  /** Published demands (accepted, planned, resolved): what everyone sees. */
  published: number;
  /** Published demands per 1,000 residents; null where nobody lives. */
  publishedPerThousand: number | null;
  /** Staff only, and only for places within their area: demands by status. */
  statuses?: Partial<Record<DemandStatus, number>>;
  /**
   * Only when one community is asked for (`community=`): the demands this viewer may see there,
   * by status and by optimization (keys "1"–"7"); `seen` says which those are: the published
   * ones, or every one for staff within their area.
   */
  breakdown?: DemandBreakdown;
}

export interface DemandBreakdown {
  seen: 'published' | 'all';
  byStatus: Partial<Record<DemandStatus, number>>;
  byOptimization: Partial<Record<`${DemandOptimization}`, number>>;
}

export interface DemandCounts {
  by: 'community' | 'town';
  optimization: DemandOptimization | null;
  type: string | null;
  items: DemandCountRow[];
}
