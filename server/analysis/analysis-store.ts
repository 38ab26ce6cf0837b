import type { AnalysisMode } from '../../core/analysis/api-contract.ts';
import type { DemandSet } from '../../core/analysis/demand-set.ts';
import type { Facility } from '../../core/analysis/facility.ts';
import { computeNearestDistances } from '../../core/analysis/nearest-distance.ts';
import { computeNetworkDistances, snapPoints, type SnapTable } from '../../core/analysis/network-distance.ts';
import { createNetworkSnapper, type NetworkSnapper } from '../../core/analysis/network-snap.ts';
import { createRoadGraph, type RoadEdgeInput } from '../../core/analysis/road-graph.ts';
import type { LayerDefinition } from '../../core/layers/registry.ts';
import { ANALYSIS_DEFAULTS } from '../../core/standards.ts';
import type { Queryable } from '../db/client.ts';
import { readLayerVersions, versionKey } from '../db/layer-versions.ts';
import { readDemandSet, readFacilities, readRoadEdges } from './analysis-sql.ts';
import { MemoCache } from '../cache/memo-cache.ts';

export type Versions = ReadonlyMap<string, number>;

export interface NearestDistances {
  distances: Float64Array;
  /** Network mode only: facilities with no road within the snap tolerance. */
  unreachableFacilities: number;
}

/** The layers every analysis reads besides the facility layer itself. */
export const DEMAND_LAYERS = ['population', 'communities'] as const;

/**
 * Loads the analysis inputs from PostGIS and keeps them, and the per-layer nearest distances,
 * keyed by the data versions of the layers they came from (`layer_versions`, bumped by a
 * trigger on every write). One store per app (app-services.ts); any number of processes may run one.
 */
export class AnalysisStore {
  private readonly cache = new MemoCache(96);

  constructor(private readonly sql: Queryable) {}

  /** Current versions of the layers an analysis of `layers` in `mode` depends on. */
  readVersions(layers: readonly string[], mode: AnalysisMode): Promise<Map<string, number>> {
    const involved = new Set<string>([...DEMAND_LAYERS, ...layers, ...(mode === 'network' ? ['roads'] : [])]);
    return readLayerVersions(this.sql, [...involved]);
  }

  demand(versions: Versions): Promise<DemandSet> {
    return this.cache.get(`demand@${versionKey(versions, DEMAND_LAYERS)}`, () => readDemandSet(this.sql));
  }

  facilities(layer: LayerDefinition, versions: Versions): Promise<Facility[]> {
    return this.cache.get(`facilities:${layer.id}@${versionKey(versions, [layer.id])}`, () => readFacilities(this.sql, layer));
  }

  /** The walking network's edges as stored (the browser's network what-if builds its graph from them too). */
  roadEdges(versions: Versions): Promise<RoadEdgeInput[]> {
    return this.cache.get(`roads@${versionKey(versions, ['roads'])}`, () => readRoadEdges(this.sql));
  }

  network(versions: Versions): Promise<NetworkSnapper> {
    return this.cache.get(`network@${versionKey(versions, ['roads'])}`, async () =>
      createNetworkSnapper(createRoadGraph(await this.roadEdges(versions)), ANALYSIS_DEFAULTS.snapToleranceM));
  }

  /** Where every population cell joins the network: the costly part of network mode, kept. */
  demandSnaps(versions: Versions): Promise<SnapTable> {
    return this.cache.get(`snaps@${versionKey(versions, ['roads', ...DEMAND_LAYERS])}`, async () => {
      const [snapper, demand] = await Promise.all([this.network(versions), this.demand(versions)]);
      return snapPoints(snapper, demand.lon, demand.lat);
    });
  }

  /** Each cell's distance to the layer's nearest facility, exact up to `capM`, Infinity beyond. */
  nearestDistances(layer: LayerDefinition, mode: AnalysisMode, capM: number, versions: Versions): Promise<NearestDistances> {
    const involved = [layer.id, ...DEMAND_LAYERS, ...(mode === 'network' ? ['roads'] : [])];
    return this.cache.get(`nearest:${mode}:${layer.id}:${capM}@${versionKey(versions, involved)}`, async () => {
      const [demand, facilities] = await Promise.all([this.demand(versions), this.facilities(layer, versions)]);
      if (mode === 'euclidean') return { distances: computeNearestDistances(demand, facilities, capM), unreachableFacilities: 0 };
      const [snapper, snaps] = await Promise.all([this.network(versions), this.demandSnaps(versions)]);
      return computeNetworkDistances(snapper, demand, snaps, facilities, capM);
    });
  }
}

