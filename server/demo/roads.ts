// Walking network: a jittered lattice whose spacing follows land use (120 m in
// the dense city, 240 m in the fringe and town centres, 480 m among villages),
// with every 16th lattice line tagged as an arterial. Edges must stay inside
// the district; only the largest connected component is kept.
import type { LonLat } from './types.ts';
import type { LocalPlane, XY } from './geo-math.ts';
import { roundLonLat } from './geo-math.ts';
import type { PolygonIndex } from './polygon-index.ts';
import type { CommunityLayer } from './communities.ts';
import { hashToUnit } from './random.ts';

export const BASE_SPACING_M = 120;
const ARTERIAL_EVERY = 16; // lattice lines; a multiple of every step so arterials run through all zones
const MAX_STEP = 4;

export type RoadClass = 'arterial' | 'street' | 'path';

export interface RoadNode {
  id: number;
  point: LonLat;
}

export interface RoadEdge {
  source: number; // node id
  target: number;
  roadClass: RoadClass;
  coordinates: LonLat[];
}

export interface RoadNetwork {
  nodes: RoadNode[];
  edges: RoadEdge[];
}

interface LatticeContext {
  plane: LocalPlane;
  district: PolygonIndex;
  communities: CommunityLayer;
  populationAt: (point: LonLat) => number;
  seed: number;
}

const FENCE_BAND_M = 400;

/**
 * Lattice points within FENCE_BAND_M of the district fence. Coarse edges there often cross the
 * jagged fence and get dropped, stranding riverside and border neighbourhoods; a fine lattice
 * in this band follows the fence instead.
 */
function latticeNearFence(ctx: LatticeContext): Set<string> {
  const near = new Set<string>();
  const reach = Math.ceil(FENCE_BAND_M / BASE_SPACING_M);
  for (const [x1, y1, x2, y2] of ctx.district.edges) {
    const a = ctx.plane.toXY([x1, y1]);
    const b = ctx.plane.toXY([x2, y2]);
    const samples = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / (BASE_SPACING_M / 2)));
    for (let s = 0; s <= samples; s++) {
      const ci = Math.round((a[0] + ((b[0] - a[0]) * s) / samples) / BASE_SPACING_M);
      const cj = Math.round((a[1] + ((b[1] - a[1]) * s) / samples) / BASE_SPACING_M);
      for (let di = -reach; di <= reach; di++) for (let dj = -reach; dj <= reach; dj++) near.add(`${ci + di},${cj + dj}`);
    }
  }
  return near;
}

/** Lattice step (in base spacings) from the land use at the node's unjittered position. */
function stepAt(i: number, j: number, ctx: LatticeContext, isNearFence: boolean): number {
  const point = ctx.plane.toLonLat([i * BASE_SPACING_M, j * BASE_SPACING_M]);
  if (!ctx.district.contains(point)) return 0;
  const code = ctx.communities.locate(point);
  const urCode = code ? ctx.communities.byCode.get(code)!.urCode : '220';
  const people = ctx.populationAt(point);
  if (urCode === '220') return people >= 15 ? 2 : 4;
  if (isNearFence && people > 0) return 1;
  if (urCode === '111') return people >= 40 ? 1 : 2;
  return people >= 100 ? 1 : 2;
}

function nodeExists(i: number, j: number, steps: Map<number, number>, key: (i: number, j: number) => number): boolean {
  const step = steps.get(key(i, j)) ?? 0;
  return step > 0 && i % step === 0 && j % step === 0;
}

/** Jitter grows with the step so coarse village paths wander more than city blocks. */
function jitteredPoint(i: number, j: number, step: number, ctx: LatticeContext): LonLat {
  const amplitude = 0.22 * BASE_SPACING_M * step;
  const dx = (hashToUnit(ctx.seed, i, j, 1) - 0.5) * 2 * amplitude;
  const dy = (hashToUnit(ctx.seed, i, j, 2) - 0.5) * 2 * amplitude;
  return roundLonLat(ctx.plane.toLonLat([i * BASE_SPACING_M + dx, j * BASE_SPACING_M + dy]));
}

function classify(i: number, j: number, alongI: boolean, step: number): RoadClass {
  const onArterialLine = alongI ? j % ARTERIAL_EVERY === 0 : i % ARTERIAL_EVERY === 0;
  if (onArterialLine) return 'arterial';
  return step >= MAX_STEP ? 'path' : 'street';
}

/** Country paths bend a little in the middle; streets are straight. */
function edgeCoordinates(a: LonLat, b: LonLat, roadClass: RoadClass, ctx: LatticeContext, salt: number): LonLat[] {
  if (roadClass !== 'path') return [a, b];
  const pa = ctx.plane.toXY(a);
  const pb = ctx.plane.toXY(b);
  const bend = (hashToUnit(ctx.seed, salt, 7, 3) - 0.5) * 0.3;
  const mid: XY = [(pa[0] + pb[0]) / 2 - (pb[1] - pa[1]) * bend, (pa[1] + pb[1]) / 2 + (pb[0] - pa[0]) * bend];
  const midPoint = roundLonLat(ctx.plane.toLonLat(mid));
  const staysInside = ctx.district.containsSegment(a, midPoint) && ctx.district.containsSegment(midPoint, b);
  return staysInside ? [a, midPoint, b] : [a, b];
}

