import { MinHeap } from './min-heap.ts';
import type { RoadGraph } from './road-graph.ts';

/** A start of the search: a node and the distance already walked to reach it. */
export interface PathSeed {
  node: number;
  distanceM: number;
}

/**
 * Multi-source Dijkstra over one graph, reusable: its arrays are kept between runs and only the
 * nodes a run touched are reset, so thousands of short bounded searches in a row (siting
 * measures one per candidate) cost what they explore, not the size of the graph each time.
 */
export class ShortestPathSearch {
  /** Walking metres from the nearest seed of the last run; Infinity beyond its limit. */
  readonly distances: Float64Array;
  private readonly settled: Uint8Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly heap: MinHeap;

  constructor(readonly graph: RoadGraph) {
    this.distances = new Float64Array(graph.nodeCount).fill(Infinity);
    this.settled = new Uint8Array(graph.nodeCount);
    this.touched = new Int32Array(graph.nodeCount);
    this.heap = new MinHeap(1024);
  }

  /**
   * Distances from the seeds, exact up to `limitM`; nodes farther are Infinity (the search stops
   * there, which is what keeps a 300 m query from exploring the whole district). The array is
   * `distances`, valid until the next run.
   */
  run(seeds: readonly PathSeed[], limitM = Infinity): Float64Array {
    this.reset();
    const { distances, settled, heap } = this;
    for (const seed of seeds) this.lower(seed.node, seed.distanceM, limitM);
    const { adjacencyOffset, adjacencyEdge, edgeSource, edgeTarget, edgeLength } = this.graph;
    while (heap.size > 0) {
      const distance = heap.peekKey();
      const node = heap.peekValue();
      heap.pop();
      if (settled[node]) continue;
      settled[node] = 1;
      for (let slot = adjacencyOffset[node]; slot < adjacencyOffset[node + 1]; slot += 1) {
        const edge = adjacencyEdge[slot];
        const neighbour = edgeSource[edge] === node ? edgeTarget[edge] : edgeSource[edge];
        this.lower(neighbour, distance + edgeLength[edge], limitM);
      }
    }
    return distances;
  }

  private lower(node: number, distanceM: number, limitM: number): void {
    if (!(distanceM <= limitM && distanceM < this.distances[node])) return;
    if (this.distances[node] === Infinity) this.touched[this.touchedCount++] = node;
    this.distances[node] = distanceM;
    this.heap.push(distanceM, node);
  }

  private reset(): void {
    for (let slot = 0; slot < this.touchedCount; slot += 1) {
      this.distances[this.touched[slot]] = Infinity;
      this.settled[this.touched[slot]] = 0;
    }
    this.touchedCount = 0;
    this.heap.size = 0;
  }
}

/** One multi-source search (see ShortestPathSearch.run); the array is the caller's to keep. */
export function computeShortestDistances(graph: RoadGraph, seeds: readonly PathSeed[], limitM = Infinity): Float64Array {
  return new ShortestPathSearch(graph).run(seeds, limitM);
}
