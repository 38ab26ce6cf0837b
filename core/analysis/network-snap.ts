import { measureGeodesic, metresPerDegreeAt } from './geodesic.ts';
import { boundsOf, projectOriginOnSegment, squaredDistanceAt } from './flat-geometry.ts';
import type { RoadGraph } from './road-graph.ts';

/**
 * Where a point joins the network: the nearest point ON an edge (projected onto the segment,
 * not the nearest node), how far along the edge that is, and the straight connector walked
 * to get there. Walking on from there costs fraction·length to the edge's source node and
 * (1 − fraction)·length to its target.
 */
export interface NetworkSnap {
  edge: number;
  fraction: number;
  connectorM: number;
  lon: number;
  lat: number;
}

export interface NetworkSnapper {
  graph: RoadGraph;
  toleranceM: number;
  /** The snap, or undefined when no road lies within the tolerance (unreachable). */
  snap(lon: number, lat: number): NetworkSnap | undefined;
}

/**
 * Kept, measured against Flatbush over the segments' boxes (kdbush holds points only): snapping
 * the 19,412 population cells is 1.4–2.0× faster here, as the ring search stops at the first
 * rings that can hold the nearest segment where Flatbush hands over every segment within the
 * tolerance; building takes a few milliseconds either way, once per network version
 * (scripts/bench/indexes.ts). Buckets of this size keep ~5 segments each in the dense city
 * lattice.
 */
const BUCKET_M = 100;

/**
 * Index every segment in the buckets its box overlaps, then answer a query by searching rings
 * of buckets outward until no unvisited segment can be nearer than the best one found.
 * Projection happens in a flat plane at the query point (exact enough over ≤ 300 m); the
 * connector is then measured as a geodesic and compared with the tolerance.
 */
