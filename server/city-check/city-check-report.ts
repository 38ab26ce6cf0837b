import { nearerOf } from '../../core/analysis/scenario.ts';
import { CITY_CHECK_INDICATORS, walkingDistanceM } from '../../core/city-check/city-check-catalogue.ts';
import { computeCityCheck, type CapacityItem, type CityCheckLevel } from '../../core/city-check/city-check-figures.ts';
import type { CityCheckResponse } from '../../core/city-check/city-check-contract.ts';
import { findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import type { AnalysisStore } from '../analysis/analysis-store.ts';
import type { Queryable } from '../db/client.ts';
import { unknownTown } from '../targets/target-routes.ts';
import { selectCapacities, selectCommunityTowns, selectTowns } from './city-check-sql.ts';

const requireLayer = (id: string): LayerDefinition => {
  const layer = findLayer(id);
  if (!layer) throw new RangeError(`the city-check catalogue names ${id}, which the registry does not declare`);
  return layer;
};

/**
 * The city check measured on today's data: each walking-coverage indicator's walks are the
 * coverage analysis's own network distances for each of its layers (kept by the analysis store
 * per data version, so a second call costs the sums), the nearer of them per cell.
 */
export async function reportCityCheck(
  sql: Queryable, store: AnalysisStore, query: { level: CityCheckLevel; town?: string; walkingSpeedKmh: number },
): Promise<CityCheckResponse> {
  const walking = CITY_CHECK_INDICATORS.filter((indicator) => indicator.kind === 'walking_coverage');
  const provision = CITY_CHECK_INDICATORS.filter((indicator) => indicator.kind === 'provision');
  const versions = await store.readVersions([...new Set([...walking.flatMap((indicator) => indicator.layers), ...provision.map((indicator) => indicator.layer)])], 'network');
  const [demand, towns, communityTowns] = await Promise.all([store.demand(versions), selectTowns(sql), selectCommunityTowns(sql)]);
  if (query.town !== undefined && !towns.some((town) => town.code === query.town)) throw unknownTown(query.town);
  const walks = new Map<string, Float64Array>();
  // One layer after another, as the life-circle matrix does: flat memory, one session on the embedded database.
  for (const indicator of walking) {
    const distanceM = walkingDistanceM(indicator, query.walkingSpeedKmh);
    let nearest: Float64Array | undefined;
    for (const id of indicator.layers) {
      const { distances } = await store.nearestDistances(requireLayer(id), 'network', distanceM, versions);
      nearest = nearest ? nearerOf(nearest, distances) : distances;
    }
    walks.set(indicator.id, nearest!);
  }
  const capacities = new Map<string, CapacityItem[]>();
  for (const indicator of provision) capacities.set(indicator.id, await selectCapacities(sql, requireLayer(indicator.layer), indicator.column));
  const indicators = computeCityCheck({ demand, communityTowns, towns, walkingSpeedKmh: query.walkingSpeedKmh, walks, capacities, level: query.level, town: query.town });
  return { level: query.level, town: query.town ?? null, walkingSpeedKmh: query.walkingSpeedKmh, indicators, versions: Object.fromEntries(versions) };
}
