import { MinHeap } from '../analysis/min-heap.ts';
import type { SnapTable } from '../analysis/network-distance.ts';
import type { RoadGraph } from '../analysis/road-graph.ts';
import { degreesAround } from '../analysis/geodesic.ts';
import { forEachPointInBox } from '../analysis/point-grid.ts';
import { packCoverageLists, type IndexedPoints, type SitePoints } from './coverage-lists.ts';
import type { CoverageLists } from './siting-types.ts';

/**
 * Walking distances from one snapped point at a time, for thousands of points in a row: the
 * arrays are kept between searches and only the nodes a search touched are reset, so a short
 * bounded search costs what it explores, not the size of the graph.
 *
 * Sums are formed in the same order as the coverage analysis (`computeNetworkDistances`):
 * point connector + along edges + connector, so a site's coverage here equals what the coverage
 * analysis finds once the site is built.
 */
export class NetworkReach {
  private readonly distances: Float64Array;
  private readonly settled: Uint8Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly heap: MinHeap;
  private sourceEdge = -1;
  private sourceFraction = 0;
  private sourceConnector = 0;

  constructor(readonly graph: RoadGraph) {
    this.distances = new Float64Array(graph.nodeCount).fill(Infinity);
    this.settled = new Uint8Array(graph.nodeCount);
    this.touched = new Int32Array(graph.nodeCount);
    this.heap = new MinHeap(1024);
  }

  /** Search from snap `index` of `snaps` up to `limitM`; false when that point is off the network. */
  searchFrom(snaps: SnapTable, index: number, limitM = Infinity): boolean {
    this.reset();
    this.sourceEdge = snaps.edge[index];
    if (this.sourceEdge < 0) return false;
    const { edgeSource, edgeTarget, edgeLength, adjacencyOffset, adjacencyEdge } = this.graph;
    this.sourceFraction = snaps.fraction[index];
    this.sourceConnector = snaps.connectorM[index];
    const length = edgeLength[this.sourceEdge];
    this.seed(edgeSource[this.sourceEdge], this.sourceConnector + this.sourceFraction * length, limitM);
    this.seed(edgeTarget[this.sourceEdge], this.sourceConnector + (1 - this.sourceFraction) * length, limitM);
    const { heap, distances, settled } = this;
    while (heap.size > 0) {
      const distance = heap.peekKey();
      const node = heap.peekValue();
      heap.pop();
      if (settled[node]) continue;
      settled[node] = 1;
      for (let slot = adjacencyOffset[node]; slot < adjacencyOffset[node + 1]; slot += 1) {
        const edge = adjacencyEdge[slot];
        const neighbour = edgeSource[edge] === node ? edgeTarget[edge] : edgeSource[edge];
        const through = distance + edgeLength[edge];
        if (through <= limitM && through < distances[neighbour]) {
          this.touch(neighbour);
          distances[neighbour] = through;
          heap.push(through, neighbour);
        }
      }
    }
    return true;
  }

  /** Walking metres from the last search's point to snap `index` of `snaps`; Infinity when off the network or beyond the limit. */
  distanceTo(snaps: SnapTable, index: number): number {
    const edge = snaps.edge[index];
    if (edge < 0 || this.sourceEdge < 0) return Infinity;
    const { edgeSource, edgeTarget, edgeLength } = this.graph;
    const length = edgeLength[edge];
    const fraction = snaps.fraction[index];
    let along = Math.min(this.distances[edgeSource[edge]] + fraction * length, this.distances[edgeTarget[edge]] + (1 - fraction) * length);
    if (edge === this.sourceEdge) along = Math.min(along, this.sourceConnector + Math.abs(fraction - this.sourceFraction) * length);
    return snaps.connectorM[index] + along;
  }

  private seed(node: number, distanceM: number, limitM: number): void {
    if (distanceM <= limitM && distanceM < this.distances[node]) {
      this.touch(node);
      this.distances[node] = distanceM;
      this.heap.push(distanceM, node);
    }
  }

  private touch(node: number): void {
    if (this.distances[node] === Infinity) this.touched[this.touchedCount++] = node;
  }

  private reset(): void {
    for (let slot = 0; slot < this.touchedCount; slot += 1) {
      this.distances[this.touched[slot]] = Infinity;
      this.settled[this.touched[slot]] = 0;
    }
    this.touchedCount = 0;
    this.heap.size = 0;
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
