import { fromDemandPayload, type DemandPayload, type DemandSet } from '../../../core/analysis/demand-set.ts';
import { createFacility, type Facility, type FacilityGeometry } from '../../../core/analysis/facility.ts';
import type { AnalysisMode } from '../../../core/analysis/api-contract.ts';
import { snapPoints, type SnapTable } from '../../../core/analysis/network-distance.ts';
import { createNetworkSnapper, type NetworkSnapper } from '../../../core/analysis/network-snap.ts';
import { createRoadGraph } from '../../../core/analysis/road-graph.ts';
import { fromRoadPayload, type RoadPayload } from '../../../core/analysis/road-payload.ts';
import { ANALYSIS_DEFAULTS } from '../../../core/standards.ts';
import { fetchJson } from '../api/fetch-json.ts';

/**
 * What the in-browser what-if needs: the demand (population cells as centres, population and
 * community) from `/api/analysis/demand` — the server's own numbers — and the chosen layer's
 * facilities from the OGC API – Features collection the map already serves.
 */
export interface OgcFeature {
  id: number;
  geometry: unknown;
  properties: Record<string, unknown>;
}

interface OgcPage {
  features: OgcFeature[];
  numberMatched?: number;
}

/** The OGC service's page cap (server/ogc/parameters.ts serves larger limits as this). */
const PAGE_SIZE = 10_000;

/** Every feature of a collection: the first page says how many there are, the rest load together. */
export async function fetchAllFeatures(origin: string, collection: string, properties: readonly string[], signal?: AbortSignal): Promise<OgcFeature[]> {
  const page = (offset: number) =>
    fetchJson<OgcPage>(`${origin}/ogc/collections/${encodeURIComponent(collection)}/items?limit=${PAGE_SIZE}&offset=${offset}&properties=${properties.join(',')}`, signal);
  const first = await page(0);
  const total = first.numberMatched ?? first.features.length;
  const offsets: number[] = [];
  for (let offset = first.features.length; offset < total && first.features.length > 0; offset += PAGE_SIZE) offsets.push(offset);
  const rest = await Promise.all(offsets.map(page));
  return [first, ...rest].flatMap((part) => part.features);
}

export function buildFacilities(features: readonly OgcFeature[]): Facility[] {
  return [...features].sort((a, b) => a.id - b.id).map((feature) => createFacility(feature.geometry as FacilityGeometry));
}

/** The walking network and where each population cell joins it: network mode only. */
export interface NetworkInputs {
  snapper: NetworkSnapper;
  demandSnaps: SnapTable;
}

export interface WhatIfInputs {
  demand: DemandSet;
  facilities: Facility[];
  network?: NetworkInputs;
}

/**
 * The demand is the same for every layer: fetched once per page load and shared (the what-if
 * and the siting map both read it), so no one caller's abort cancels it (it is worth finishing
 * for the next); dropped again if it failed.
 */
let demandPromise: Promise<DemandSet> | undefined;

export function loadDemand(origin: string): Promise<DemandSet> {
  demandPromise ??= fetchJson<DemandPayload>(`${origin}/api/analysis/demand`).then(fromDemandPayload);
  demandPromise.catch(() => (demandPromise = undefined));
  return demandPromise;
}

/**
 * The network from `/api/analysis/roads`, built and snapped in the browser by the core's own
 * functions (the server's graph, so the same distances): once per page load, like the demand.
 */
let networkPromise: Promise<NetworkInputs> | undefined;

export function loadNetwork(origin: string): Promise<NetworkInputs> {
  networkPromise ??= Promise.all([fetchJson<RoadPayload>(`${origin}/api/analysis/roads`), loadDemand(origin)]).then(([roads, demand]) => {
    const snapper = createNetworkSnapper(createRoadGraph(fromRoadPayload(roads)), ANALYSIS_DEFAULTS.snapToleranceM);
    return { snapper, demandSnaps: snapPoints(snapper, demand.lon, demand.lat) };
  });
  networkPromise.catch(() => (networkPromise = undefined));
  return networkPromise;
}

export async function loadWhatIfInputs(origin: string, layer: string, mode: AnalysisMode, signal?: AbortSignal): Promise<WhatIfInputs> {
  const [demand, facilities, network] = await Promise.all([
    loadDemand(origin),
    fetchAllFeatures(origin, layer, [], signal).then(buildFacilities),
    mode === 'network' ? loadNetwork(origin) : undefined,
  ]);
  return { demand, facilities, network };
}
