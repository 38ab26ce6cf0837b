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
}

export interface DemandCounts {
  by: 'community' | 'town';
  optimization: DemandOptimization | null;
  type: string | null;
  items: DemandCountRow[];
}
