import type { SnapTable } from '../../analysis/network-distance.ts';
import { createPointGrid } from '../../analysis/point-grid.ts';
import type { RoadGraph } from '../../analysis/road-graph.ts';
import { listEuclideanCoverage, packCoverageLists } from './coverage-lists.ts';
import { measureGeodesicMatrix } from './distance-matrix.ts';
import { NetworkReach, listNetworkCoverage, measureNetworkMatrix } from './network-reach.ts';
import type { CoverageLists, SitingInstance } from '../contract/siting-types.ts';

/**
 * The costly part of an instance on our data — coverage lists over thousands of sites, or a
 * dense p-median matrix — as a recipe the solving thread cooks: millions of geodesics or
 * thousands of network searches take seconds, which must not block the thread serving requests.
 */
export interface CoverRecipe {
  radiusM: number;
  /** Every population cell's centre; `demandOfCell` renumbers them to demands (−1 = left out). */
  cellLon: Float64Array;
  cellLat: Float64Array;
  demandOfCell: Int32Array;
  siteLon: Float64Array;
  siteLat: Float64Array;
  /** Walking coverage: the graph and where cells and sites join it. */
  network?: { graph: RoadGraph; cellSnaps: SnapTable; siteSnaps: SnapTable };
}

export type DistanceRecipe =
  | { kind: 'geodesic'; siteLon: Float64Array; siteLat: Float64Array; demandLon: Float64Array; demandLat: Float64Array }
  | { kind: 'network'; graph: RoadGraph; siteSnaps: SnapTable; demandSnaps: SnapTable };

export interface InstanceRecipe {
  cover?: CoverRecipe;
  distances?: DistanceRecipe;
}

/** The instance with its coverage lists or distances filled in from the recipe. */
export function completeInstance(instance: SitingInstance, recipe: InstanceRecipe | undefined): SitingInstance {
  const complete = { ...instance };
  if (recipe?.cover) complete.cover = cookCover(recipe.cover);
  if (recipe?.distances) complete.distances = cookDistances(recipe.distances);
  return complete;
}

function cookCover(recipe: CoverRecipe): CoverageLists {
  const cells = { count: recipe.cellLon.length, lon: recipe.cellLon, lat: recipe.cellLat, grid: createPointGrid(recipe.cellLon, recipe.cellLat) };
  const sites = { lon: recipe.siteLon, lat: recipe.siteLat };
  const byCell = recipe.network
    ? listNetworkCoverage(new NetworkReach(recipe.network.graph), cells, recipe.network.cellSnaps, sites, recipe.network.siteSnaps, recipe.radiusM).cover
    : listEuclideanCoverage(cells, sites, recipe.radiusM);
  return renumberDemands(byCell, recipe.demandOfCell);
}

/** Site-major metres, Infinity where no path exists. */
function cookDistances(recipe: DistanceRecipe): Float32Array {
  if (recipe.kind === 'geodesic') {
    return measureGeodesicMatrix({ lon: recipe.siteLon, lat: recipe.siteLat }, { lon: recipe.demandLon, lat: recipe.demandLat });
  }
  return measureNetworkMatrix(new NetworkReach(recipe.graph), recipe.siteSnaps, recipe.demandSnaps);
}

/** Coverage lists by cell, renumbered to the demands kept (cells mapped to −1 are dropped). */
export function renumberDemands(cover: CoverageLists, demandOfCell: Int32Array): CoverageLists {
  const lists: Int32Array[] = [];
  for (let site = 0; site + 1 < cover.start.length; site += 1) {
    const kept: number[] = [];
    for (let slot = cover.start[site]; slot < cover.start[site + 1]; slot += 1) {
      const demand = demandOfCell[cover.demand[slot]];
      if (demand >= 0) kept.push(demand);
    }
    lists.push(Int32Array.from(kept));
  }
  return packCoverageLists(lists);
}
