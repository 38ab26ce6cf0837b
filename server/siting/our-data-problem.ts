import { createDemandSet, type DemandSet } from '../../core/analysis/demand-set.ts';
import { computeNetworkDistances, snapPoints, type SnapTable } from '../../core/analysis/network-distance.ts';
import { computeNearestDistances } from '../../core/analysis/nearest-distance.ts';
import type { NetworkSnapper } from '../../core/analysis/network-snap.ts';
import type { LayerDefinition } from '../../core/layers/registry.ts';
import { estimateCoverageEntries, gatherIntoSquares, SITING_LIMITS, type DemandSquares, type InstanceRecipe, type SitingDescription, type SitingInstance, type SitingRequestParsed } from '../../core/siting/index.ts';
import { ANALYSIS_DEFAULTS } from '../../core/standards.ts';
import type { AnalysisStore, Versions } from '../analysis/analysis-store.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import { gatherCandidates, listCandidateSources, type CandidateSites } from './candidate-sources.ts';
import { readLayerSites } from './candidate-sql.ts';

/** A dense p-median matrix beyond this many entries (40 MB as float32) is refused. */
export const MAX_PMEDIAN_ENTRIES = 10_000_000;
export const DEFAULT_AGGREGATE_CELL_M = 500;
/** Kept facilities farther than this serve nobody in a p-median (beyond any district). */
const KEPT_DISTANCE_CAP_M = 1_000_000;

export interface OurDataQuery {
  request: SitingRequestParsed;
  layer: LayerDefinition;
  /** Covering models: the service radius. */
  radiusM?: number;
  versions: Versions;
}

export interface BuiltProblem {
  instance: SitingInstance;
  description: SitingDescription;
  /** Coverage lists or distances, built on the solving thread. */
  recipe: InstanceRecipe;
}

const formatCount = (value: number) => value.toLocaleString('en-US');

/** Sites with where they come from; kept facilities are added after the candidates, fixed open. */
interface Sites extends CandidateSites {
  capacity?: number[];
  fixed: number;
}

/**
 * A siting problem on our data: the population grid as demand, the candidates the request
 * names, the facility layer's features as already open, distances straight or walked.
 */
export async function buildOurDataProblem(sql: Queryable, store: AnalysisStore, query: OurDataQuery): Promise<BuiltProblem> {
  const { request, layer, versions } = query;
  const notes: string[] = [];
  const [demand, candidates] = await Promise.all([store.demand(versions), gatherCandidates(sql, listCandidateSources(request.candidates), notes)]);
  if (!candidates.ids.length) throw badRequest('no_candidates', 'the candidate sources hold no sites');
  const sites: Sites = { ...candidates, fixed: 0 };
  const perResident = request.capacity?.demandPerResident ?? 1;
  if (request.capacity) {
    sites.capacity = sites.ids.map(() => request.capacity!.newSiteCapacity);
    if (request.keepExisting) await addKeptFacilities(sql, layer, sites, notes);
  }
  const network = request.mode === 'network' ? await prepareNetwork(store, versions, sites) : undefined;
  if (network?.unreachableSites) notes.push(`${formatCount(network.unreachableSites)} sites have no road within ${ANALYSIS_DEFAULTS.snapToleranceM} m and reach nobody on foot`);
  const { instance, description, recipe } = request.model === 'pmedian'
    ? await buildMedianInstance(store, query, demand, sites, perResident, network, notes)
    : await buildCoveringInstance(store, query, demand, sites, perResident, network, notes);
  if (sites.capacity) instance.capacities = Float64Array.from(sites.capacity);
  if (sites.fixed) {
    instance.fixedOpen = new Uint8Array(sites.ids.length);
    instance.fixedOpen.fill(1, sites.ids.length - sites.fixed);
  }
  return {
    instance,
    recipe,
    description: {
      ...description,
      candidateLon: Float64Array.from(sites.lon),
      candidateLat: Float64Array.from(sites.lat),
      candidateSource: sites.source,
      candidateName: sites.name,
      candidateArea: sites.area,
      radius: query.radiusM,
      mode: request.mode,
      notes,
      versions: Object.fromEntries(versions),
    },
  };
}

