// Community grid polygons: Voronoi cells of the community seeds (in the local
// metric plane, so cells are fair in metres) clipped to the real district fence.
// Towns are the union of their communities.
import { Delaunay } from 'd3-delaunay';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { CommunityCell, LonLat } from './types.ts';
import type { LocalPlane } from './geo-math.ts';
import { isInsidePolygonRings } from './geo-math.ts';
import { cleanPolygonal, polygonParts } from './polygon-clean.ts';
import type { CommunitySeed } from './seeds.ts';
import type { PolygonIndex } from './polygon-index.ts';

export interface CommunityLayer {
  cells: CommunityCell[];
  /** Code of the community whose (rounded, final) polygon contains the point, if any. */
  locate(point: LonLat): string | undefined;
  byCode: Map<string, CommunityCell>;
}

function clipCell(ring: number[][], plane: LocalPlane, district: Polygon, districtIndex: PolygonIndex): Polygon | MultiPolygon | undefined {
  return clipRingToDistrict(ring.map(([x, y]) => plane.toLonLat([x, y]) as LonLat), district, districtIndex);
}

/** A lon/lat ring cut to the district fence (cleaned and rounded); undefined when nothing is left. */
export function clipRingToDistrict(lonLatRing: LonLat[], district: Polygon, districtIndex: PolygonIndex): Polygon | MultiPolygon | undefined {
  const cell = turf.polygon([lonLatRing]);
  // Most inland cells need no clipping at all; turf.intersect on the 796-vertex fence is the slow part.
  const isInland = lonLatRing.every((p, i) => i === 0 || districtIndex.containsSegment(lonLatRing[i - 1], p));
  if (isInland) return cleanPolygonal(cell.geometry);
  const [x0, y0, x1, y1] = turf.bbox(cell);
  const pad = 0.001;
  const nearbyFence = turf.bboxClip(turf.feature(district), [x0 - pad, y0 - pad, x1 + pad, y1 + pad]) as Feature<Polygon | MultiPolygon>;
  const clipped = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([cell, nearbyFence]));
  return clipped ? cleanPolygonal(clipped.geometry) : undefined;
}

function containsPoint(geometry: Polygon | MultiPolygon, point: LonLat): boolean {
  return polygonParts(geometry).some((rings) => isInsidePolygonRings(point, rings));
}

export function buildCommunityCells(
  seeds: CommunitySeed[],
  plane: LocalPlane,
  district: Polygon,
  districtIndex: PolygonIndex,
): CommunityLayer {
  const points = seeds.map((s) => plane.toXY(s.point));
  const delaunay = Delaunay.from(points);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [dx0, dy0] = plane.toXY([turf.bbox(district)[0], turf.bbox(district)[1]]);
  const [dx1, dy1] = plane.toXY([turf.bbox(district)[2], turf.bbox(district)[3]]);
  const margin = 2000;
  const voronoi = delaunay.voronoi([
    Math.min(dx0, ...xs) - margin,
    Math.min(dy0, ...ys) - margin,
    Math.max(dx1, ...xs) + margin,
    Math.max(dy1, ...ys) + margin,
  ]);

  const cells: CommunityCell[] = seeds.map((seed, i) => {
    const geometry = clipCell(voronoi.cellPolygon(i) as number[][], plane, district, districtIndex);
    if (!geometry) throw new Error(`community ${seed.community.code} has an empty cell`);
    return {
      code: seed.community.code,
      townCode: seed.community.townCode,
      urCode: seed.community.urCode,
      seed: seed.point,
      seedSource: seed.source,
      geometry,
    };
  });

  function locate(point: LonLat): string | undefined {
    // The Voronoi site nearest in the plane owns the point, except within rounding
    // distance of an edge: verify on the final geometry and fall back to a scan.
    const nearest = delaunay.find(...plane.toXY(point));
    if (containsPoint(cells[nearest].geometry, point)) return cells[nearest].code;
    for (const neighbour of delaunay.neighbors(nearest)) {
      if (containsPoint(cells[neighbour].geometry, point)) return cells[neighbour].code;
    }
    return cells.find((cell) => containsPoint(cell.geometry, point))?.code;
  }

  return { cells, locate, byCode: new Map(cells.map((c) => [c.code, c])) };
}

/** Union of a town's community polygons. */
export function unionTownPolygon(cells: CommunityCell[]): Polygon | MultiPolygon {
  const features = cells.map((c) => turf.feature(c.geometry));
  const merged = features.length === 1 ? features[0] : turf.union(turf.featureCollection(features));
  const geometry = merged ? cleanPolygonal(merged.geometry as Polygon | MultiPolygon) : undefined;
  if (!geometry) throw new Error('empty town union');
  return geometry;
}
