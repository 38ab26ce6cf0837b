import { isInsidePlaneRing, measureSignedArea, traceContourRings, type PlaneRing } from './contour-rings.ts';
import { planeLat, planeLon, type LocalPlane } from './geodesic.ts';
import type { NetworkSnap, NetworkSnapper } from './network-snap.ts';
import { computeShortestDistances } from './shortest-paths.ts';
import { buildReachGrid } from './reach-grid.ts';

/**
 * Isochrones along the walking network, one polygon per time band.
 *
 * Method: Dijkstra from the origin's snap point over the network; on a grid around it, for each
 * band, how far each place is from the region reached (road points within the band's distance,
 * plus a straight walk of at most `offNetworkM` and at most the time left, see reach-grid.ts);
 * each band is the marching-squares contour of that field at zero. A longer band's field is
 * nowhere larger, so band 10 contains band 5, and the outlines grow smoothly with the time.
 * Holes smaller than one population cell (1 ha) are contouring artefacts, not places out of
 * reach, and are filled; larger holes are real (no reachable road within `offNetworkM`) and stay.
 * The default off-network walk is the snap tolerance, so a band holds every cell that network
 * coverage from the origin counts as reached in that time (and, using the best road point
 * rather than the nearest one, a little more).
 */
export interface IsochroneOptions {
  minutes: readonly number[];
  walkingSpeedKmh: number;
  /** Straight walk allowed off the network at the far end; default: the snap tolerance. */
  offNetworkM?: number;
  /** Grid spacing; default: 1/60 of the longest band's distance, between 10 and 50 m. */
  cellM?: number;
}

export type IsochroneGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface IsochroneFeature {
  type: 'Feature';
  properties: { minutes: number; distanceM: number; areaM2: number };
  geometry: IsochroneGeometry;
}

export interface IsochroneResult {
  origin: NetworkSnap;
  features: IsochroneFeature[];
}

const MIN_HOLE_AREA_M2 = 10_000;

export function metresForMinutes(minutes: number, walkingSpeedKmh: number): number {
  return (minutes * walkingSpeedKmh * 1000) / 60;
}

/** Undefined when the origin is farther than the snap tolerance from every road. */
export function computeIsochrones(snapper: NetworkSnapper, lon: number, lat: number, options: IsochroneOptions): IsochroneResult | undefined {
  const minutes = [...options.minutes].sort((a, b) => a - b);
  if (!minutes.length || minutes.some((value) => !(value > 0 && Number.isFinite(value)))) {
    throw new RangeError(`isochrone minutes must be positive numbers, got ${JSON.stringify(options.minutes)}`);
  }
  if (!(options.walkingSpeedKmh > 0)) throw new RangeError(`invalid walking speed ${options.walkingSpeedKmh}`);
  const origin = snapper.snap(lon, lat);
  if (!origin) return undefined;
  const { graph } = snapper;
  const budgets = minutes.map((value) => metresForMinutes(value, options.walkingSpeedKmh));
  const longest = budgets[budgets.length - 1];
  const length = graph.edgeLength[origin.edge];
  const nodeDistances = computeShortestDistances(graph, [
    { node: graph.edgeSource[origin.edge], distanceM: origin.connectorM + origin.fraction * length },
    { node: graph.edgeTarget[origin.edge], distanceM: origin.connectorM + (1 - origin.fraction) * length },
  ], longest);
  const offNetworkM = options.offNetworkM ?? snapper.toleranceM;
  const cellM = options.cellM ?? Math.min(50, Math.max(10, longest / 60));
  const grid = buildReachGrid(graph, nodeDistances, { lon, lat, snap: origin }, budgets, offNetworkM, cellM);
  const features = budgets.map((budget, index): IsochroneFeature => {
    const parts = assembleParts(traceContourRings(grid, grid.fields[index], 0), grid.cellM * grid.cellM);
    const areaM2 = parts.reduce((sum, part) => sum + measureSignedArea(part[0]) + part.slice(1).reduce((holes, hole) => holes + measureSignedArea(hole), 0), 0);
    const coordinates = parts.map((part) => part.map((ring) => toLonLatRing(grid.plane, ring)));
    const geometry: IsochroneGeometry = coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0] } : { type: 'MultiPolygon', coordinates };
    return { type: 'Feature', properties: { minutes: minutes[index], distanceM: budget, areaM2 }, geometry };
  });
  return { origin, features };
}

/**
 * Rings → polygons: counter-clockwise rings are outlines, clockwise ones holes. Slivers smaller
 * than one grid square and holes under MIN_HOLE_AREA_M2 are dropped; each remaining hole goes
 * to the smallest outline around it.
 */
function assembleParts(rings: PlaneRing[], minPartAreaM2: number): PlaneRing[][] {
  let outlines: Array<{ ring: PlaneRing; area: number; holes: PlaneRing[] }> = [];
  const holes: PlaneRing[] = [];
  const filled: PlaneRing[] = [];
  for (const ring of rings) {
    const area = measureSignedArea(ring);
    if (area >= minPartAreaM2) outlines.push({ ring, area, holes: [] });
    else if (area <= -MIN_HOLE_AREA_M2) holes.push(ring);
    else if (area < 0) filled.push(ring);
  }
  // An island inside a filled hole is now inside its outline: keeping it would overlap.
  outlines = outlines.filter((outline) => !filled.some((hole) => isInsidePlaneRing(outline.ring[0][0], outline.ring[0][1], hole)));
  outlines.sort((a, b) => a.area - b.area);
  for (const hole of holes) {
    const [x, y] = hole[0];
    outlines.find((outline) => isInsidePlaneRing(x, y, outline.ring))?.holes.push(hole);
  }
  return outlines.reverse().map((outline) => [outline.ring, ...outline.holes]);
}

function toLonLatRing(plane: LocalPlane, ring: PlaneRing): number[][] {
  const coordinates = ring.map(([x, y]) => [planeLon(plane, x), planeLat(plane, y)]);
  coordinates.push([...coordinates[0]]);
  return coordinates;
}
