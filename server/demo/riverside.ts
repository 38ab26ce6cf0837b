// The Yangtze forms the district's western and northern edge. These helpers cut
// a stretch of that shore out of the fence and shift it inland, for the
// riverside trails and the slope-greening sites.
import type { Polygon } from 'geojson';
import type { LonLat } from './types.ts';
import type { LocalPlane, XY } from './geo-math.ts';
import { distanceXY } from './geo-math.ts';
import type { PolygonIndex } from './polygon-index.ts';

/** Where the smooth river shore starts in the south-west and ends at the 鸡冠石 north tip (WGS84). */
export const RIVER_SHORE_START: LonLat = [106.552, 29.497];
export const RIVER_SHORE_END: LonLat = [106.605, 29.618];

function nearestVertexIndex(ring: XY[], target: XY): number {
  let best = 0;
  ring.forEach((p, i) => {
    if (distanceXY(p, target) < distanceXY(ring[best], target)) best = i;
  });
  return best;
}

function pathLength(path: XY[]): number {
  let sum = 0;
  for (let i = 1; i < path.length; i++) sum += distanceXY(path[i - 1], path[i]);
  return sum;
}

/** The shorter way round the fence between the vertices nearest to `from` and `to` (metric plane). */
export function extractShorePath(boundary: Polygon, plane: LocalPlane, from: LonLat, to: LonLat): XY[] {
  const ring = boundary.coordinates[0].slice(0, -1).map((p) => plane.toXY([p[0], p[1]]));
  const a = nearestVertexIndex(ring, plane.toXY(from));
  const b = nearestVertexIndex(ring, plane.toXY(to));
  const forward: XY[] = [];
  for (let i = a; ; i = (i + 1) % ring.length) {
    forward.push(ring[i]);
    if (i === b) break;
  }
  const backward: XY[] = [];
  for (let i = a; ; i = (i - 1 + ring.length) % ring.length) {
    backward.push(ring[i]);
    if (i === b) break;
  }
  return pathLength(forward) <= pathLength(backward) ? forward : backward;
}

/** Points every `spacingM` metres along the path (first and last included). */
export function resamplePath(path: XY[], spacingM: number): XY[] {
  const out: XY[] = [path[0]];
  let carried = 0;
  for (let i = 1; i < path.length; i++) {
    const segment = distanceXY(path[i - 1], path[i]);
    let position = spacingM - carried;
    while (position <= segment) {
      const t = position / segment;
      out.push([path[i - 1][0] + t * (path[i][0] - path[i - 1][0]), path[i - 1][1] + t * (path[i][1] - path[i - 1][1])]);
      position += spacingM;
    }
    carried = (carried + segment) % spacingM;
  }
  const last = path[path.length - 1];
  if (distanceXY(out[out.length - 1], last) > spacingM / 3) out.push(last);
  return out;
}

/** Moving average (endpoints fixed) to iron out the fence's small zigzags. */
export function smoothPath(path: XY[], halfWindow: number): XY[] {
  return path.map((p, i) => {
    if (i === 0 || i === path.length - 1) return p;
    const lo = Math.max(0, i - halfWindow);
    const hi = Math.min(path.length - 1, i + halfWindow);
    let sx = 0;
    let sy = 0;
    for (let k = lo; k <= hi; k++) {
      sx += path[k][0];
      sy += path[k][1];
    }
    return [sx / (hi - lo + 1), sy / (hi - lo + 1)];
  });
}

/** Unit normal at path[i] pointing into the district. */
export function inwardNormal(path: XY[], i: number, plane: LocalPlane, district: PolygonIndex): XY {
  const prev = path[Math.max(0, i - 2)];
  const next = path[Math.min(path.length - 1, i + 2)];
  const length = distanceXY(prev, next) || 1;
  const normal: XY = [-(next[1] - prev[1]) / length, (next[0] - prev[0]) / length];
  const probe: XY = [path[i][0] + normal[0] * 60, path[i][1] + normal[1] * 60];
  return district.contains(plane.toLonLat(probe)) ? normal : [-normal[0], -normal[1]];
}

/** Shift every point inland by `distanceM` along the (smoothed) inward normal. */
export function offsetInland(path: XY[], distanceM: number, plane: LocalPlane, district: PolygonIndex): XY[] {
  const smooth = smoothPath(path, 3);
  return smooth.map((p, i) => {
    const normal = inwardNormal(smooth, i, plane, district);
    return [p[0] + normal[0] * distanceM, p[1] + normal[1] * distanceM];
  });
}
