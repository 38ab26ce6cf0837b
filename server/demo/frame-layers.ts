// Feature layers that carry the administrative frame and the grids derived
// from it: district (real), towns and communities (generated polygons),
// population cells and the road graph.
import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import type { DemoFeature, Frame, LonLat } from './types.ts';
import type { CommunityLayer } from './communities.ts';
import { clipRingToDistrict, unionTownPolygon } from './communities.ts';
import { isInsidePolygonRings } from './geo-math.ts';
import type { PolygonIndex } from './polygon-index.ts';
import type { PopulationCell } from './population.ts';
import { cellRing } from './population.ts';
import type { RoadNetwork } from './roads.ts';
import { toFeatures } from './features.ts';

export function buildDistrictLayer(frame: Frame): DemoFeature[] {
  const { code, name, nameEn, boundary } = frame.district;
  // The fence is real (AMap 2016 via Vonng/adcode), hence demo: false.
  return toFeatures([{ geometry: boundary, properties: { code, name, name_en: nameEn, demo: false } }]);
}

export function buildTownLayer(frame: Frame, communities: CommunityLayer): DemoFeature[] {
  return toFeatures(
    frame.towns.map((town) => ({
      geometry: unionTownPolygon(communities.cells.filter((c) => c.townCode === town.code)),
      properties: { code: town.code, name: town.name, name_en: town.nameEn, kind: town.kind, approximate: true, demo: true },
    })),
  );
}

export function buildCommunityLayer(frame: Frame, communities: CommunityLayer): DemoFeature[] {
  return toFeatures(
    frame.communities.map((community) => {
      const cell = communities.byCode.get(community.code)!;
      return {
        geometry: cell.geometry,
        properties: {
          code: community.code,
          town_code: community.townCode,
          name: community.name,
          name_en: community.nameEn,
          ur_code: community.urCode,
          seed_source: cell.seedSource,
          approximate: true,
          demo: true,
        },
      };
    }),
  );
}

/**
 * Cells on the fence are cut to the district, so every geometry lies inside it; the cell keeps
 * its whole population, which the model places at the (inside) centre. Should the cut split a
 * cell, the part holding the centre is kept, as the layer is single polygons.
 */
function cellGeometry(cell: PopulationCell, district: Polygon, districtIndex: PolygonIndex): Polygon {
  const clipped = clipRingToDistrict(cellRing(cell.row, cell.col) as LonLat[], district, districtIndex);
  if (!clipped) throw new Error(`population cell ${cell.row}/${cell.col} lies outside the district`);
  if (clipped.type === 'Polygon') return clipped;
  const parts = clipped.coordinates.map((rings) => ({ type: 'Polygon' as const, coordinates: rings }));
  return parts.find((part) => isInsidePolygonRings(cell.centre, part.coordinates)) ?? parts[0];
}

export function buildPopulationLayer(cells: readonly PopulationCell[], district: Polygon, districtIndex: PolygonIndex): DemoFeature[] {
  return toFeatures(
    cells.map((cell) => ({
      geometry: cellGeometry(cell, district, districtIndex),
      properties: { community_code: cell.communityCode, population: cell.population, demo: true },
    })),
  );
}

export function buildRoadLayer(network: RoadNetwork): DemoFeature[] {
  return toFeatures(
    network.edges.map((edge) => ({
      geometry: { type: 'LineString' as const, coordinates: edge.coordinates },
      properties: {
        road_class: edge.roadClass,
        length_m: Math.round(turf.length(turf.lineString(edge.coordinates), { units: 'kilometers' }) * 10_000) / 10,
        source_node: edge.source,
        target_node: edge.target,
        demo: true,
      },
    })),
  );
}
