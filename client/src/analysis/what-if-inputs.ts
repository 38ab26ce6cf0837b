import { createDemandSet, type DemandCommunity, type DemandSet } from '../../../core/analysis/demand-set.ts';
import { createFacility, type Facility, type FacilityGeometry } from '../../../core/analysis/facility.ts';
import { fetchJson } from '../api/fetch-json.ts';
import { computePolygonCentroid, type AreaGeometry } from './polygon-centroid.ts';

/**
 * What the in-browser what-if needs: the demand (population cells as centres, population and
 * community) and the chosen layer's facilities. The server has no compact endpoint for them, so
 * they come from the OGC API – Features collections the map already serves, in pages of the
 * largest size it allows, and the cell centres are computed here the way PostGIS computes them.
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

/**
 * Population cells → the core's demand set. Cells of a community missing from `communities`
 * still count, under their code, as the server does.
 */
export function buildDemandSet(cells: readonly OgcFeature[], communities: readonly DemandCommunity[]): DemandSet {
  const known = [...communities];
  const indexByCode = new Map(known.map((community, index) => [community.code, index]));
  const lon = new Float64Array(cells.length);
  const lat = new Float64Array(cells.length);
  const population = new Float64Array(cells.length);
  const community = new Int32Array(cells.length);
  const ordered = [...cells].sort((a, b) => a.id - b.id);
  ordered.forEach((cell, index) => {
    [lon[index], lat[index]] = computePolygonCentroid(cell.geometry as AreaGeometry);
    population[index] = Number(cell.properties.population ?? 0);
    const code = String(cell.properties.community_code ?? '');
    let position = indexByCode.get(code);
    if (position === undefined) {
      position = known.push({ code, name: code }) - 1;
      indexByCode.set(code, position);
    }
    community[index] = position;
  });
  return createDemandSet({ ids: ordered.map((cell) => cell.id), lon, lat, population, community }, known);
}

export function buildFacilities(features: readonly OgcFeature[]): Facility[] {
  return [...features].sort((a, b) => a.id - b.id).map((feature) => createFacility(feature.geometry as FacilityGeometry));
}

export interface WhatIfInputs {
  demand: DemandSet;
  facilities: Facility[];
}

/**
 * The demand is the same for every layer: fetched once per page load and shared, so no one
 * caller's abort cancels it (it is worth finishing for the next); dropped again if it failed.
 */
let demandPromise: Promise<DemandSet> | undefined;

function loadDemand(origin: string, communities: readonly DemandCommunity[]): Promise<DemandSet> {
  demandPromise ??= fetchAllFeatures(origin, 'population', ['population', 'community_code']).then((cells) => buildDemandSet(cells, communities));
  demandPromise.catch(() => (demandPromise = undefined));
  return demandPromise;
}

export async function loadWhatIfInputs(origin: string, layer: string, communities: readonly DemandCommunity[], signal?: AbortSignal): Promise<WhatIfInputs> {
  const [demand, facilities] = await Promise.all([
    loadDemand(origin, communities),
    fetchAllFeatures(origin, layer, [], signal).then(buildFacilities),
  ]);
  return { demand, facilities };
}
