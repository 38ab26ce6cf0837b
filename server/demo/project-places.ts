// Where a demo project stands: a point a short walk from the demand it answers, a sidewalk or a
// trail traced along the walking network's own edges (so it follows real streets), a greening
// site drawn as a small quadrilateral. Everything stays inside the district and in a community.
import type { LineString, Point, Polygon, Position } from 'geojson';
import type { DemoFeature, LonLat } from './types.ts';
import { distanceXY, roundLonLat, type XY } from './geo-math.ts';
import type { PlacedPoint, PlacementContext } from './facility-placement.ts';
import type { Rng } from './random.ts';

interface RoadEdgeRef {
  id: number;
  roadClass: string;
  source: number;
  target: number;
  coordinates: LonLat[];
  lengthM: number;
  middle: XY;
}

export interface RoadIndex {
  edges: RoadEdgeRef[];
  byNode: Map<number, RoadEdgeRef[]>;
}

/** The road layer's edges by node, to walk from one to the next. */
export function createRoadIndex(roads: readonly DemoFeature[], context: PlacementContext): RoadIndex {
  const edges = roads.map((road): RoadEdgeRef => {
    const coordinates = (road.geometry as LineString).coordinates as LonLat[];
    return {
      id: road.id,
      roadClass: String(road.properties.road_class),
      source: Number(road.properties.source_node),
      target: Number(road.properties.target_node),
      coordinates,
      lengthM: Number(road.properties.length_m),
      middle: context.plane.toXY(coordinates[Math.floor(coordinates.length / 2)]),
    };
  });
  const byNode = new Map<number, RoadEdgeRef[]>();
  for (const edge of edges) {
    for (const node of [edge.source, edge.target]) byNode.set(node, [...(byNode.get(node) ?? []), edge]);
  }
  return { edges, byNode };
}

/** A point 30–`maxM` m from the anchor, inside the district and a community (else the anchor). */
export function placeNear(anchor: LonLat, context: PlacementContext, rng: Rng, maxM: number): PlacedPoint {
  const [x, y] = context.plane.toXY(anchor);
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const distance = rng.uniform(30, maxM);
    const angle = rng.uniform(0, 2 * Math.PI);
    const point = roundLonLat(context.plane.toLonLat([x + distance * Math.cos(angle), y + distance * Math.sin(angle)]));
    const placed = locate(point, context);
    if (placed) return placed;
  }
  return locate(anchor, context) ?? { point: anchor, communityCode: context.communities.locate(anchor) ?? '', townCode: '' };
}

export function locate(point: LonLat, context: PlacementContext): PlacedPoint | undefined {
  if (!context.district.contains(point)) return undefined;
  const communityCode = context.communities.locate(point);
  return communityCode ? { point, communityCode, townCode: context.communities.byCode.get(communityCode)!.townCode } : undefined;
}

export function pointGeometry(placed: PlacedPoint): Point {
  return { type: 'Point', coordinates: placed.point };
}

/**
 * A line along the network from the edge nearest the anchor, edge after edge, keeping as
 * straight as the streets allow and preferring the wanted classes, until `lengthM` is reached.
 */
export function traceAlongRoads(index: RoadIndex, anchor: LonLat, context: PlacementContext, classes: readonly string[], lengthM: number, rng: Rng): LineString {
  const anchorXY = context.plane.toXY(anchor);
  let start = index.edges[0];
  let best = Infinity;
  for (const edge of index.edges) {
    const distance = distanceXY(edge.middle, anchorXY) * (classes.includes(edge.roadClass) ? 1 : 3);
    if (distance < best) {
      best = distance;
      start = edge;
    }
  }
  const forward = rng.chance(0.5);
  const line: LonLat[] = forward ? [...start.coordinates] : [...start.coordinates].reverse();
  let node = forward ? start.target : start.source;
  const used = new Set([start.id]);
  let length = start.lengthM;
  while (length < lengthM) {
    const heading = direction(context, line[line.length - 2], line[line.length - 1]);
    const options = (index.byNode.get(node) ?? []).filter((edge) => !used.has(edge.id));
    if (!options.length) break;
    const scored = options.map((edge) => {
      const coordinates = edge.source === node ? edge.coordinates : [...edge.coordinates].reverse();
      const turn = Math.abs(angleBetween(heading, direction(context, coordinates[0], coordinates[1])));
      return { edge, coordinates, score: turn + (classes.includes(edge.roadClass) ? 0 : 1.2) + rng.uniform(0, 0.3) };
    });
    scored.sort((a, b) => a.score - b.score);
    const next = scored[0];
    if (next.score > 2.2) break;
    used.add(next.edge.id);
    line.push(...next.coordinates.slice(1));
    node = next.edge.source === node ? next.edge.target : next.edge.source;
    length += next.edge.lengthM;
  }
  return { type: 'LineString', coordinates: line };
}

function direction(context: PlacementContext, from: LonLat, to: LonLat): number {
  const [x1, y1] = context.plane.toXY(from);
  const [x2, y2] = context.plane.toXY(to);
  return Math.atan2(y2 - y1, x2 - x1);
}

function angleBetween(a: number, b: number): number {
  let difference = b - a;
  while (difference > Math.PI) difference -= 2 * Math.PI;
  while (difference < -Math.PI) difference += 2 * Math.PI;
  return difference;
}

/**
 * A greening site near the anchor: a slightly irregular quadrilateral of `areaM2`, wholly in the
 * district, its centre in a community. Undefined when no such place is found.
 */
export function drawGreeningSite(anchor: LonLat, context: PlacementContext, rng: Rng, areaM2: number): { polygon: Polygon; centre: PlacedPoint } | undefined {
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const centre = placeNear(anchor, context, rng, 200);
    const aspect = rng.uniform(1.3, 3);
    const width = Math.sqrt(areaM2 / aspect);
    const length = width * aspect;
    const angle = rng.uniform(0, Math.PI);
    const [cx, cy] = context.plane.toXY(centre.point);
    const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
    const ring: Position[] = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([a, b]) => {
      const along = (a * length) / 2 + rng.uniform(-0.06, 0.06) * length;
      const across = (b * width) / 2 + rng.uniform(-0.06, 0.06) * width;
      return roundLonLat(context.plane.toLonLat([cx + along * ux - across * uy, cy + along * uy + across * ux]));
    });
    ring.push([...ring[0]]);
    const inside = ring.every((point, i) => i === 0 || context.district.containsSegment(ring[i - 1] as LonLat, point as LonLat));
    if (inside && centre.communityCode) return { polygon: { type: 'Polygon', coordinates: [ring] }, centre };
  }
  return undefined;
}

/** Metres along a line, on the local plane (for deliverables: km of sidewalk or trail). */
export function lineLengthM(line: LineString, context: PlacementContext): number {
  let total = 0;
  for (let i = 1; i < line.coordinates.length; i += 1) {
    total += distanceXY(context.plane.toXY(line.coordinates[i - 1] as LonLat), context.plane.toXY(line.coordinates[i] as LonLat));
  }
  return total;
}
