import type { AnalysisMode, CoverageResponse, GapCell, GapCells } from '../../core/analysis/api-contract.ts';
import { computeCoverage, listUncoveredCells } from '../../core/analysis/coverage.ts';
import { metresForMinutes } from '../../core/analysis/isochrone.ts';
import { computeLifeCircleMatrix, type LifeCircleColumn, type LifeCircleMatrix } from '../../core/analysis/life-circle.ts';
import { findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import { ANALYSIS_DEFAULTS } from '../../core/standards.ts';
import type { Queryable } from '../db/client.ts';
import { readCellSquares } from './analysis-sql.ts';
import type { AnalysisStore } from './analysis-store.ts';

export interface CoverageQuery {
  layer: LayerDefinition;
  radiusM: number;
  mode: AnalysisMode;
  walkingSpeedKmh: number;
}

/** Population covered by one facility layer at one distance, in total and per community. */
export async function reportCoverage(store: AnalysisStore, query: CoverageQuery): Promise<CoverageResponse> {
  const started = performance.now();
  const versions = await store.readVersions([query.layer.id], query.mode);
  const [demand, nearest] = await Promise.all([
    store.demand(versions),
    store.nearestDistances(query.layer, query.mode, query.radiusM, versions),
  ]);
  const summary = computeCoverage(demand, nearest.distances, query.radiusM);
  const response: CoverageResponse = {
    layer: query.layer.id,
    radius: query.radiusM,
    mode: query.mode,
    totalPopulation: summary.totalPopulation,
    coveredPopulation: summary.coveredPopulation,
    coveredShare: summary.coveredShare,
    byCommunity: demand.communities.map((community, index) => ({
      code: community.code,
      name: community.name,
      population: summary.communityPopulation[index],
      coveredPopulation: summary.communityCovered[index],
      coveredShare: summary.communityPopulation[index] > 0 ? summary.communityCovered[index] / summary.communityPopulation[index] : null,
    })),
    versions: Object.fromEntries(versions),
    elapsedMs: 0,
  };
  if (query.mode === 'network') {
    const snaps = await store.demandSnaps(versions);
    let unreachablePopulation = 0;
    for (let cell = 0; cell < demand.count; cell += 1) if (snaps.edge[cell] < 0) unreachablePopulation += demand.population[cell];
    Object.assign(response, {
      unreachablePopulation,
      unreachableFacilities: nearest.unreachableFacilities,
      walkingSpeedKmh: query.walkingSpeedKmh,
      minutes: Math.round((query.radiusM / metresForMinutes(1, query.walkingSpeedKmh)) * 100) / 100,
      snapToleranceM: ANALYSIS_DEFAULTS.snapToleranceM,
    });
  }
  response.elapsedMs = Math.round((performance.now() - started) * 10) / 10;
  return response;
}

/**
 * The cells left uncovered, as GeoJSON squares for the map. In network mode a cell with no
 * road within the snap tolerance says so (`reachable: false`): it is out of reach, not far.
 */
export async function reportUncoveredCells(sql: Queryable, store: AnalysisStore, query: CoverageQuery): Promise<GapCells> {
  const versions = await store.readVersions([query.layer.id], query.mode);
  const [demand, nearest] = await Promise.all([store.demand(versions), store.nearestDistances(query.layer, query.mode, query.radiusM, versions)]);
  const uncovered = listUncoveredCells(nearest.distances, query.radiusM);
  const snaps = query.mode === 'network' ? await store.demandSnaps(versions) : undefined;
  const reachableById = new Map(uncovered.map((cell) => [demand.ids[cell], snaps ? snaps.edge[cell] >= 0 : true]));
  const squares = await readCellSquares(sql, uncovered.map((cell) => demand.ids[cell]));
  return {
    type: 'FeatureCollection' as const,
    layer: query.layer.id,
    radius: query.radiusM,
    mode: query.mode,
    versions: Object.fromEntries(versions),
    features: squares.map((square) => ({
      type: 'Feature' as const,
      id: square.id,
      properties: { population: square.population, community_code: square.community_code, reachable: reachableById.get(square.id) ?? true },
      geometry: JSON.parse(square.geometry) as GapCell['geometry'],
    })),
  };
}

/** The life-circle matrix for the given columns (standards, possibly with overridden radii). */
export async function reportLifeCircle(store: AnalysisStore, columns: readonly LifeCircleColumn[], mode: AnalysisMode): Promise<{ matrix: LifeCircleMatrix; versions: Map<string, number> }> {
  const versions = await store.readVersions(columns.map((column) => column.layer), mode);
  const demand = await store.demand(versions);
  const distances: Float64Array[] = [];
  // One layer after another: the embedded database is a single session anyway, and this keeps
  // memory flat on a real one.
  for (const column of columns) {
    distances.push((await store.nearestDistances(findLayer(column.layer)!, mode, column.radiusM, versions)).distances);
  }
  return { matrix: computeLifeCircleMatrix(demand, columns, distances), versions };
}
