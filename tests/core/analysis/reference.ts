/**
 * Plain reference implementations, written for obviousness rather than speed, to check the
 * production code against: a Dijkstra without a heap over an adjacency list built straight from
 * the edge list, and network distances on a graph where every snapped point is a real node
 * that splits its edge.
 */
import { measureGeodesic, metresPerDegreeAt } from '../../../core/analysis/geodesic.ts';
import type { RoadEdgeInput } from '../../../core/analysis/road-graph.ts';

export type Adjacency = Map<string, Array<{ to: string; weight: number }>>;

export function addLink(adjacency: Adjacency, a: string, b: string, weight: number): void {
  for (const [from, to] of [[a, b], [b, a]]) {
    if (!adjacency.has(from)) adjacency.set(from, []);
    adjacency.get(from)!.push({ to, weight });
  }
}

/** O(V²) Dijkstra: repeatedly settle the unsettled node with the smallest distance. */
export function referenceDijkstra(adjacency: Adjacency, sources: Map<string, number>): Map<string, number> {
  const distance = new Map<string, number>(sources);
  const settled = new Set<string>();
  for (;;) {
    let current: string | undefined;
    for (const [node, value] of distance) {
      if (!settled.has(node) && (current === undefined || value < distance.get(current)!)) current = node;
    }
    if (current === undefined) return distance;
    settled.add(current);
    for (const { to, weight } of adjacency.get(current) ?? []) {
      const through = distance.get(current)! + weight;
      if (through < (distance.get(to) ?? Infinity)) distance.set(to, through);
    }
  }
}

interface Snap {
  edge: number;
  fraction: number;
  connectorM: number;
}

/** Brute force: the nearest point on any segment of any edge, by projection in a flat plane. */
export function referenceSnap(edges: readonly RoadEdgeInput[], lon: number, lat: number, toleranceM: number): Snap | undefined {
  const scale = metresPerDegreeAt(lat);
  let best: { edge: number; segment: number; t: number; squared: number } | undefined;
  edges.forEach((edge, index) => {
    const line = edge.coordinates;
    for (let segment = 0; segment + 1 < line.length; segment += 1) {
      const ax = (line[segment][0] - lon) * scale.lon;
      const ay = (line[segment][1] - lat) * scale.lat;
      const bx = (line[segment + 1][0] - lon) * scale.lon;
      const by = (line[segment + 1][1] - lat) * scale.lat;
      const lengthSquared = (bx - ax) ** 2 + (by - ay) ** 2;
      const t = lengthSquared ? Math.min(1, Math.max(0, -(ax * (bx - ax) + ay * (by - ay)) / lengthSquared)) : 0;
      const squared = (ax + t * (bx - ax)) ** 2 + (ay + t * (by - ay)) ** 2;
      if (!best || squared < best.squared) best = { edge: index, segment, t, squared };
    }
  });
  if (!best) return undefined;
  const line = edges[best.edge].coordinates;
  const snapped = [0, 1].map((axis) => line[best!.segment][axis] + best!.t * (line[best!.segment + 1][axis] - line[best!.segment][axis]));
  const connectorM = measureGeodesic(lon, lat, snapped[0], snapped[1]);
  if (connectorM > toleranceM) return undefined;
  const pieces = line.slice(1).map((point, index) => measureGeodesic(line[index][0], line[index][1], point[0], point[1]));
  const total = pieces.reduce((sum, piece) => sum + piece, 0);
  const before = pieces.slice(0, best.segment).reduce((sum, piece) => sum + piece, 0) + best.t * pieces[best.segment];
  return { edge: best.edge, fraction: total ? before / total : 0, connectorM };
}

/**
 * Walking distance from every demand point to its nearest facility point: every snapped point
 * becomes a node splitting its edge (several on one edge are chained in order), a super-source
 * links to the facilities' nodes through their connectors, and one plain Dijkstra does the rest.
 */
export function referenceNetworkDistances(
  edges: readonly RoadEdgeInput[],
  demand: ReadonlyArray<readonly [number, number]>,
  facilities: ReadonlyArray<readonly [number, number]>,
  toleranceM: number,
): number[] {
  const snaps = [...demand, ...facilities].map(([lon, lat]) => referenceSnap(edges, lon, lat, toleranceM));
  const adjacency: Adjacency = new Map();
  edges.forEach((edge, index) => {
    const drawn = edge.coordinates.slice(1).reduce((sum, point, step) => sum + measureGeodesic(edge.coordinates[step][0], edge.coordinates[step][1], point[0], point[1]), 0);
    const weight = edge.lengthM && edge.lengthM > 0 ? edge.lengthM : drawn;
    const stops = snaps
      .map((snap, point) => ({ snap, point }))
      .filter(({ snap }) => snap?.edge === index)
      .sort((a, b) => a.snap!.fraction - b.snap!.fraction);
    let previous = `n${edge.source}`;
    let previousFraction = 0;
    for (const { snap, point } of stops) {
      addLink(adjacency, previous, `p${point}`, (snap!.fraction - previousFraction) * weight);
      previous = `p${point}`;
      previousFraction = snap!.fraction;
    }
    addLink(adjacency, previous, `n${edge.target}`, (1 - previousFraction) * weight);
  });
  facilities.forEach((_, index) => {
    const snap = snaps[demand.length + index];
    if (snap) addLink(adjacency, 'source', `p${demand.length + index}`, snap.connectorM);
  });
  const distances = referenceDijkstra(adjacency, new Map([['source', 0]]));
  return demand.map((_, index) => {
    const snap = snaps[index];
    return snap ? snap.connectorM + (distances.get(`p${index}`) ?? Infinity) : Infinity;
  });
}
