import { measureGeodesic } from './geodesic.ts';

/** One walkable edge as stored: node ids at its ends, its length and its line. */
export interface RoadEdgeInput {
  source: number;
  target: number;
  /** The edge's walking length; when missing or not positive, the geodesic length of the line. */
  lengthM?: number | null;
  coordinates: readonly (readonly number[])[];
}

/**
 * An undirected walking graph in compressed arrays. Nodes are renumbered 0…n−1; edge e runs
 * from edgeSource[e] to edgeTarget[e] along vertices vertexOffset[e] … vertexOffset[e+1]−1,
 * oriented so its first vertex is at its source node. Node v's incident edges are
 * adjacencyEdge[adjacencyOffset[v] … adjacencyOffset[v+1]).
 */
export interface RoadGraph {
  nodeCount: number;
  nodeIds: Float64Array;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  edgeCount: number;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  edgeLength: Float64Array;
  vertexOffset: Int32Array;
  vertexLon: Float64Array;
  vertexLat: Float64Array;
  /** Fraction of the edge's length reached at each vertex (0 at the first, 1 at the last). */
  vertexFraction: Float64Array;
  adjacencyOffset: Int32Array;
  adjacencyEdge: Int32Array;
}

function readEdge(edge: RoadEdgeInput, index: number): number[][] {
  const points = edge.coordinates?.map((position) => [Number(position?.[0]), Number(position?.[1])]) ?? [];
  if (points.length < 2 || points.some(([lon, lat]) => !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90))) {
    throw new RangeError(`road edge ${index} needs at least two valid positions, got ${JSON.stringify(edge.coordinates)?.slice(0, 120)}`);
  }
  if (!Number.isInteger(edge.source) || !Number.isInteger(edge.target)) {
    throw new RangeError(`road edge ${index} has non-integer node ids ${edge.source} → ${edge.target}`);
  }
  return points;
}

/**
 * A line drawn target → source is turned round, so that fractions always count from the
 * source. The node already placed (source, else target) decides; a new edge keeps its order.
 */
function orientLine(line: number[][], source: number | undefined, target: number | undefined, nodeLon: number[], nodeLat: number[]): number[][] {
  const anchor = source ?? target;
  if (anchor === undefined) return line;
  const first = line[0];
  const last = line[line.length - 1];
  const toFirst = measureGeodesic(nodeLon[anchor], nodeLat[anchor], first[0], first[1]);
  const toLast = measureGeodesic(nodeLon[anchor], nodeLat[anchor], last[0], last[1]);
  const reversed = source !== undefined ? toLast < toFirst : toFirst < toLast;
  return reversed ? [...line].reverse() : line;
}

export function createRoadGraph(edges: readonly RoadEdgeInput[]): RoadGraph {
  const nodeIndex = new Map<number, number>();
  const nodeIds: number[] = [];
  const nodeLon: number[] = [];
  const nodeLat: number[] = [];
  const indexOf = (id: number, lon: number, lat: number) => {
    let index = nodeIndex.get(id);
    if (index === undefined) {
      index = nodeIds.length;
      nodeIndex.set(id, index);
      nodeIds.push(id);
      nodeLon.push(lon);
      nodeLat.push(lat);
    }
    return index;
  };
  const edgeCount = edges.length;
  const edgeSource = new Int32Array(edgeCount);
  const edgeTarget = new Int32Array(edgeCount);
  const edgeLength = new Float64Array(edgeCount);
  const vertexOffset = new Int32Array(edgeCount + 1);
  const lines = edges.map(readEdge);
  lines.forEach((line, index) => (vertexOffset[index + 1] = vertexOffset[index] + line.length));
  const vertexLon = new Float64Array(vertexOffset[edgeCount]);
  const vertexLat = new Float64Array(vertexOffset[edgeCount]);
  const vertexFraction = new Float64Array(vertexOffset[edgeCount]);

  edges.forEach((edge, index) => {
    const line = orientLine(lines[index], nodeIndex.get(edge.source), nodeIndex.get(edge.target), nodeLon, nodeLat);
    edgeSource[index] = indexOf(edge.source, line[0][0], line[0][1]);
    edgeTarget[index] = indexOf(edge.target, line[line.length - 1][0], line[line.length - 1][1]);
    let travelled = 0;
    const start = vertexOffset[index];
    line.forEach(([lon, lat], step) => {
      if (step > 0) travelled += measureGeodesic(line[step - 1][0], line[step - 1][1], lon, lat);
      vertexLon[start + step] = lon;
      vertexLat[start + step] = lat;
      vertexFraction[start + step] = travelled;
    });
    for (let step = 0; step < line.length; step += 1) vertexFraction[start + step] = travelled > 0 ? vertexFraction[start + step] / travelled : step / (line.length - 1);
    const declared = Number(edge.lengthM);
    edgeLength[index] = Number.isFinite(declared) && declared > 0 ? declared : travelled;
  });

  const nodeCount = nodeIds.length;
  const adjacencyOffset = new Int32Array(nodeCount + 1);
  for (let edge = 0; edge < edgeCount; edge += 1) {
    adjacencyOffset[edgeSource[edge] + 1] += 1;
    if (edgeTarget[edge] !== edgeSource[edge]) adjacencyOffset[edgeTarget[edge] + 1] += 1;
  }
  for (let node = 0; node < nodeCount; node += 1) adjacencyOffset[node + 1] += adjacencyOffset[node];
  const fill = adjacencyOffset.slice(0, -1);
  const adjacencyEdge = new Int32Array(adjacencyOffset[nodeCount]);
  for (let edge = 0; edge < edgeCount; edge += 1) {
    adjacencyEdge[fill[edgeSource[edge]]++] = edge;
    if (edgeTarget[edge] !== edgeSource[edge]) adjacencyEdge[fill[edgeTarget[edge]]++] = edge;
  }
  return {
    nodeCount,
    nodeIds: Float64Array.from(nodeIds),
    nodeLon: Float64Array.from(nodeLon),
    nodeLat: Float64Array.from(nodeLat),
    edgeCount,
    edgeSource,
    edgeTarget,
    edgeLength,
    vertexOffset,
    vertexLon,
    vertexLat,
    vertexFraction,
    adjacencyOffset,
    adjacencyEdge,
  };
}