function findRoot(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

function keepLargestComponent(nodeCount: number, edges: { a: number; b: number }[]): (node: number) => boolean {
  const parent = Int32Array.from({ length: nodeCount }, (_, k) => k);
  for (const { a, b } of edges) parent[findRoot(parent, a)] = findRoot(parent, b);
  const sizes = new Map<number, number>();
  for (let k = 0; k < nodeCount; k++) sizes.set(findRoot(parent, k), (sizes.get(findRoot(parent, k)) ?? 0) + 1);
  let bestRoot = -1;
  for (const [root, size] of sizes) if (bestRoot < 0 || size > sizes.get(bestRoot)! || (size === sizes.get(bestRoot)! && root < bestRoot)) bestRoot = root;
  return (node) => findRoot(parent, node) === bestRoot;
}

interface Lattice {
  range: { i0: number; j0: number; i1: number; j1: number };
  key: (i: number, j: number) => number;
  steps: Map<number, number>;
}

interface RawEdge {
  a: number; // provisional node numbers (index into the point list)
  b: number;
  roadClass: RoadClass;
  salt: number;
}

/** The lattice covering the district, with the step chosen at every lattice point. */
function buildLattice(ctx: LatticeContext): Lattice {
  const minXY = ctx.plane.toXY([ctx.district.bbox[0], ctx.district.bbox[1]]);
  const maxXY = ctx.plane.toXY([ctx.district.bbox[2], ctx.district.bbox[3]]);
  const range = {
    i0: Math.floor(minXY[0] / BASE_SPACING_M) - 1,
    j0: Math.floor(minXY[1] / BASE_SPACING_M) - 1,
    i1: Math.ceil(maxXY[0] / BASE_SPACING_M) + 1,
    j1: Math.ceil(maxXY[1] / BASE_SPACING_M) + 1,
  };
  const width = range.i1 - range.i0 + 1;
  const key = (i: number, j: number) => (j - range.j0) * width + (i - range.i0);
  const nearFence = latticeNearFence(ctx);
  const steps = new Map<number, number>();
  for (let j = range.j0; j <= range.j1; j++) {
    for (let i = range.i0; i <= range.i1; i++) steps.set(key(i, j), stepAt(i, j, ctx, nearFence.has(`${i},${j}`)));
  }
  return { range, key, steps };
}

/** Jittered nodes inside the district, row-major; returns their lattice-key → index map. */
function placeNodes(lattice: Lattice, ctx: LatticeContext): { points: LonLat[]; indexByKey: Map<number, number> } {
  const { range, key, steps } = lattice;
  const indexByKey = new Map<number, number>();
  const points: LonLat[] = [];
  for (let j = range.j0; j <= range.j1; j++) {
    for (let i = range.i0; i <= range.i1; i++) {
      if (!nodeExists(i, j, steps, key)) continue;
      const point = jitteredPoint(i, j, steps.get(key(i, j))!, ctx);
      if (!ctx.district.contains(point)) continue;
      indexByKey.set(key(i, j), points.length);
      points.push(point);
    }
  }
  return { points, indexByKey };
}

/** Each node links to the nearest existing node east and north of it, if the link stays inside. */
function connectNodes(lattice: Lattice, points: LonLat[], indexByKey: Map<number, number>, ctx: LatticeContext): RawEdge[] {
  const { range, key, steps } = lattice;
  const edges: RawEdge[] = [];
  for (let j = range.j0; j <= range.j1; j++) {
    for (let i = range.i0; i <= range.i1; i++) {
      const a = indexByKey.get(key(i, j));
      if (a === undefined) continue;
      for (const alongI of [true, false]) {
        for (let k = 1; k <= MAX_STEP; k++) {
          const [ni, nj] = alongI ? [i + k, j] : [i, j + k];
          if (!nodeExists(ni, nj, steps, key)) continue;
          const b = indexByKey.get(key(ni, nj));
          if (b !== undefined && ctx.district.containsSegment(points[a], points[b])) {
            edges.push({ a, b, roadClass: classify(i, j, alongI, k), salt: key(i, j) * 2 + (alongI ? 0 : 1) });
          }
          break; // only the nearest lattice neighbour in each direction
        }
      }
    }
  }
  return edges;
}

export function buildRoadNetwork(ctx: LatticeContext): RoadNetwork {
  const lattice = buildLattice(ctx);
  const { points, indexByKey } = placeNodes(lattice, ctx);
  const rawEdges = connectNodes(lattice, points, indexByKey, ctx);
  const isKept = keepLargestComponent(points.length, rawEdges);
  // Final node ids are 1..n in lattice order, over the kept component only.
  const nodeId = new Map<number, number>();
  const nodes: RoadNode[] = [];
  points.forEach((point, k) => {
    if (!isKept(k)) return;
    nodeId.set(k, nodes.length + 1);
    nodes.push({ id: nodes.length + 1, point });
  });
  const edges: RoadEdge[] = rawEdges
    .filter((e) => isKept(e.a))
    .map((e) => ({
      source: nodeId.get(e.a)!,
      target: nodeId.get(e.b)!,
      roadClass: e.roadClass,
      coordinates: edgeCoordinates(points[e.a], points[e.b], e.roadClass, ctx, e.salt),
    }));
  return { nodes, edges };
}
