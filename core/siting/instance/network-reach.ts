import type { SnapTable } from '../../analysis/network-distance.ts';
import type { RoadGraph } from '../../analysis/road-graph.ts';
import { ShortestPathSearch } from '../../analysis/shortest-paths.ts';
import { degreesAround } from '../../analysis/geodesic.ts';
import { forEachPointInBox } from '../../analysis/point-grid.ts';
import { packCoverageLists, type IndexedPoints, type SitePoints } from './coverage-lists.ts';
import type { CoverageLists } from '../contract/siting-types.ts';

/**
 * Walking distances from one snapped point at a time, for thousands of points in a row, on one
 * reusable ShortestPathSearch (a short bounded search costs what it explores).
 *
 * Sums are formed in the same order as the coverage analysis (`computeNetworkDistances`):
 * point connector + along edges + connector, so a site's coverage here equals what the coverage
 * analysis finds once the site is built.
 */
export class NetworkReach {
  private readonly search: ShortestPathSearch;
  private sourceEdge = -1;
  private sourceFraction = 0;
  private sourceConnector = 0;

  constructor(readonly graph: RoadGraph) {
    this.search = new ShortestPathSearch(graph);
  }

  /** Search from snap `index` of `snaps` up to `limitM`; false when that point is off the network. */
  searchFrom(snaps: SnapTable, index: number, limitM = Infinity): boolean {
    this.sourceEdge = snaps.edge[index];
    if (this.sourceEdge < 0) return false;
    const { edgeSource, edgeTarget, edgeLength } = this.graph;
    this.sourceFraction = snaps.fraction[index];
    this.sourceConnector = snaps.connectorM[index];
    const length = edgeLength[this.sourceEdge];
    this.search.run([
      { node: edgeSource[this.sourceEdge], distanceM: this.sourceConnector + this.sourceFraction * length },
      { node: edgeTarget[this.sourceEdge], distanceM: this.sourceConnector + (1 - this.sourceFraction) * length },
    ], limitM);
    return true;
  }

  /** Walking metres from the last search's point to snap `index` of `snaps`; Infinity when off the network or beyond the limit. */
  distanceTo(snaps: SnapTable, index: number): number {
    const edge = snaps.edge[index];
    if (edge < 0 || this.sourceEdge < 0) return Infinity;
    const { edgeSource, edgeTarget, edgeLength } = this.graph;
    const { distances } = this.search;
    const length = edgeLength[edge];
    const fraction = snaps.fraction[index];
    let along = Math.min(distances[edgeSource[edge]] + fraction * length, distances[edgeTarget[edge]] + (1 - fraction) * length);
    if (edge === this.sourceEdge) along = Math.min(along, this.sourceConnector + Math.abs(fraction - this.sourceFraction) * length);
    return snaps.connectorM[index] + along;
  }
}

export interface NetworkCoverage {
  cover: CoverageLists;
  /** Sites with no road within the snap tolerance: they cover nobody. */
  unreachableSites: number;
}

/**
 * Walking coverage: one bounded search per site, then the demands in the site's box (a walk
 * of r metres never ends farther than r in a straight line) are measured along the network.
 */
export function listNetworkCoverage(reach: NetworkReach, demand: IndexedPoints, demandSnaps: SnapTable, sites: SitePoints, siteSnaps: SnapTable, radiusM: number): NetworkCoverage {
  const lists: Int32Array[] = [];
  const found: number[] = [];
  let unreachableSites = 0;
  for (let site = 0; site < sites.lon.length; site += 1) {
    found.length = 0;
    if (reach.searchFrom(siteSnaps, site, radiusM)) {
      const lon = sites.lon[site];
      const lat = sites.lat[site];
      // 2% to spare: a declared edge length may round the drawn line's length down a little.
      const pad = degreesAround(Math.abs(lat), radiusM * 1.02);
      forEachPointInBox(demand.grid, lon - pad.lon, lat - pad.lat, lon + pad.lon, lat + pad.lat, (point) => {
        if (reach.distanceTo(demandSnaps, point) <= radiusM) found.push(point);
      });
    } else {
      unreachableSites += 1;
    }
    lists.push(Int32Array.from(found).sort());
  }
  return { cover: packCoverageLists(lists), unreachableSites };
}

/**
 * Walking metres between every site and every demand (site-major, Infinity = no path), with
 * one full search per point of the smaller side.
 */
export function measureNetworkMatrix(reach: NetworkReach, siteSnaps: SnapTable, demandSnaps: SnapTable): Float32Array {
  const sites = siteSnaps.edge.length;
  const demands = demandSnaps.edge.length;
  const matrix = new Float32Array(sites * demands).fill(Infinity);
  if (sites <= demands) {
    for (let site = 0; site < sites; site += 1) {
      if (!reach.searchFrom(siteSnaps, site)) continue;
      for (let point = 0; point < demands; point += 1) matrix[site * demands + point] = reach.distanceTo(demandSnaps, point);
    }
  } else {
    for (let point = 0; point < demands; point += 1) {
      if (!reach.searchFrom(demandSnaps, point)) continue;
      for (let site = 0; site < sites; site += 1) matrix[site * demands + point] = reach.distanceTo(siteSnaps, site);
    }
  }
  return matrix;
}
