import type { DemandSet } from './demand-set.ts';
import { isInsideFacility, type Facility } from './facility.ts';
import { measureGeodesic } from './geodesic.ts';
import type { NetworkSnapper } from './network-snap.ts';
import { forEachPointInBox } from './point-grid.ts';
import { computeShortestDistances, type PathSeed } from './shortest-paths.ts';

/** Snaps of many points as arrays; edge −1 marks a point beyond the snap tolerance. */
export interface SnapTable {
  edge: Int32Array;
  fraction: Float64Array;
  connectorM: Float64Array;
}

export function snapPoints(snapper: NetworkSnapper, lon: ArrayLike<number>, lat: ArrayLike<number>): SnapTable {
  const table = { edge: new Int32Array(lon.length).fill(-1), fraction: new Float64Array(lon.length), connectorM: new Float64Array(lon.length).fill(Infinity) };
  for (let index = 0; index < lon.length; index += 1) {
    const snap = snapper.snap(lon[index], lat[index]);
    if (!snap) continue;
    table.edge[index] = snap.edge;
    table.fraction[index] = snap.fraction;
    table.connectorM[index] = snap.connectorM;
  }
  return table;
}

/** Lines and areas are entered from any point of their outline, sampled this densely. */
const ACCESS_SPACING_M = 25;

/**
 * Where a facility can be entered from the network: a point facility is its point (the strict
 * definition); a trail or a green space is every vertex of its outline, densified so that no
 * stretch longer than ACCESS_SPACING_M is skipped.
 */
export function listAccessPoints(facility: Facility): { lon: number[]; lat: number[] } {
  const lon: number[] = [];
  const lat: number[] = [];
  for (const path of facility.paths) {
    lon.push(path[0]);
    lat.push(path[1]);
    for (let index = 2; index < path.length; index += 2) {
      const steps = facility.kind === 'point' ? 1 : Math.ceil(measureGeodesic(path[index - 2], path[index - 1], path[index], path[index + 1]) / ACCESS_SPACING_M);
      for (let step = 1; step <= steps; step += 1) {
        lon.push(path[index - 2] + ((path[index] - path[index - 2]) * step) / steps);
        lat.push(path[index - 1] + ((path[index + 1] - path[index - 1]) * step) / steps);
      }
    }
  }
  return { lon, lat };
}

export interface NetworkDistances {
  /** Per demand cell: walking metres to the nearest facility, Infinity beyond the cap or unreachable. */
  distances: Float64Array;
  /** Facilities with no road within the snap tolerance: they serve nobody on the network. */
  unreachableFacilities: number;
}

/**
 * Network distance = cell connector + along edges + facility connector. One multi-source
 * Dijkstra from every facility's access points; a cell then takes the better end of its own
 * edge. A facility on the cell's own edge is reached directly along it, not via a node.
 * Cells inside an area facility are at distance 0, as in straight-line mode.
 */
export function computeNetworkDistances(snapper: NetworkSnapper, demand: DemandSet, demandSnaps: SnapTable, facilities: readonly Facility[], capM: number): NetworkDistances {
  const { graph } = snapper;
  const seeds: PathSeed[] = [];
  const onEdge = new Map<number, Array<{ fraction: number; connectorM: number }>>();
  let unreachableFacilities = 0;
  for (const facility of facilities) {
    const access = listAccessPoints(facility);
    const snaps = snapPoints(snapper, access.lon, access.lat);
    let reachable = false;
    for (let index = 0; index < snaps.edge.length; index += 1) {
      const edge = snaps.edge[index];
      if (edge < 0) continue;
      reachable = true;
      const fraction = snaps.fraction[index];
      const connectorM = snaps.connectorM[index];
      seeds.push({ node: graph.edgeSource[edge], distanceM: connectorM + fraction * graph.edgeLength[edge] });
      seeds.push({ node: graph.edgeTarget[edge], distanceM: connectorM + (1 - fraction) * graph.edgeLength[edge] });
      const list = onEdge.get(edge);
      if (list) list.push({ fraction, connectorM });
      else onEdge.set(edge, [{ fraction, connectorM }]);
    }
    if (!reachable) unreachableFacilities += 1;
  }
  const nodeDistances = computeShortestDistances(graph, seeds, capM);
  const distances = new Float64Array(demand.count).fill(Infinity);
  for (let cell = 0; cell < demand.count; cell += 1) {
    const edge = demandSnaps.edge[cell];
    if (edge < 0) continue;
    const length = graph.edgeLength[edge];
    const fraction = demandSnaps.fraction[cell];
    let along = Math.min(nodeDistances[graph.edgeSource[edge]] + fraction * length, nodeDistances[graph.edgeTarget[edge]] + (1 - fraction) * length);
    for (const access of onEdge.get(edge) ?? []) along = Math.min(along, access.connectorM + Math.abs(fraction - access.fraction) * length);
    const distance = demandSnaps.connectorM[cell] + along;
    if (distance <= capM) distances[cell] = distance;
  }
  for (const facility of facilities) {
    if (facility.kind !== 'area') continue;
    forEachPointInBox(demand.grid, facility.west, facility.south, facility.east, facility.north, (cell) => {
      if (isInsideFacility(facility, demand.lon[cell], demand.lat[cell])) distances[cell] = 0;
    });
  }
  return { distances, unreachableFacilities };
}
