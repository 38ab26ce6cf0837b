// Fast point-in-polygon and segment-stays-inside tests for a large polygon
// (the 796-vertex district fence is queried ~10^5 times while generating).
// Edges are bucketed by latitude band so each query only looks at a few edges.
import type { Polygon } from 'geojson';
import type { LonLat } from './types.ts';

type Edge = [number, number, number, number]; // x1, y1, x2, y2

export interface PolygonIndex {
  bbox: [number, number, number, number];
  contains(point: LonLat): boolean;
  /** True if the segment crosses no boundary edge (endpoints are checked separately). */
  segmentCrossesBoundary(a: LonLat, b: LonLat): boolean;
  /** Whole segment inside: both ends inside and no boundary crossing. */
  containsSegment(a: LonLat, b: LonLat): boolean;
  edges: ReadonlyArray<Edge>;
}

const BAND_COUNT = 256;

function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const value = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

function isOnSegment(px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean {
  // r is collinear with pq: is it within pq's bounding box?
  return Math.min(px, qx) <= rx && rx <= Math.max(px, qx) && Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
}

/** Standard segment intersection; touching counts, as we want segments strictly clear of the boundary. */
function segmentsIntersect(e: Edge, ax: number, ay: number, bx: number, by: number): boolean {
  const o1 = orientation(e[0], e[1], e[2], e[3], ax, ay);
  const o2 = orientation(e[0], e[1], e[2], e[3], bx, by);
  const o3 = orientation(ax, ay, bx, by, e[0], e[1]);
  const o4 = orientation(ax, ay, bx, by, e[2], e[3]);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && isOnSegment(e[0], e[1], e[2], e[3], ax, ay)) return true;
  if (o2 === 0 && isOnSegment(e[0], e[1], e[2], e[3], bx, by)) return true;
  if (o3 === 0 && isOnSegment(ax, ay, bx, by, e[0], e[1])) return true;
  return o4 === 0 && isOnSegment(ax, ay, bx, by, e[2], e[3]);
}

export function createPolygonIndex(polygon: Polygon): PolygonIndex {
  const edges: Edge[] = [];
  for (const ring of polygon.coordinates) {
    for (let i = 0; i < ring.length - 1; i++) edges.push([ring[i][0], ring[i][1], ring[i + 1][0], ring[i + 1][1]]);
  }
  const xs = edges.flatMap((e) => [e[0], e[2]]);
  const ys = edges.flatMap((e) => [e[1], e[3]]);
  const bbox: [number, number, number, number] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  const bandHeight = (bbox[3] - bbox[1]) / BAND_COUNT;
  const bandOf = (y: number) => Math.max(0, Math.min(BAND_COUNT - 1, Math.floor((y - bbox[1]) / bandHeight)));
  const bands: Edge[][] = Array.from({ length: BAND_COUNT }, () => []);
  for (const edge of edges) {
    for (let band = bandOf(Math.min(edge[1], edge[3])); band <= bandOf(Math.max(edge[1], edge[3])); band++) bands[band].push(edge);
  }

  function contains([x, y]: LonLat): boolean {
    if (x < bbox[0] || x > bbox[2] || y < bbox[1] || y > bbox[3]) return false;
    let inside = false;
    for (const [x1, y1, x2, y2] of bands[bandOf(y)]) {
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    }
    return inside;
  }

  function segmentCrossesBoundary([ax, ay]: LonLat, [bx, by]: LonLat): boolean {
    const seen = new Set<Edge>();
    for (let band = bandOf(Math.min(ay, by)); band <= bandOf(Math.max(ay, by)); band++) {
      for (const edge of bands[band]) {
        if (seen.has(edge)) continue;
        seen.add(edge);
        if (segmentsIntersect(edge, ax, ay, bx, by)) return true;
      }
    }
    return false;
  }

  return {
    bbox,
    contains,
    segmentCrossesBoundary,
    containsSegment: (a, b) => contains(a) && contains(b) && !segmentCrossesBoundary(a, b),
    edges,
  };
}
