/**
 * The maintained libraries that could replace our hand-written spatial indexes and contour
 * tracer, wired to do exactly the same jobs, for scripts/bench/indexes.ts to time and check.
 */
import { contours } from 'd3-contour';
import { featureCollection, isobands, point } from '@turf/turf';
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import type { PlaneRing } from '../../core/analysis/contour-rings.ts';
import { projectOriginOnSegment, squaredDistanceAt } from '../../core/analysis/flat-geometry.ts';
import { degreesAround, measureGeodesic, metresPerDegreeAt } from '../../core/analysis/geodesic.ts';
import type { NetworkSnap } from '../../core/analysis/network-snap.ts';
import type { ReachGrid } from '../../core/analysis/reach-grid.ts';
import type { RoadGraph } from '../../core/analysis/road-graph.ts';

/** A static point index answering box queries with every point inside the box. */
export interface PointBoxIndex {
  search(west: number, south: number, east: number, north: number): ArrayLike<number>;
}

export function createKdbushIndex(lon: Float64Array, lat: Float64Array): PointBoxIndex {
  const index = new KDBush(lon.length);
  for (let point = 0; point < lon.length; point += 1) index.add(lon[point], lat[point]);
  index.finish();
  return { search: (west, south, east, north) => index.range(west, south, east, north) };
}

export function createFlatbushPointIndex(lon: Float64Array, lat: Float64Array): PointBoxIndex {
  const index = new Flatbush(lon.length);
  for (let point = 0; point < lon.length; point += 1) index.add(lon[point], lat[point], lon[point], lat[point]);
  index.finish();
  return { search: (west, south, east, north) => index.search(west, south, east, north) };
}

/**
 * Nearest road segment through a Flatbush over the segments' boxes: every segment whose box
 * meets the point's box grown by the tolerance, projected in the same flat plane as ours
 * (core/analysis/network-snap.ts), the nearest kept (on a tie the lowest segment; ours keeps
 * the first it meets, ring by ring).
 */
export function createFlatbushSnapper(graph: RoadGraph, toleranceM: number): (lon: number, lat: number) => NetworkSnap | undefined {
  const { vertexLon, vertexLat, vertexOffset, edgeCount } = graph;
  const segments: number[] = [];
  const segmentEdge: number[] = [];
  for (let edge = 0; edge < edgeCount; edge += 1) {
    for (let vertex = vertexOffset[edge]; vertex < vertexOffset[edge + 1] - 1; vertex += 1) {
      segments.push(vertex);
      segmentEdge.push(edge);
    }
  }
  const index = new Flatbush(Math.max(1, segments.length));
  for (const vertex of segments) {
    index.add(Math.min(vertexLon[vertex], vertexLon[vertex + 1]), Math.min(vertexLat[vertex], vertexLat[vertex + 1]), Math.max(vertexLon[vertex], vertexLon[vertex + 1]), Math.max(vertexLat[vertex], vertexLat[vertex + 1]));
  }
  if (!segments.length) index.add(0, 0, 0, 0);
  index.finish();
  return (lon, lat) => {
    const local = metresPerDegreeAt(lat);
    const pad = degreesAround(Math.abs(lat), toleranceM * 1.01);
    let bestSquared = Infinity;
    let best = -1;
    let bestT = 0;
    for (const found of index.search(lon - pad.lon, lat - pad.lat, lon + pad.lon, lat + pad.lat)) {
      if (found >= segments.length) continue;
      const vertex = segments[found];
      const ax = (vertexLon[vertex] - lon) * local.lon;
      const ay = (vertexLat[vertex] - lat) * local.lat;
      const dx = (vertexLon[vertex + 1] - lon) * local.lon - ax;
      const dy = (vertexLat[vertex + 1] - lat) * local.lat - ay;
      const t = projectOriginOnSegment(ax, ay, dx, dy);
      const squared = squaredDistanceAt(ax, ay, dx, dy, t);
      if (squared < bestSquared || (squared === bestSquared && found < best)) {
        bestSquared = squared;
        best = found;
        bestT = t;
      }
    }
    if (best < 0) return undefined;
    const vertex = segments[best];
    const snappedLon = vertexLon[vertex] + bestT * (vertexLon[vertex + 1] - vertexLon[vertex]);
    const snappedLat = vertexLat[vertex] + bestT * (vertexLat[vertex + 1] - vertexLat[vertex]);
    const connectorM = measureGeodesic(lon, lat, snappedLon, snappedLat);
    if (connectorM > toleranceM) return undefined;
    const fraction = graph.vertexFraction[vertex] + bestT * (graph.vertexFraction[vertex + 1] - graph.vertexFraction[vertex]);
    return { edge: segmentEdge[best], fraction, connectorM, lon: snappedLon, lat: snappedLat };
  };
}

/**
 * d3-contour's marching squares on the same field: it outlines { value ≥ threshold }, so the
 * field is negated (unreachable nodes become −Infinity, which d3 puts half-way, as ours does).
 * d3 places node (i, j) at (i + 0.5, j + 0.5); the rings come back in plane metres.
 */
export function traceWithD3(grid: ReachGrid, values: Float64Array, level: number): PlaneRing[] {
  const negated = new Float64Array(values.length);
  for (let node = 0; node < values.length; node += 1) negated[node] = -values[node];
  const shape = contours().size([grid.columns, grid.rows]).contour(Array.from(negated), -level);
  return shape.coordinates.flatMap((polygon) =>
    polygon.map((ring) => ring.slice(0, -1).map(([x, y]): [number, number] => [grid.x0 + (x - 0.5) * grid.cellM, grid.y0 + (y - 0.5) * grid.cellM])),
  );
}

/** Turf's isobands on the grid's nodes as GeoJSON points (plane metres as coordinates). */
export function traceWithTurf(grid: ReachGrid, values: Float64Array, level: number): PlaneRing[] {
  const points = [];
  for (let row = 0; row < grid.rows; row += 1) {
    for (let column = 0; column < grid.columns; column += 1) {
      const value = values[row * grid.columns + column];
      points.push(point([grid.x0 + column * grid.cellM, grid.y0 + row * grid.cellM], { value: Number.isFinite(value) ? value : 1e12 }));
    }
  }
  const bands = isobands(featureCollection(points), [-1e12, level], { zProperty: 'value' });
  return bands.features.flatMap((feature) => feature.geometry.coordinates.flatMap((polygon) => polygon.map((ring) => ring.slice(0, -1).map(([x, y]): [number, number] => [x, y]))));
}
