// Local metric helpers. Generation works in a flat "metres east/north of an
// origin" plane (equirectangular at the district's mean latitude): over 30 km
// the distortion is far below the 100 m grid, and it keeps the maths cheap.
import type { LonLat } from './types.ts';

export type XY = [number, number];

const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LON_EQUATOR = 111_320;

export interface LocalPlane {
  origin: LonLat;
  metresPerDegLon: number;
  metresPerDegLat: number;
  toXY(point: LonLat): XY;
  toLonLat(point: XY): LonLat;
}

export function createLocalPlane(origin: LonLat, referenceLat = origin[1]): LocalPlane {
  const metresPerDegLon = METRES_PER_DEGREE_LON_EQUATOR * Math.cos((referenceLat * Math.PI) / 180);
  const metresPerDegLat = METRES_PER_DEGREE_LAT;
  return {
    origin,
    metresPerDegLon,
    metresPerDegLat,
    toXY: ([lon, lat]) => [(lon - origin[0]) * metresPerDegLon, (lat - origin[1]) * metresPerDegLat],
    toLonLat: ([x, y]) => [origin[0] + x / metresPerDegLon, origin[1] + y / metresPerDegLat],
  };
}

export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function roundLonLat([lon, lat]: LonLat): LonLat {
  return [round6(lon), round6(lat)];
}

export function distanceXY(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Distance from p to segment ab, all in the metric plane. */
export function distanceToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Even–odd ray casting on one ring (closed or not). */
export function isInsideRing(point: XY | LonLat, ring: ReadonlyArray<ReadonlyArray<number>>): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Point in a Polygon's rings (exterior minus holes). */
export function isInsidePolygonRings(point: XY | LonLat, rings: ReadonlyArray<ReadonlyArray<ReadonlyArray<number>>>): boolean {
  if (!isInsideRing(point, rings[0])) return false;
  for (let h = 1; h < rings.length; h++) if (isInsideRing(point, rings[h])) return false;
  return true;
}
