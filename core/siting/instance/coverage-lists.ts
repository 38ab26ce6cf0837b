import { degreesAround, measureGeodesic } from '../../analysis/geodesic.ts';
import { forEachPointInBox, type PointGrid } from '../../analysis/point-grid.ts';
import type { CoverageLists } from '../contract/siting-types.ts';

/** Demand points with the bucket index that finds them by box. */
export interface IndexedPoints {
  count: number;
  lon: Float64Array;
  lat: Float64Array;
  grid: PointGrid;
}

/** Candidate sites as coordinate arrays, index = candidate index. */
export interface SitePoints {
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
}

/** Compress per-candidate demand lists (each ascending, no repeats) into CSR rows. */
export function packCoverageLists(lists: readonly ArrayLike<number>[]): CoverageLists {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, index) => (start[index + 1] = start[index] + list.length));
  const demand = new Int32Array(start[lists.length]);
  lists.forEach((list, index) => demand.set(list, start[index]));
  return { start, demand };
}

/**
 * Straight-line coverage: the demands within `radiusM` of each site, measured as geodesics
 * (the same test as ST_DWithin on geography). The bucket grid hands over only the demands in
 * the site's box, so the cost follows the demands near each site, not all of them.
 */
export function listEuclideanCoverage(demand: IndexedPoints, sites: SitePoints, radiusM: number): CoverageLists {
  const lists: Int32Array[] = [];
  const found: number[] = [];
  for (let site = 0; site < sites.lon.length; site += 1) {
    const lon = sites.lon[site];
    const lat = sites.lat[site];
    const pad = degreesAround(Math.abs(lat), radiusM);
    found.length = 0;
    forEachPointInBox(demand.grid, lon - pad.lon, lat - pad.lat, lon + pad.lon, lat + pad.lat, (point) => {
      if (measureGeodesic(demand.lon[point], demand.lat[point], lon, lat) <= radiusM) found.push(point);
    });
    lists.push(Int32Array.from(found).sort());
  }
  return packCoverageLists(lists);
}

/** Which demands at least one of the given sites covers (for "newly covered" and baselines). */
export function markCovered(cover: CoverageLists, demandCount: number, sites: Iterable<number>, into = new Uint8Array(demandCount)): Uint8Array {
  for (const site of sites) {
    for (let slot = cover.start[site]; slot < cover.start[site + 1]; slot += 1) into[cover.demand[slot]] = 1;
  }
  return into;
}

/**
 * About how many (site, demand) pairs straight-line coverage will hold, from an even sample of
 * sites: enough to refuse a request whose lists would not fit before building them. Walking
 * coverage holds fewer (a walk is never shorter than the straight line).
 */
export function estimateCoverageEntries(demand: IndexedPoints, sites: SitePoints, radiusM: number, samples = 256): number {
  const count = sites.lon.length;
  if (!count) return 0;
  const step = Math.max(1, Math.floor(count / samples));
  const lon: number[] = [];
  const lat: number[] = [];
  for (let site = 0; site < count; site += step) {
    lon.push(sites.lon[site]);
    lat.push(sites.lat[site]);
  }
  const sampled = listEuclideanCoverage(demand, { lon, lat }, radiusM);
  return (sampled.demand.length / lon.length) * count;
}
