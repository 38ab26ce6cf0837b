import { nearerOf } from '../../core/analysis/scenario.ts';
import { CITY_CHECK_INDICATORS, walkingDistanceM } from '../../core/city-check/city-check-catalogue.ts';
import { computeCityCheck, type CapacityItem, type CityCheckLevel } from '../../core/city-check/city-check-figures.ts';
import type { CityCheckResponse } from '../../core/city-check/city-check-contract.ts';
import { findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import type { AnalysisStore } from '../analysis/analysis-store.ts';
import { MemoCache } from '../cache/memo-cache.ts';
import { versionKey } from '../db/layer-versions.ts';
import type { Queryable } from '../db/client.ts';
import { unknownTown } from '../targets/target-routes.ts';
import { selectCapacities, selectCommunityTowns, selectTowns } from './city-check-sql.ts';

const requireLayer = (id: string): LayerDefinition => {
  const layer = findLayer(id);
  if (!layer) throw new RangeError(`the city-check catalogue names ${id}, which the registry does not declare`);
  return layer;
};

/** Answers kept per analysis store (one per app), by the data versions they were measured at. */
const answers = new WeakMap<AnalysisStore, MemoCache>();

function answerCache(store: AnalysisStore): MemoCache {
  let cache = answers.get(store);
  if (!cache) {
    cache = new MemoCache(16);
    answers.set(store, cache);
  }
  return cache;
}

const WALKING = CITY_CHECK_INDICATORS.filter((indicator) => indicator.kind === 'walking_coverage');
const PROVISION = CITY_CHECK_INDICATORS.filter((indicator) => indicator.kind === 'provision');
/** Every layer an answer depends on: the facilities, the network, population, communities and towns. */
const LAYERS = [...new Set([...WALKING.flatMap((indicator) => indicator.layers), ...PROVISION.map((indicator) => indicator.layer), 'towns'])];

/**
 * The city check measured on today's data: each walking-coverage indicator's walks are the
 * coverage analysis's own network distances for each of its layers (kept by the analysis store
 * per data version), the nearer of them per cell. The answer depends on nothing but those
 * layers, so it is kept by their versions: a later visit costs one read of the versions, and any
 * edit to them (a facility added, a project completed) is measured afresh.
 */
export async function reportCityCheck(
  sql: Queryable, store: AnalysisStore, query: { level: CityCheckLevel; town?: string; walkingSpeedKmh: number },
): Promise<CityCheckResponse> {
  const versions = await store.readVersions(LAYERS, 'network');
  const key = `${query.level}:${query.town ?? ''}:${query.walkingSpeedKmh}@${versionKey(versions, [...versions.keys()].sort())}`;
  return answerCache(store).get(key, () => measureCityCheck(sql, store, query, versions));
}

async function measureCityCheck(
  sql: Queryable, store: AnalysisStore, query: { level: CityCheckLevel; town?: string; walkingSpeedKmh: number }, versions: Map<string, number>,
): Promise<CityCheckResponse> {
  const [demand, towns, communityTowns] = await Promise.all([store.demand(versions), selectTowns(sql), selectCommunityTowns(sql)]);
  if (query.town !== undefined && !towns.some((town) => town.code === query.town)) throw unknownTown(query.town);
  const walks = new Map<string, Float64Array>();
  // One layer after another, as the life-circle matrix does: flat memory, one session on the embedded database.
  for (const indicator of WALKING) {
    const distanceM = walkingDistanceM(indicator, query.walkingSpeedKmh);
    let nearest: Float64Array | undefined;
    for (const id of indicator.layers) {
      const { distances } = await store.nearestDistances(requireLayer(id), 'network', distanceM, versions);
      nearest = nearest ? nearerOf(nearest, distances) : distances;
    }
    walks.set(indicator.id, nearest!);
  }
  const capacities = new Map<string, CapacityItem[]>();
  for (const indicator of PROVISION) capacities.set(indicator.id, await selectCapacities(sql, requireLayer(indicator.layer), indicator.column));
  const indicators = computeCityCheck({ demand, communityTowns, towns, walkingSpeedKmh: query.walkingSpeedKmh, walks, capacities, level: query.level, town: query.town });
  return { level: query.level, town: query.town ?? null, walkingSpeedKmh: query.walkingSpeedKmh, indicators, versions: Object.fromEntries(versions) };
}
