import { measureGeodesic } from '../analysis/geodesic.ts';

/**
 * A district's own walking network from its road lines (a district file or an import): the
 * lines cut into edges at every junction, each edge with its two nodes, its class and its length,
 * as the roads layer holds them (core/layers/base-layers.ts) and the walking analysis builds its
 * graph from (core/analysis/road-graph.ts).
 *
 * A junction is a vertex two lines share, or a line shares with itself further on (a loop), as
 * road data from OpenStreetMap or a survey draws them; lines that only cross, with no vertex in
 * common, are a bridge over the other or a tunnel under it and stay apart. Vertices are the same
 * when they agree to 1e-7° (about a centimetre).
 */

export const ROAD_CLASSES = ['arterial', 'street', 'path'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export interface RoadLineInput {
  geometry: { type: string; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

export interface RoadEdge {
  coordinates: number[][];
  source: number;
  target: number;
  roadClass: RoadClass;
  /** Along the ellipsoid, to 0.1 m (what the demo network stores). */
  lengthM: number;
}

export interface RoadNetworkPlan {
  edges: RoadEdge[];
  nodes: number;
  /** Each feature that is not a line, by its number from 1. */
  problems: string[];
}

/** The field a class is read from, first found; and the words a file may use for each class. */
const CLASS_FIELDS = ['road_class', 'class', 'highway', 'fclass', 'type', '道路等级', '等级'];
const CLASS_WORDS: Record<RoadClass, string[]> = {
  arterial: ['arterial', 'motorway', 'trunk', 'primary', 'secondary', 'tertiary', '主干路', '次干路', '快速路', '干道'],
  street: ['street', 'residential', 'living_street', 'unclassified', 'service', 'road', '支路', '街道', '巷道'],
  path: ['path', 'footway', 'pedestrian', 'steps', 'cycleway', 'track', 'bridleway', '步道', '人行道', '小路', '梯道'],
};

/** The class a road's attributes name (OpenStreetMap's highway=*, a Chinese road grade…); a street when they name none. */
export function roadClassOf(properties: Record<string, unknown> | null | undefined): RoadClass {
  for (const field of CLASS_FIELDS) {
    const value = properties?.[field];
    if (typeof value !== 'string') continue;
    const word = value.trim().toLowerCase().replace(/_link$/, '');
    for (const roadClass of ROAD_CLASSES) if (CLASS_WORDS[roadClass].includes(word)) return roadClass;
  }
  return 'street';
}

const keyOf = (position: number[]) => `${Math.round(position[0] * 1e7)},${Math.round(position[1] * 1e7)}`;

function linesOf(geometry: RoadLineInput['geometry']): number[][][] | null {
  if (geometry?.type === 'LineString') return [geometry.coordinates as number[][]];
  if (geometry?.type === 'MultiLineString') return geometry.coordinates as number[][][];
  return null;
}

export function planRoadNetwork(features: readonly RoadLineInput[]): RoadNetworkPlan {
  const problems: string[] = [];
  const lines: Array<{ positions: number[][]; roadClass: RoadClass }> = [];
  features.forEach((feature, index) => {
    const parts = linesOf(feature.geometry);
    if (!parts) {
      problems.push(`feature ${index + 1} is ${feature.geometry ? `a ${feature.geometry.type}` : 'without geometry'}: a road is a line`);
      return;
    }
    const roadClass = roadClassOf(feature.properties);
    for (const part of parts) {
      // Repeated vertices (a digitizing slip) add nothing to a walk.
      const positions = part.filter((position, at) => at === 0 || keyOf(position) !== keyOf(part[at - 1])).map((position) => [position[0], position[1]]);
      if (positions.length >= 2) lines.push({ positions, roadClass });
    }
  });

  // How often each vertex is drawn: more than once is a junction.
  const uses = new Map<string, number>();
  for (const line of lines) for (const position of line.positions) uses.set(keyOf(position), (uses.get(keyOf(position)) ?? 0) + 1);
  const nodeIds = new Map<string, number>();
  const nodeOf = (position: number[]) => {
    const key = keyOf(position);
    let id = nodeIds.get(key);
    if (id === undefined) {
      id = nodeIds.size + 1;
      nodeIds.set(key, id);
    }
    return id;
  };

  const edges: RoadEdge[] = [];
  for (const line of lines) {
    let start = 0;
    for (let at = 1; at < line.positions.length; at += 1) {
      const last = at === line.positions.length - 1;
      if (!last && (uses.get(keyOf(line.positions[at])) ?? 0) < 2) continue;
      const coordinates = line.positions.slice(start, at + 1);
      let metres = 0;
      for (let step = 1; step < coordinates.length; step += 1) metres += measureGeodesic(coordinates[step - 1][0], coordinates[step - 1][1], coordinates[step][0], coordinates[step][1]);
      edges.push({ coordinates, source: nodeOf(coordinates[0]), target: nodeOf(coordinates[coordinates.length - 1]), roadClass: line.roadClass, lengthM: Math.round(metres * 10) / 10 });
      start = at;
    }
  }
  return { edges, nodes: nodeIds.size, problems };
}
