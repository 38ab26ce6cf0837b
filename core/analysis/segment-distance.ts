import { projectOriginOnSegment, squaredDistanceAt } from './flat-geometry.ts';
import { measureGeodesic } from './geodesic.ts';

/**
 * Distance from a point to a line or a polygon boundary, the way PostGIS `geography` does it,
 * so that coverage by trails and green spaces matches `ST_DWithin(geography)`:
 * edges are great-circle arcs; the nearest point of each arc is found on the unit sphere;
 * the arc with the smallest spherical distance wins; the answer is the ellipsoidal (geodesic)
 * distance to that nearest point.
 */
const RADIANS = Math.PI / 180;

interface UnitVector {
  x: number;
  y: number;
  z: number;
}

function toUnitVector(lon: number, lat: number): UnitVector {
  const cosLat = Math.cos(lat * RADIANS);
  return { x: cosLat * Math.cos(lon * RADIANS), y: cosLat * Math.sin(lon * RADIANS), z: Math.sin(lat * RADIANS) };
}

/** Angle between unit vectors; atan2 of |a×b| and a·b stays exact for tiny angles. */
function angleBetween(a: UnitVector, b: UnitVector): number {
  const cx = a.y * b.z - a.z * b.y;
  const cy = a.z * b.x - a.x * b.z;
  const cz = a.x * b.y - a.y * b.x;
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), a.x * b.x + a.y * b.y + a.z * b.z);
}

/**
 * Normal of the great circle through two points. Written with sums and differences of the
 * angles rather than as a plain cross product, which cancels badly for points metres apart.
 */
export function greatCircleNormal(lon1: number, lat1: number, lon2: number, lat2: number): UnitVector {
  const phi1 = lat1 * RADIANS;
  const phi2 = lat2 * RADIANS;
  const halfSum = ((lon1 + lon2) / 2) * RADIANS;
  const halfDifference = ((lon2 - lon1) / 2) * RADIANS;
  const sinLatDifference = Math.sin(phi1 - phi2);
  const sinLatSum = Math.sin(phi1 + phi2);
  const x = -sinLatDifference * Math.sin(halfSum) * Math.cos(halfDifference) - sinLatSum * Math.cos(halfSum) * Math.sin(halfDifference);
  const y = sinLatDifference * Math.cos(halfSum) * Math.cos(halfDifference) - sinLatSum * Math.sin(halfSum) * Math.sin(halfDifference);
  const z = Math.cos(phi1) * Math.cos(phi2) * Math.sin((lon2 - lon1) * RADIANS);
  const length = Math.sqrt(x * x + y * y + z * z);
  return { x: x / length, y: y / length, z: z / length };
}

/** Nearest point of one arc to p on the sphere, as lon/lat, and its spherical angle. */
interface ArcNearest {
  angle: number;
  lon: number;
  lat: number;
}

function nearestOnArc(p: UnitVector, lon1: number, lat1: number, lon2: number, lat2: number): ArcNearest {
  const start = toUnitVector(lon1, lat1);
  const end = toUnitVector(lon2, lat2);
  let best: ArcNearest = { angle: angleBetween(p, start), lon: lon1, lat: lat1 };
  const toEnd = angleBetween(p, end);
  if (toEnd < best.angle) best = { angle: toEnd, lon: lon2, lat: lat2 };
  if (lon1 === lon2 && lat1 === lat2) return best;
  const normal = greatCircleNormal(lon1, lat1, lon2, lat2);
  // Drop p onto the arc's plane, then back onto the sphere.
  const along = p.x * normal.x + p.y * normal.y + p.z * normal.z;
  let kx = p.x - along * normal.x;
  let ky = p.y - along * normal.y;
  let kz = p.z - along * normal.z;
  const length = Math.sqrt(kx * kx + ky * ky + kz * kz);
  if (length === 0) return best;
  kx /= length;
  ky /= length;
  kz /= length;
  // The foot lies on the arc when it is at least as close to the arc's midpoint as the ends are.
  const mx = start.x + end.x;
  const my = start.y + end.y;
  const mz = start.z + end.z;
  if (kx * mx + ky * my + kz * mz < start.x * mx + start.y * my + start.z * mz) return best;
  const foot = { x: kx, y: ky, z: kz };
  const angle = angleBetween(p, foot);
  if (angle >= best.angle) return best;
  return { angle, lon: Math.atan2(ky, kx) / RADIANS, lat: Math.asin(Math.max(-1, Math.min(1, kz))) / RADIANS };
}

/** Metres per radian of the unit sphere PostGIS scales sphere angles with ((2a + b) / 3). */
const SPHERE_RADIUS_M = 6_371_008.771415;

/**
 * Geodesic distance in metres from (lon, lat) to the nearest of the given paths, each a flat
 * [lon, lat, lon, lat, …] array of vertices joined by great-circle arcs. Infinity when the paths
 * are surely farther than `beyondM`.
 *
 * A flat pass with sphere-like scales first finds the few arcs that can be the spherically
 * nearest (within 0.5% + 0.5 m of the flat minimum; flat and spherical distances agree far
 * better than that at city scale); only those get the exact spherical test. This keeps a
 * 270-vertex trail as cheap per cell as a handful of points.
 */
export function measureGeodesicToPaths(lon: number, lat: number, paths: readonly Float64Array[], beyondM = Infinity): number {
  const ky = SPHERE_RADIUS_M * RADIANS;
  const kx = ky * Math.cos(lat * RADIANS);
  let count = 0;
  for (const path of paths) count += Math.max(1, path.length / 2 - 1);
  if (flatSquared.length < count) flatSquared = new Float64Array(count * 2);
  let flatMinimum = Infinity;
  let slot = 0;
  for (const path of paths) {
    for (let index = 0; index <= lastArcStart(path); index += 2, slot += 1) {
      const ax = (path[index] - lon) * kx;
      const ay = (path[index + 1] - lat) * ky;
      let squared = ax * ax + ay * ay;
      if (path.length > 2) {
        const dx = (path[index + 2] - lon) * kx - ax;
        const dy = (path[index + 3] - lat) * ky - ay;
        squared = squaredDistanceAt(ax, ay, dx, dy, projectOriginOnSegment(ax, ay, dx, dy));
      }
      flatSquared[slot] = squared;
      if (squared < flatMinimum) flatMinimum = squared;
    }
  }
  flatMinimum = Math.sqrt(flatMinimum);
  if (flatMinimum > beyondM * 1.01 + 1) return Infinity;
  const candidateLimit = (flatMinimum * 1.005 + 0.5) ** 2;
  const p = toUnitVector(lon, lat);
  let best: ArcNearest | undefined;
  slot = 0;
  for (const path of paths) {
    for (let index = 0; index <= lastArcStart(path); index += 2, slot += 1) {
      if (flatSquared[slot] > candidateLimit) continue;
      const nearest = path.length === 2
        ? { angle: angleBetween(p, toUnitVector(path[0], path[1])), lon: path[0], lat: path[1] }
        : nearestOnArc(p, path[index], path[index + 1], path[index + 2], path[index + 3]);
      if (!best || nearest.angle < best.angle) best = nearest;
    }
  }
  return best ? measureGeodesic(lon, lat, best.lon, best.lat) : Infinity;
}

/** Scratch space for the flat pass, reused between calls (single-threaded, never re-entered). */
let flatSquared = new Float64Array(256);

/** Index of the last arc's first vertex; a lone point is one "arc" starting at 0. */
const lastArcStart = (path: Float64Array) => (path.length === 2 ? 0 : path.length - 4);
