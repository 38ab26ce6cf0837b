// Hand-placed landscape features (WGS84) shared by several layers. They are
// approximate demo geography, not surveyed lines.
import type { LonLat } from './types.ts';
import type { LocalPlane, XY } from './geo-math.ts';
import { distanceToSegment } from './geo-math.ts';

/** Crest of 南山 (Nanshan), running NNE–SSW east of the old urban core; forest on both sides. */
export const NANSHAN_RIDGE: readonly LonLat[] = [
  [106.622, 29.58],
  [106.612, 29.562],
  [106.606, 29.548],
  [106.611, 29.532],
  [106.607, 29.515],
  [106.6, 29.5],
];

export const RIDGE_FOREST_HALF_WIDTH_M = 600;

export function distanceToPolyline(xy: XY, line: readonly XY[]): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) best = Math.min(best, distanceToSegment(xy, line[i - 1], line[i]));
  return best;
}

/** 1 away from the ridge, down to 0.15 on the crest (forest park, few homes). */
export function createRidgeDamping(plane: LocalPlane): (xy: XY) => number {
  const ridge = NANSHAN_RIDGE.map((p) => plane.toXY(p));
  return (xy) => {
    const distance = distanceToPolyline(xy, ridge);
    if (distance >= RIDGE_FOREST_HALF_WIDTH_M) return 1;
    return 0.15 + 0.85 * (distance / RIDGE_FOREST_HALF_WIDTH_M) ** 2;
  };
}
