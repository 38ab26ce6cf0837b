// Entry point of the deterministic demo-data generator: Frame + seed → dataset.
// Pure: no I/O, no clock, no Math.random; every random draw comes from `seed`
// through per-layer forks, so one layer's changes do not reshuffle the others.
import * as turf from '@turf/turf';
import type { DemoDataset, Frame } from './types.ts';
import type { LocalPlane } from './geo-math.ts';
import { createLocalPlane } from './geo-math.ts';
import type { PolygonIndex } from './polygon-index.ts';
import { createPolygonIndex } from './polygon-index.ts';
import { createRng } from './random.ts';
import type { CommunitySeed } from './seeds.ts';
import { placeCommunitySeeds } from './seeds.ts';
import type { CommunityLayer } from './communities.ts';
import { buildCommunityCells } from './communities.ts';
import { buildPopulationGrid, createPopulationLookup, GRID_REFERENCE_LAT } from './population.ts';
import { buildRoadNetwork } from './roads.ts';
import { createNameBook, createServiceLevels } from './facility-placement.ts';
import type { PlacementContext } from './facility-placement.ts';
import { buildFacilityLayers } from './facilities.ts';
import { buildIdlePlots, buildSlopeGreening } from './plots.ts';
import { buildTrails } from './trails.ts';
import { buildCommunityLayer, buildDistrictLayer, buildPopulationLayer, buildRoadLayer, buildTownLayer } from './frame-layers.ts';
import { buildDemoDemandsAndProjects } from './demands-and-projects.ts';

export const DEFAULT_DEMO_SEED = 20211223;

/**
 * The community grid is part of the frame the product is organised by, so its generated seed
 * points do not move when the demo seed changes: they use this fixed seed instead.
 */
export const COMMUNITY_LAYOUT_SEED = 20211223;

export { serializeDemoDataset } from './serialize.ts';
export type { DemoDataset, DemoDemand, DemoFeature, DemoProject, Frame, LayerId } from './types.ts';
export { LAYER_IDS } from './types.ts';

/** The dataset plus the intermediate products that tests and tools want to inspect. */
export interface DemoModel {
  dataset: DemoDataset;
  seeds: CommunitySeed[];
  communities: CommunityLayer;
  plane: LocalPlane;
  district: PolygonIndex;
  /** The population grid, places and names the point layers and demands were drawn from. */
  placement: PlacementContext;
}

export function generateDemoDataset(frame: Frame, seed = DEFAULT_DEMO_SEED): DemoDataset {
  return buildDemoModel(frame, seed).dataset;
}

export function buildDemoModel(frame: Frame, seed = DEFAULT_DEMO_SEED): DemoModel {
  const rng = createRng(seed);
  const boundary = frame.district.boundary;
  const [minLon, minLat] = turf.bbox(boundary);
  // Fixed reference latitude: the metric plane must not depend on the seed.
  const plane = createLocalPlane([minLon, minLat], GRID_REFERENCE_LAT);
  const district = createPolygonIndex(boundary);

  const seeds = placeCommunitySeeds(frame, plane, district, createRng(COMMUNITY_LAYOUT_SEED).fork('seeds'));
  const communities = buildCommunityCells(seeds, plane, boundary, district);
  const cells = buildPopulationGrid(communities, plane, district, rng.fork('population'));
  const roads = buildRoadNetwork({ plane, district, communities, populationAt: createPopulationLookup(cells), seed: rng.fork('roads').int(0, 0x7fffffff) });

  const placement: PlacementContext = {
    plane,
    district,
    communities,
    cells,
    serviceLevel: createServiceLevels(frame, rng.fork('service-levels')),
    names: createNameBook(frame),
  };
  const facilities = buildFacilityLayers(frame, placement, rng.fork('facilities'));

  const layers: DemoDataset['layers'] = {
    district: buildDistrictLayer(frame),
    towns: buildTownLayer(frame, communities),
    communities: buildCommunityLayer(frame, communities),
    population: buildPopulationLayer(cells, boundary, district),
    roads: buildRoadLayer(roads),
    ...facilities,
    idle_plots: buildIdlePlots(placement, rng.fork('idle_plots')),
    trails: buildTrails({ plane, district, boundary, communities, seed: rng.fork('trails').int(0, 0x7fffffff) }),
    slope_greening: buildSlopeGreening(frame, placement, rng.fork('slope_greening'), boundary),
  };
  // Demands follow the layers: they are placed by how poorly the facility layers above cover people.
  // Projects come last: they answer the demands, and the completed ones are the layers' own features.
  const { demands, projects } = buildDemoDemandsAndProjects({ placement, layers }, rng);
  const dataset: DemoDataset = { seed, layers, demands, projects };
  return { dataset, seeds, communities, plane, district, placement };
}
