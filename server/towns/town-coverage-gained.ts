import { computeNetworkDistances } from '../../core/analysis/network-distance.ts';
import { compareCoverage } from '../../core/analysis/scenario.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { findServiceStandard } from '../../core/standards.ts';
import type { AnalysisStore } from '../analysis/analysis-store.ts';
import { MemoCache } from '../cache/memo-cache.ts';
import { versionKey } from '../db/layer-versions.ts';
import type { Queryable } from '../db/client.ts';
import { selectCommunityTowns } from '../city-check/city-check-sql.ts';
import { selectCompletedFacilities, selectFacilitiesExcept, type CompletedFacilityRow } from './town-comparison-sql.ts';

/**
 * Coverage gained (拉练互评): per town, the residents newly within the standard walk of a facility
 * that a project completed in the period added, summed over the layers (someone newly near a
 * kindergarten and a fresh market counts for each). It is the scenario comparison
 * (core/analysis/scenario.ts) run backwards: coverage today, along the walking network at the
 * standards table's radius (the coverage analysis's own distances), against the same layer without
 * those projects' features. Residents are counted where they live, whichever town built the facility.
 */

export interface CoverageGained {
  /** Town code → residents newly covered; null when no project completed in the period added a facility. */
  byTown: Map<string, number> | null;
  /** The layers that gained, with the residents newly covered in the whole district. */
  byLayer: Record<string, number>;
}

/**
 * Kept per analysis store (one per app): the layers without the period's features, and whole
 * answers, by the data versions and the features they were measured with.
 */
const caches = new WeakMap<AnalysisStore, MemoCache>();

function cacheOf(store: AnalysisStore): MemoCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = new MemoCache(48);
    caches.set(store, cache);
  }
  return cache;
}

export async function measureCoverageGained(sql: Queryable, store: AnalysisStore, period: { start: string; end: string }): Promise<CoverageGained> {
  const completed = (await selectCompletedFacilities(sql, period)).filter((row) => findServiceStandard(row.layer) && findLayer(row.layer));
  if (!completed.length) return { byTown: null, byLayer: {} };
  const versions = await store.readVersions(completed.map((row) => row.layer), 'network');
  const features = completed.map((row) => `${row.layer}:${row.feature_ids.join(',')}`).join(';');
  return cacheOf(store).get(`gained@${versionKey(versions, [...versions.keys()].sort())}-${features}`, () => compareLayers(sql, store, completed, versions));
}

async function compareLayers(sql: Queryable, store: AnalysisStore, completed: readonly CompletedFacilityRow[], versions: Map<string, number>): Promise<CoverageGained> {
  const [communityTowns, demand] = await Promise.all([selectCommunityTowns(sql), store.demand(versions)]);
  const byTown = new Map<string, number>();
  const byLayer: Record<string, number> = {};
  // Layer after layer: one network search at a time (the embedded database is one session anyway).
  for (const { layer: layerId, feature_ids: featureIds } of completed) {
    const layer = findLayer(layerId)!;
    const radiusM = findServiceStandard(layerId)!.radiusM;
    const today = await store.nearestDistances(layer, 'network', radiusM, versions);
    const involved = [layerId, 'roads', 'population', 'communities'];
    const without = await cacheOf(store).get(`without:${layerId}:${radiusM}@${versionKey(versions, involved)}-${featureIds.join(',')}`, async () => {
      const [snapper, snaps, facilities] = await Promise.all([store.network(versions), store.demandSnaps(versions), selectFacilitiesExcept(sql, layer, featureIds)]);
      return computeNetworkDistances(snapper, demand, snaps, facilities, radiusM).distances;
    });
    const comparison = compareCoverage(demand, without, today.distances, radiusM);
    byLayer[layerId] = comparison.gainedPopulation;
    for (const community of comparison.byCommunity) {
      const town = communityTowns.get(community.code);
      if (town !== undefined && community.gainedPopulation !== 0) byTown.set(town, (byTown.get(town) ?? 0) + community.gainedPopulation);
    }
  }
  return { byTown, byLayer };
}
