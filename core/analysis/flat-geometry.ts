/**
 * Small plane-geometry pieces shared by the spatial indexes: over a few hundred metres a local
 * flat frame (metres east and north of a query point) is exact enough to pick candidates, which
 * are then measured as geodesics.
 */

/**
 * Where along the segment from (ax, ay) by (dx, dy) the origin projects, clamped to [0, 1]:
 * the fraction of the nearest point of the segment to the origin.
 */
export function projectOriginOnSegment(ax: number, ay: number, dx: number, dy: number): number {
  const lengthSquared = dx * dx + dy * dy;
  return lengthSquared > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared)) : 0;
}

/** Squared distance from the origin to the point at fraction t of that segment. */
export function squaredDistanceAt(ax: number, ay: number, dx: number, dy: number, t: number): number {
  const px = ax + t * dx;
  const py = ay + t * dy;
  return px * px + py * py;
}

/** [west, south, east, north] of coordinate arrays; undefined when they are empty. */
export function boundsOf(lon: ArrayLike<number>, lat: ArrayLike<number>): [number, number, number, number] | undefined {
  if (!lon.length) return undefined;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let index = 0; index < lon.length; index += 1) {
    west = Math.min(west, lon[index]);
    east = Math.max(east, lon[index]);
    south = Math.min(south, lat[index]);
    north = Math.max(north, lat[index]);
  }
  return [west, south, east, north];
}
