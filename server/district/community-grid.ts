import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { PlannedCommunity } from '../../core/district/district-plan.ts';
import { buildCommunityCells } from '../demo/communities.ts';
import { createLocalPlane } from '../demo/geo-math.ts';
import { createPolygonIndex } from '../demo/polygon-index.ts';
import type { CommunitySeed } from '../demo/seeds.ts';
import type { LonLat } from '../demo/types.ts';
import { badRequest } from '../errors.ts';

/**
 * Communities given as points get the grid the demo draws for Nan'an: each point owns the area
 * nearer to it than to any other (Voronoi cells in a local metric plane, so fair in metres), cut
 * to the boundary (server/demo/communities.ts). The points are the official centres, as they
 * came in the file.
 */
export function drawCommunityGrid(communities: readonly PlannedCommunity[], boundary: MultiPolygon): Map<string, Polygon | MultiPolygon> {
  if (boundary.coordinates.length !== 1) {
    throw badRequest('district_refused', `communities given as points are drawn into a grid inside a boundary of one polygon; this boundary has ${boundary.coordinates.length} parts: give the communities as polygons`);
  }
  const polygon: Polygon = { type: 'Polygon', coordinates: boundary.coordinates[0] };
  const [west, south, , north] = turf.bbox(polygon);
  const plane = createLocalPlane([west, south], (south + north) / 2);
  const seeds: CommunitySeed[] = communities.map((community) => ({
    community: { code: community.code, townCode: community.townCode, name: community.name, nameEn: community.nameEn ?? community.name, urCode: '' },
    point: community.geometry.coordinates as LonLat,
    source: 'official',
  }));
  const seen = new Map<string, string>();
  for (const seed of seeds) {
    const key = seed.point.join(',');
    const twin = seen.get(key);
    if (twin) throw badRequest('district_refused', `communities ${twin} and ${seed.community.code} are the same point: a grid cannot be drawn between them`);
    seen.set(key, seed.community.code);
  }
  const layer = buildCommunityCells(seeds, plane, polygon, createPolygonIndex(polygon));
  return new Map(layer.cells.map((cell) => [cell.code, cell.geometry]));
}