/** Capacitated runs: the layer's own facilities become fixed candidates with their capacity column. */
async function addKeptFacilities(sql: Queryable, layer: LayerDefinition, sites: Sites, notes: string[]): Promise<void> {
  const rows = await readLayerSites(sql, layer, layer.capacity!.column);
  let unknown = 0;
  for (const row of rows) {
    if (row.capacity === null) unknown += 1;
    sites.ids.push(`existing:${layer.id}:${row.id}`);
    sites.lon.push(row.lon);
    sites.lat.push(row.lat);
    sites.source.push('existing');
    sites.name.push(row.name);
    sites.area.push(null);
    sites.capacity!.push(Math.max(0, row.capacity ?? 0));
    sites.fixed += 1;
  }
  notes.push(`${formatCount(rows.length)} existing ${layer.id} kept open with their ${layer.capacity!.column}${unknown ? ` (${unknown} without a value count as 0)` : ''}`);
}

interface NetworkParts {
  snapper: NetworkSnapper;
  demandSnaps: SnapTable;
  siteSnaps: SnapTable;
  unreachableSites: number;
}

async function prepareNetwork(store: AnalysisStore, versions: Versions, sites: Sites): Promise<NetworkParts> {
  const [snapper, demandSnaps] = await Promise.all([store.network(versions), store.demandSnaps(versions)]);
  const siteSnaps = snapPoints(snapper, sites.lon, sites.lat);
  const unreachableSites = siteSnaps.edge.reduce((sum, edge) => sum + (edge < 0 ? 1 : 0), 0);
  return { snapper, demandSnaps, siteSnaps, unreachableSites };
}

/**
 * Covering: every cell with residents is a demand (exact; the solver merges identical ones).
 * Kept facilities pre-cover what they reach, measured as the coverage analysis measures it.
 */
async function buildCoveringInstance(store: AnalysisStore, query: OurDataQuery, demand: DemandSet, sites: Sites, perResident: number, network: NetworkParts | undefined, notes: string[]): Promise<BuiltProblem> {
  const radiusM = query.radiusM!;
  const { request, layer, versions } = query;
  const cells: number[] = [];
  const demandOfCell = new Int32Array(demand.count).fill(-1);
  for (let cell = 0; cell < demand.count; cell += 1) if (demand.population[cell] > 0) demandOfCell[cell] = cells.push(cell) - 1;
  notes.push(`${formatCount(cells.length)} population cells with residents are the demand${cells.length < demand.count ? ` (${formatCount(demand.count - cells.length)} empty cells left out)` : ''}`);
  const entries = estimateCoverageEntries(demand, sites, radiusM);
  if (entries > SITING_LIMITS.maxCoverEntries) {
    throw badRequest('coverage_too_large', `${formatCount(sites.ids.length)} sites within ${radiusM} m of about ${formatCount(Math.round(entries / sites.ids.length))} cells each is more coverage than a run may hold: use fewer candidates or a coarser grid`);
  }
  const recipe: InstanceRecipe = {
    cover: {
      radiusM,
      cellLon: demand.lon,
      cellLat: demand.lat,
      demandOfCell,
      siteLon: Float64Array.from(sites.lon),
      siteLat: Float64Array.from(sites.lat),
      network: network && { graph: network.snapper.graph, cellSnaps: network.demandSnaps, siteSnaps: network.siteSnaps },
    },
  };
  const instance: SitingInstance = {
    candidateIds: sites.ids,
    demandIds: cells.map((cell) => String(demand.ids[cell])),
    weights: Float64Array.from(cells, (cell) => demand.population[cell] * perResident),
  };
  if (request.keepExisting && !request.capacity) {
    const nearest = await store.nearestDistances(layer, request.mode, radiusM, versions);
    instance.preCovered = Uint8Array.from(cells, (cell) => (nearest.distances[cell] <= radiusM ? 1 : 0));
    const covered = instance.preCovered.reduce((sum, flag) => sum + flag, 0);
    notes.push(`existing ${layer.id} already reach ${formatCount(covered)} of them within ${radiusM} m`);
  }
  return {
    instance,
    recipe,
    description: {
      notes,
      demandLon: Float64Array.from(cells, (cell) => demand.lon[cell]),
      demandLat: Float64Array.from(cells, (cell) => demand.lat[cell]),
      demandCellIds: Int32Array.from(cells, (cell) => demand.ids[cell]),
    },
  };
}

