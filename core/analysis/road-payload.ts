import type { RoadEdgeInput } from './road-graph.ts';

/**
 * The walking network for the browser's network what-if: the edges as flat arrays (node ids,
 * stored length, and every vertex at full precision, so the graph built from it snaps and
 * measures exactly as the server's). One vertex list with offsets rather than an array per edge.
 */
export interface RoadPayload {
  source: number[];
  target: number[];
  lengthM: Array<number | null>;
  /** Edge e's vertices are lon/lat[vertexOffset[e] … vertexOffset[e + 1] − 1]. */
  vertexOffset: number[];
  lon: number[];
  lat: number[];
}

export function toRoadPayload(edges: readonly RoadEdgeInput[]): RoadPayload {
  const payload: RoadPayload = { source: [], target: [], lengthM: [], vertexOffset: [0], lon: [], lat: [] };
  for (const edge of edges) {
    payload.source.push(edge.source);
    payload.target.push(edge.target);
    payload.lengthM.push(edge.lengthM ?? null);
    for (const [lon, lat] of edge.coordinates) {
      payload.lon.push(lon);
      payload.lat.push(lat);
    }
    payload.vertexOffset.push(payload.lon.length);
  }
  return payload;
}

export function fromRoadPayload(payload: RoadPayload): RoadEdgeInput[] {
  return payload.source.map((source, edge) => {
    const coordinates: number[][] = [];
    for (let vertex = payload.vertexOffset[edge]; vertex < payload.vertexOffset[edge + 1]; vertex += 1) coordinates.push([payload.lon[vertex], payload.lat[vertex]]);
    return { source, target: payload.target[edge], lengthM: payload.lengthM[edge], coordinates };
  });
}
