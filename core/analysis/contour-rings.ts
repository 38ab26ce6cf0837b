import type { ReachGrid } from './reach-grid.ts';

/*
 * Kept, measured against d3-contour and Turf's isobands on the isochrone fields of twelve origins
 * (scripts/bench/indexes.ts): d3-contour draws the same rings there (within 5e-13 m) 5–10×
 * slower, and settles saddles by a fixed rule rather than by the centre value, which is what
 * keeps the bands of increasing time nested; Turf's isobands, which need the grid as GeoJSON
 * points, are 40–130× slower.
 */

/** A closed ring in plane metres, first point not repeated; counter-clockwise = outer boundary. */
export type PlaneRing = Array<[number, number]>;

/**
 * Marching squares: the boundary of { value ≤ level } on the grid, as closed rings oriented
 * with the region on their left (outer rings counter-clockwise, holes clockwise).
 *
 * Each grid edge crossing the level gets one point, shared by the two squares on either side,
 * so segments chain by edge id into rings without any coordinate matching. A square with two
 * opposite corners inside (a saddle) joins them when its centre value is inside; a higher level
 * can only join more, which keeps the regions of increasing levels nested.
 * A crossing next to an unreachable (Infinity) node is put half-way along the edge.
 */
export function traceContourRings(grid: ReachGrid, values: Float64Array, level: number): PlaneRing[] {
  const { columns, rows, x0, y0, cellM } = grid;
  const inside = (node: number) => values[node] <= level;
  const horizontal = (column: number, row: number) => 2 * (row * columns + column);
  const vertical = (column: number, row: number) => 2 * (row * columns + column) + 1;
  const next = new Map<number, number>();

  const corners = new Int32Array(4);
  const edges = new Int32Array(4);
  const crossings: Array<{ edge: number; exits: boolean }> = [];
  for (let row = 0; row < rows - 1; row += 1) {
    for (let column = 0; column < columns - 1; column += 1) {
      // Corners and edges in counter-clockwise order (y grows northward).
      corners[0] = row * columns + column;
      corners[1] = corners[0] + 1;
      corners[2] = corners[1] + columns;
      corners[3] = corners[0] + columns;
      const mask = (inside(corners[0]) ? 1 : 0) | (inside(corners[1]) ? 2 : 0) | (inside(corners[2]) ? 4 : 0) | (inside(corners[3]) ? 8 : 0);
      if (mask === 0 || mask === 15) continue;
      edges[0] = horizontal(column, row);
      edges[1] = vertical(column + 1, row);
      edges[2] = horizontal(column, row + 1);
      edges[3] = vertical(column, row);
      crossings.length = 0;
      for (let side = 0; side < 4; side += 1) {
        const fromInside = (mask >> side) & 1;
        const toInside = (mask >> ((side + 1) % 4)) & 1;
        if (fromInside !== toInside) crossings.push({ edge: edges[side], exits: fromInside === 1 });
      }
      // Region on the left: a segment runs from where the square's boundary leaves the region
      // to where it comes back: the next entry (joined saddle) or the previous one (split).
      const centre = (values[corners[0]] + values[corners[1]] + values[corners[2]] + values[corners[3]]) / 4;
      const joined = crossings.length === 2 || centre <= level;
      for (let index = 0; index < crossings.length; index += 1) {
        if (!crossings[index].exits) continue;
        const partner = joined ? (index + 1) % crossings.length : (index + crossings.length - 1) % crossings.length;
        next.set(crossings[index].edge, crossings[partner].edge);
      }
    }
  }

  const crossingPoint = (edge: number): [number, number] => {
    const node = edge >> 1;
    const other = edge & 1 ? node + columns : node + 1;
    const a = values[node];
    const b = values[other];
    const t = Number.isFinite(a) && Number.isFinite(b) ? (level - a) / (b - a) : 0.5;
    const column = node % columns;
    const row = (node - column) / columns;
    const x = x0 + column * cellM;
    const y = y0 + row * cellM;
    return edge & 1 ? [x, y + t * cellM] : [x + t * cellM, y];
  };

  const rings: PlaneRing[] = [];
  for (const start of next.keys()) {
    if (!next.has(start)) continue;
    const ring: PlaneRing = [];
    let edge = start;
    do {
      const following = next.get(edge)!;
      next.delete(edge);
      const point = crossingPoint(edge);
      const previous = ring[ring.length - 1];
      if (!previous || previous[0] !== point[0] || previous[1] !== point[1]) ring.push(point);
      edge = following;
    } while (edge !== start);
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
    if (ring.length >= 3) rings.push(ring);
  }
  return rings;
}

/** Shoelace area; positive for counter-clockwise rings. */
export function measureSignedArea(ring: PlaneRing): number {
  let twice = 0;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index, index += 1) {
    twice += ring[previous][0] * ring[index][1] - ring[index][0] * ring[previous][1];
  }
  return twice / 2;
}

export function isInsidePlaneRing(x: number, y: number, ring: PlaneRing): boolean {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index, index += 1) {
    const [xi, yi] = ring[index];
    const [xj, yj] = ring[previous];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
