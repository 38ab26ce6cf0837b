// Independent geometry checks for the demo-data tests (deliberately not reusing
// the generator's own helpers, so a bug there cannot hide itself).
import type { Geometry, Position } from 'geojson';

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  // Collinear overlap also makes a ring invalid.
  const within = (p: Position, q: Position, r: Position) =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return (o1 === 0 && within(a, b, c) && o2 === 0 && within(a, b, d)) || (o3 === 0 && o4 === 0 && within(c, d, a) && within(c, d, b));
}

/** Problems with one linear ring: closure, size, repeated vertices, self-intersection. */
export function ringProblems(ring: Position[]): string[] {
  const problems: string[] = [];
  if (ring.length < 4) problems.push(`ring has ${ring.length} positions`);
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) problems.push('ring not closed');
  for (let i = 1; i < ring.length; i++) {
    if (ring[i][0] === ring[i - 1][0] && ring[i][1] === ring[i - 1][1]) problems.push(`repeated vertex at ${i}`);
  }
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing vertex
      if (segmentsCross(ring[i], ring[i + 1], ring[j], ring[j + 1])) problems.push(`self-intersection between edges ${i} and ${j}`);
    }
  }
  return problems;
}

export function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

/** Problems with a geometry: rings, RFC 7946 winding, line length, 6-decimal rounding. */
export function geometryProblems(geometry: Geometry): string[] {
  const problems: string[] = [];
  const positions: Position[] = [];
  const checkPolygon = (rings: Position[][]) => {
    rings.forEach((ring, k) => {
      problems.push(...ringProblems(ring));
      const area = signedArea(ring);
      if (k === 0 ? area <= 0 : area >= 0) problems.push(`ring ${k} has the wrong winding`);
      positions.push(...ring);
    });
  };
  if (geometry.type === 'Point') positions.push(geometry.coordinates);
  else if (geometry.type === 'LineString') {
    if (geometry.coordinates.length < 2) problems.push('line with < 2 points');
    positions.push(...geometry.coordinates);
  } else if (geometry.type === 'Polygon') checkPolygon(geometry.coordinates);
  else if (geometry.type === 'MultiPolygon') geometry.coordinates.forEach(checkPolygon);
  else problems.push(`unexpected geometry type ${geometry.type}`);
  for (const p of positions) {
    if (p.length !== 2 || p.some((v) => !Number.isFinite(v) || Math.round(v * 1e6) / 1e6 !== v)) {
      problems.push(`position ${p} is not a rounded lon/lat pair`);
      break;
    }
  }
  return problems;
}

/** Even–odd point in polygon over all parts and rings. */
export function isPointInGeometry(point: Position, geometry: Geometry): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons.some((rings) => {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  });
}

/** Distance from p to segment ab in metres, in a local flat approximation (fine below a few km). */
export function pointSegmentDistanceM(p: Position, a: Position, b: Position): number {
  const kx = 111_320 * Math.cos((p[1] * Math.PI) / 180);
  const ky = 110_574;
  const [px, py, ax, ay, bx, by] = [p[0] * kx, p[1] * ky, a[0] * kx, a[1] * ky, b[0] * kx, b[1] * ky];
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

export function distanceToLineM(p: Position, line: Position[]): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) best = Math.min(best, pointSegmentDistanceM(p, line[i - 1], line[i]));
  return best;
}
