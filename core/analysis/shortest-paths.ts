import { MinHeap } from './min-heap.ts';
import type { RoadGraph } from './road-graph.ts';

/** A start of the search: a node and the distance already walked to reach it. */
export interface PathSeed {
  node: number;
  distanceM: number;
}

/**
 * Multi-source Dijkstra: the walking distance from the nearest seed to every node, exact up
 * to `limitM`. Nodes farther than the limit are Infinity (the search stops there, which is
 * what keeps a 300 m coverage query from exploring the whole district).
 */
export function computeShortestDistances(graph: RoadGraph, seeds: readonly PathSeed[], limitM = Infinity): Float64Array {
  const distances = new Float64Array(graph.nodeCount).fill(Infinity);
  const settled = new Uint8Array(graph.nodeCount);
  const heap = new MinHeap(seeds.length + graph.nodeCount);
  for (const seed of seeds) {
    if (seed.distanceM <= limitM && seed.distanceM < distances[seed.node]) {
      distances[seed.node] = seed.distanceM;
      heap.push(seed.distanceM, seed.node);
    }
  }
  const { adjacencyOffset, adjacencyEdge, edgeSource, edgeTarget, edgeLength } = graph;
  while (heap.size > 0) {
    const distance = heap.peekKey();
    const node = heap.peekValue();
    heap.pop();
    if (settled[node]) continue;
    settled[node] = 1;
    for (let slot = adjacencyOffset[node]; slot < adjacencyOffset[node + 1]; slot += 1) {
      const edge = adjacencyEdge[slot];
      const neighbour = edgeSource[edge] === node ? edgeTarget[edge] : edgeSource[edge];
      const through = distance + edgeLength[edge];
      if (through <= limitM && through < distances[neighbour]) {
        distances[neighbour] = through;
        heap.push(through, neighbour);
      }
    }
  }
  return distances;
}
