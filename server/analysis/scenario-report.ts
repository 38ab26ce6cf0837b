import type { AnalysisMode } from '../../core/analysis/api-contract.ts';
import { computeNetworkDistances } from '../../core/analysis/network-distance.ts';
import { addFacilitiesStraight, compareCoverage, nearerOf } from '../../core/analysis/scenario.ts';
import type { ScenarioPhase, ScenarioResponse } from '../../core/analysis/scenario-contract.ts';
import type { LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';
import type { AnalysisStore } from './analysis-store.ts';
import { readProjectFacilities } from './scenario-sql.ts';

export interface ScenarioQuery {
  layer: LayerDefinition;
  radiusM: number;
  mode: AnalysisMode;
  phases: readonly ScenarioPhase[];
}

/**
 * Coverage today and with the projects' facilities added. Today's distances are the coverage
 * analysis's own (kept per data version); only the projects' few facilities are measured here,
 * and read afresh every time, so a project moved, approved or completed counts at once.
 */
export async function reportScenario(sql: Queryable, store: AnalysisStore, query: ScenarioQuery): Promise<ScenarioResponse> {
  const started = performance.now();
  const versions = await store.readVersions([query.layer.id], query.mode);
  const [demand, today, added] = await Promise.all([
    store.demand(versions),
    store.nearestDistances(query.layer, query.mode, query.radiusM, versions),
    readProjectFacilities(sql, query.layer, query.phases),
  ]);
  let withProjects = today.distances;
  if (added.facilities.length && query.mode === 'euclidean') {
    withProjects = addFacilitiesStraight(demand, today.distances, added.facilities, query.radiusM);
  } else if (added.facilities.length) {
    const [snapper, snaps] = await Promise.all([store.network(versions), store.demandSnaps(versions)]);
    withProjects = nearerOf(today.distances, computeNetworkDistances(snapper, demand, snaps, added.facilities, query.radiusM).distances);
  }
  return {
    layer: query.layer.id,
    radius: query.radiusM,
    mode: query.mode,
    phases: [...query.phases],
    projects: added.projects,
    ...compareCoverage(demand, today.distances, withProjects, query.radiusM),
    versions: Object.fromEntries(versions),
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