export function createNetworkSnapper(graph: RoadGraph, toleranceM: number): NetworkSnapper {
  const { vertexLon, vertexLat, vertexOffset, edgeCount } = graph;
  // An empty graph keeps infinite bounds: no columns, no rows, nothing ever snaps.
  const [west, south, east, north] = boundsOf(vertexLon, vertexLat) ?? [Infinity, Infinity, -Infinity, -Infinity];
  const scale = metresPerDegreeAt(Number.isFinite(south) ? (south + north) / 2 : 0);
  const cellLon = BUCKET_M / scale.lon;
  const cellLat = BUCKET_M / scale.lat;
  const columns = Number.isFinite(west) ? Math.floor((east - west) / cellLon) + 1 : 0;
  const rows = Number.isFinite(south) ? Math.floor((north - south) / cellLat) + 1 : 0;
  // Segments by bucket in CSR arrays (counted, then filled). A segment is named by its first
  // vertex; segmentEdge maps it back to its edge.
  const segmentEdge = new Int32Array(vertexLon.length);
  const bucketOffsets = new Int32Array(columns * rows + 1);
  const forEachSegmentBucket = (vertex: number, action: (bucket: number) => void) => {
    const c0 = Math.floor((Math.min(vertexLon[vertex], vertexLon[vertex + 1]) - west) / cellLon);
    const c1 = Math.floor((Math.max(vertexLon[vertex], vertexLon[vertex + 1]) - west) / cellLon);
    const r0 = Math.floor((Math.min(vertexLat[vertex], vertexLat[vertex + 1]) - south) / cellLat);
    const r1 = Math.floor((Math.max(vertexLat[vertex], vertexLat[vertex + 1]) - south) / cellLat);
    for (let row = r0; row <= r1; row += 1) for (let column = c0; column <= c1; column += 1) action(row * columns + column);
  };
  for (let edge = 0; edge < edgeCount; edge += 1) {
    for (let vertex = vertexOffset[edge]; vertex < vertexOffset[edge + 1] - 1; vertex += 1) {
      segmentEdge[vertex] = edge;
      forEachSegmentBucket(vertex, (bucket) => (bucketOffsets[bucket + 1] += 1));
    }
  }
  for (let bucket = 0; bucket < columns * rows; bucket += 1) bucketOffsets[bucket + 1] += bucketOffsets[bucket];
  const fill = bucketOffsets.slice(0, -1);
  const bucketSegments = new Int32Array(bucketOffsets[columns * rows]);
  for (let edge = 0; edge < edgeCount; edge += 1) {
    for (let vertex = vertexOffset[edge]; vertex < vertexOffset[edge + 1] - 1; vertex += 1) {
      forEachSegmentBucket(vertex, (bucket) => (bucketSegments[fill[bucket]++] = vertex));
    }
  }
  const maxRing = Math.ceil(toleranceM / BUCKET_M) + 1;

  // The query's state, kept outside `visitBucket` so that no closure is made per query.
  let queryLon = 0;
  let queryLat = 0;
  let scaleLon = 0;
  let scaleLat = 0;
  let bestSquared = Infinity;
  let bestSegment = -1;
  let bestT = 0;

  function visitBucket(row: number, column: number): void {
    if (row < 0 || row >= rows || column < 0 || column >= columns) return;
    const bucket = row * columns + column;
    for (let slot = bucketOffsets[bucket]; slot < bucketOffsets[bucket + 1]; slot += 1) {
      const vertex = bucketSegments[slot];
      const ax = (vertexLon[vertex] - queryLon) * scaleLon;
      const ay = (vertexLat[vertex] - queryLat) * scaleLat;
      const dx = (vertexLon[vertex + 1] - queryLon) * scaleLon - ax;
      const dy = (vertexLat[vertex + 1] - queryLat) * scaleLat - ay;
      const t = projectOriginOnSegment(ax, ay, dx, dy);
      const squared = squaredDistanceAt(ax, ay, dx, dy, t);
      if (squared < bestSquared) {
        bestSquared = squared;
        bestSegment = vertex;
        bestT = t;
      }
    }
  }

  function snap(lon: number, lat: number): NetworkSnap | undefined {
    if (!columns || !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return undefined;
    const local = metresPerDegreeAt(lat);
    queryLon = lon;
    queryLat = lat;
    scaleLon = local.lon;
    scaleLat = local.lat;
    bestSquared = Infinity;
    bestSegment = -1;
    const column = Math.floor((lon - west) / cellLon);
    const row = Math.floor((lat - south) / cellLat);
    for (let ring = 0; ring <= maxRing; ring += 1) {
      // Anything outside rings 0…ring−1 is at least (ring − 1) buckets away (1% spare for the
      // bucket width varying with latitude).
      if (ring > 0 && Math.sqrt(bestSquared) <= (ring - 1) * BUCKET_M * 0.99) break;
      for (let offset = -ring; offset <= ring; offset += 1) {
        visitBucket(row - ring, column + offset);
        if (ring > 0) visitBucket(row + ring, column + offset);
        if (Math.abs(offset) < ring) {
          visitBucket(row + offset, column - ring);
          visitBucket(row + offset, column + ring);
        }
      }
    }
    if (bestSegment < 0) return undefined;
    const edge = segmentEdge[bestSegment];
    const snappedLon = vertexLon[bestSegment] + bestT * (vertexLon[bestSegment + 1] - vertexLon[bestSegment]);
    const snappedLat = vertexLat[bestSegment] + bestT * (vertexLat[bestSegment + 1] - vertexLat[bestSegment]);
    const connectorM = measureGeodesic(lon, lat, snappedLon, snappedLat);
    if (connectorM > toleranceM) return undefined;
    const fraction = graph.vertexFraction[bestSegment] + bestT * (graph.vertexFraction[bestSegment + 1] - graph.vertexFraction[bestSegment]);
    return { edge, fraction, connectorM, lon: snappedLon, lat: snappedLat };
  }

  return { graph, toleranceM, snap };
}
