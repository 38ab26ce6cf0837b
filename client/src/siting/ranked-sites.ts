import type { SiteArea, SitingResult } from '../../../core/siting/index.ts';

/** A chosen site with a place on the map and its number: 1 is the site that adds the most. */
export interface RankedSite {
  rank: number;
  id: string;
  lon: number;
  lat: number;
  /** A layer id, "grid" or "points". */
  source?: string;
  /** The feature's name, when the candidate is a named feature of a layer. */
  name?: string;
  /** A grid site: its community and number there. */
  area?: SiteArea;
  marginalGain: number;
}

/** The result's sites by marginal gain, largest first (the solver's order breaks ties); sites without coordinates (a cost matrix) are left out. */
export function rankSites(result: SitingResult | undefined): RankedSite[] {
  if (!result) return [];
  return result.sites
    .map((site, order) => ({ site, order }))
    .filter(({ site }) => site.lon !== undefined && site.lat !== undefined)
    .sort((a, b) => b.site.marginalGain - a.site.marginalGain || a.order - b.order)
    .map(({ site }, index) => ({ rank: index + 1, id: site.id, lon: site.lon!, lat: site.lat!, source: site.source, name: site.name, area: site.area, marginalGain: site.marginalGain }));
}