/**
 * p-median: cells gathered into squares (a dense sites × demands matrix must stay near 10 M
 * entries), distances from every site to every square's population-weighted centre.
 */
async function buildMedianInstance(store: AnalysisStore, query: OurDataQuery, demand: DemandSet, sites: Sites, perResident: number, network: NetworkParts | undefined, notes: string[]): Promise<BuiltProblem> {
  const { request, layer, versions } = query;
  const sizeM = request.aggregateCellM ?? DEFAULT_AGGREGATE_CELL_M;
  const squares = gatherIntoSquares(demand.lon, demand.lat, demand.population, sizeM);
  notes.push(`${formatCount(demand.count)} cells → ${formatCount(squares.count)} demand points of ${sizeM} m (population-weighted centres)`);
  const entries = sites.ids.length * squares.count;
  if (entries > MAX_PMEDIAN_ENTRIES) {
    throw badRequest('matrix_too_large', `${formatCount(sites.ids.length)} sites × ${formatCount(squares.count)} demand points is ${formatCount(entries)} distances, more than ${formatCount(MAX_PMEDIAN_ENTRIES)}: use fewer candidates or a larger aggregateCellM`);
  }
  const squareSet = createDemandSet({ lon: squares.lon, lat: squares.lat, population: squares.weight, community: new Int32Array(squares.count) }, [{ code: 'all', name: 'all' }]);
  const squareSnaps = network ? snapSquares(network, squares) : undefined;
  const distances: InstanceRecipe['distances'] = network
    ? { kind: 'network', graph: network.snapper.graph, siteSnaps: network.siteSnaps, demandSnaps: squareSnaps! }
    : { kind: 'geodesic', siteLon: Float64Array.from(sites.lon), siteLat: Float64Array.from(sites.lat), demandLon: squares.lon, demandLat: squares.lat };
  const instance: SitingInstance = {
    candidateIds: sites.ids,
    demandIds: squares.ids,
    weights: Float64Array.from(squares.weight, (weight) => weight * perResident),
  };
  if (request.keepExisting && !request.capacity) {
    const facilities = await store.facilities(layer, versions);
    instance.keptDistance = network
      ? computeNetworkDistances(network.snapper, squareSet, squareSnaps!, facilities, KEPT_DISTANCE_CAP_M).distances
      : computeNearestDistances(squareSet, facilities, KEPT_DISTANCE_CAP_M);
    notes.push(`${formatCount(facilities.length)} existing ${layer.id} kept: a demand point nearer to one of them stays with it`);
  }
  return { instance, recipe: { distances }, description: { notes, demandLon: squares.lon, demandLat: squares.lat } };
}

/** A square joins the network at its centre, or where its cell nearest the centre does (a centre in a river). */
function snapSquares(network: NetworkParts, squares: DemandSquares): SnapTable {
  const table = snapPoints(network.snapper, squares.lon, squares.lat);
  for (let square = 0; square < squares.count; square += 1) {
    const member = squares.nearestMember[square];
    if (table.edge[square] >= 0 || member < 0) continue;
    table.edge[square] = network.demandSnaps.edge[member];
    table.fraction[square] = network.demandSnaps.fraction[member];
    table.connectorM[square] = network.demandSnaps.connectorM[member];
  }
  return table;
}
