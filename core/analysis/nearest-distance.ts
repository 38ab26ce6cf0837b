import type { DemandSet } from './demand-set.ts';
import { measureFacilityDistance, type Facility } from './facility.ts';
import { degreesAround, metresPerDegreeAt } from './geodesic.ts';
import { forEachPointInBox } from './point-grid.ts';

/**
 * Straight-line distance from every demand cell to its nearest facility, up to `capM`
 * (Infinity beyond: nothing within reach). Works facility by facility over the cells in its
 * reach, so the cost grows with facilities × cells within the cap, not facilities × all cells.
 */
export function computeNearestDistances(demand: DemandSet, facilities: readonly Facility[], capM: number): Float64Array {
  const nearest = new Float64Array(demand.count).fill(Infinity);
  for (const facility of facilities) lowerNearestDistances(demand, facility, capM, nearest);
  return nearest;
}

/**
 * Lower `nearest` where this facility is closer (and within the cap). A flat-plane estimate
 * with 0.5% + 1 m to spare skips the cells clearly out of reach before the exact geodesic.
 */
export function lowerNearestDistances(demand: DemandSet, facility: Facility, capM: number, nearest: Float64Array): void {
  const scale = metresPerDegreeAt((facility.south + facility.north) / 2);
  const margin = capM * 1.005 + 1;
  const isPoint = facility.kind === 'point' && facility.paths.length === 1;
  const { lon, lat } = demand;
  forEachCellInReach(demand, facility, capM, (cell) => {
    if (isPoint) {
      const dx = (lon[cell] - facility.west) * scale.lon;
      const dy = (lat[cell] - facility.south) * scale.lat;
      if (dx * dx + dy * dy > margin * margin) return;
    }
    const distance = measureFacilityDistance(facility, lon[cell], lat[cell], capM);
    if (distance <= capM && distance < nearest[cell]) nearest[cell] = distance;
  });
}

/**
 * Every cell in the box of the facility grown by the cap; for a long trail or a large area,
 * only the cells near some part of its outline (or inside it), each once: a diagonal trail's
 * box holds five times the cells of its corridor.
 */
export function forEachCellInReach(demand: DemandSet, facility: Facility, capM: number, visit: (cell: number) => void): void {
  const pad = degreesAround(Math.max(Math.abs(facility.south), Math.abs(facility.north)), capM);
  const vertices = facility.paths.reduce((sum, path) => sum + path.length / 2, 0);
  if (vertices <= 8) {
    forEachPointInBox(demand.grid, facility.west - pad.lon, facility.south - pad.lat, facility.east + pad.lon, facility.north + pad.lat, visit);
    return;
  }
  const seen = new Set<number>();
  const visitOnce = (cell: number) => {
    if (seen.has(cell)) return;
    seen.add(cell);
    visit(cell);
  };
  for (const path of facility.paths) {
    for (let index = 0; index + 1 < path.length; index += 2) {
      const next = index + 3 < path.length ? index + 2 : index;
      forEachPointInBox(demand.grid,
        Math.min(path[index], path[next]) - pad.lon, Math.min(path[index + 1], path[next + 1]) - pad.lat,
        Math.max(path[index], path[next]) + pad.lon, Math.max(path[index + 1], path[next + 1]) + pad.lat, visitOnce);
    }
  }
  // Cells deep inside a large area are farther than the cap from its outline but at distance 0.
  if (facility.kind === 'area') forEachPointInBox(demand.grid, facility.west, facility.south, facility.east, facility.north, visitOnce);
}
