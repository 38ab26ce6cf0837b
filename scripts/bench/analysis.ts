/**
 * Coverage and life-circle analysis on the full default dataset, on each database:
 * straight-line and network coverage of one facility type, the whole life-circle matrix, one
 * isochrone and one what-if step. Straight-line coverage is compared in the same run with
 * (a) the naive Turf way (buffer every facility, union, points in polygon) and (b) the PostGIS
 * ST_DWithin(geography) query that the tests check it against.
 */
import { buffer, featureCollection, lineString, point, pointsWithinPolygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { computeCoverage } from '../../core/analysis/coverage.ts';
import type { DemandSet } from '../../core/analysis/demand-set.ts';
import type { Facility } from '../../core/analysis/facility.ts';
import { computeIsochrones } from '../../core/analysis/isochrone.ts';
import { computeNearestDistances } from '../../core/analysis/nearest-distance.ts';
import { computeNetworkDistances, snapPoints, type SnapTable } from '../../core/analysis/network-distance.ts';
import type { NetworkSnapper } from '../../core/analysis/network-snap.ts';
import { computeShortestDistances } from '../../core/analysis/shortest-paths.ts';
import { WhatIfCoverage } from '../../core/analysis/what-if.ts';
import { NetworkWhatIf } from '../../core/analysis/network-what-if.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { ANALYSIS_DEFAULTS, SERVICE_STANDARDS } from '../../core/standards.ts';
import { AnalysisStore } from '../../server/analysis/analysis-store.ts';
import { reportLifeCircle } from '../../server/analysis/coverage-report.ts';
import { countCoveredWithPostgis } from '../../server/analysis/postgis-coverage-sql.ts';
import { benchDatabaseKinds, openBenchDatabase, type BenchDatabase } from './bench-database.ts';
import { formatMs, heading, median, percentile, report, timeIt } from './measure.ts';

const LAYER = findLayer('kindergartens')!;
const RADIUS_M = SERVICE_STANDARDS.find((standard) => standard.layer === LAYER.id)!.radiusM;
const COLUMNS = SERVICE_STANDARDS.map((standard) => ({ layer: standard.layer, radiusM: standard.radiusM, lifeCircle: standard.lifeCircle }));
const WHAT_IF_STEPS = 200;

/** Evenly spread, repeatable positions in [0, 1)²: the golden-ratio sequence, no randomness. */
const spread = (index: number): [number, number] => [(index * 0.6180339887498949) % 1, (index * 0.7548776662466927) % 1];

function repeat(times: number, task: () => unknown): number[] {
  return Array.from({ length: times }, () => {
    const started = performance.now();
    task();
    return performance.now() - started;
  });
}

const ratio = (value: number, baseline: number) => `×${(value / baseline).toFixed(value / baseline < 0.01 ? 4 : 3)}`;
const verdict = (value: number, target: number) => `≤ ${formatMs(target)} ${value <= target ? 'met' : 'MISSED'}`;

/** (a) The way one would do it with Turf alone: buffer, union, points in polygon. */
function coverWithTurf(demand: DemandSet, facilities: readonly Facility[], radiusM: number): number {
  const circles = facilities.map((facility) => buffer(point([facility.paths[0][0], facility.paths[0][1]]), radiusM / 1000, { units: 'kilometers', steps: 16 })!);
  const merged = union(featureCollection(circles as Array<Feature<Polygon | MultiPolygon>>))!;
  const cells = featureCollection(Array.from({ length: demand.count }, (_, cell) => point([demand.lon[cell], demand.lat[cell]], { population: demand.population[cell] })));
  return pointsWithinPolygon(cells, merged).features.reduce((sum, feature) => sum + (feature.properties?.population as number), 0);
}

async function benchStraightLine(database: BenchDatabase, origin: string, demand: DemandSet, facilities: readonly Facility[]) {
  heading(`straight-line coverage: ${LAYER.id} (${facilities.length}) within ${RADIUS_M} m, ${demand.count} cells`);
  const ours = median(repeat(15, () => computeCoverage(demand, computeNearestDistances(demand, facilities, RADIUS_M), RADIUS_M)));
  const covered = computeCoverage(demand, computeNearestDistances(demand, facilities, RADIUS_M), RADIUS_M).coveredPopulation;
  const postgisTimes: number[] = [];
  let postgisCovered = 0;
  for (let run = 0; run < 3; run += 1) {
    const { ms, result } = await timeIt(() => countCoveredWithPostgis(database.sql, LAYER, RADIUS_M));
    postgisTimes.push(ms);
    postgisCovered = [...result.values()].reduce((sum, row) => sum + row.covered, 0);
  }
  const postgis = median(postgisTimes);
  const turfStarted = performance.now();
  const turfCovered = coverWithTurf(demand, facilities, RADIUS_M);
  const turf = performance.now() - turfStarted;
  report(`baseline (a): Turf buffer + union + points in polygon`, formatMs(turf));
  report(`baseline (b): PostGIS ST_DWithin(geography) query`, formatMs(postgis));
  report('ours: grid index + geodesic (core), median of 15', formatMs(ours), ours / postgis, verdict(ours, 100));
  report('  ours ÷ (a) Turf', ratio(ours, turf));
  report('  ours ÷ (b) PostGIS', ratio(ours, postgis));
  report(`  covered: ours / (a) Turf / (b) PostGIS`, `${covered} / ${turfCovered} / ${postgisCovered}`);
  const api = await timeRequests(origin, 7, (index) => ['/api/analysis/coverage', { layer: LAYER.id, radius: RADIUS_M + index / 1000 }]);
  report('ours through the API (new radius each time, data cached)', formatMs(api), api / postgis, verdict(api, 100));
}

/** Median time of HTTP requests; `request(i)` gives the path and JSON body of the i-th one. */
async function timeRequests(origin: string, times: number, request: (index: number) => [string, object]): Promise<number> {
  const durations: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const [path, body] = request(index);
    const started = performance.now();
    const response = await fetch(origin + path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    durations.push(performance.now() - started);
  }
  return median(durations);
}

async function benchNetwork(store: AnalysisStore, demand: DemandSet, facilities: readonly Facility[]) {
  heading(`network coverage: ${LAYER.id} within ${RADIUS_M} m walk (snap tolerance ${ANALYSIS_DEFAULTS.snapToleranceM} m)`);
  const versions = await store.readVersions([LAYER.id], 'network');
  const { ms: loadMs, result: snapper } = await timeIt(() => store.network(versions));
  const { ms: snapMs, result: snaps } = await timeIt(async () => snapPoints(snapper, demand.lon, demand.lat));
  const warm = median(repeat(15, () => computeCoverage(demand, computeNetworkDistances(snapper, demand, snaps, facilities, RADIUS_M).distances, RADIUS_M)));
  const straight = median(repeat(15, () => computeCoverage(demand, computeNearestDistances(demand, facilities, RADIUS_M), RADIUS_M)));
  const covered = computeCoverage(demand, computeNetworkDistances(snapper, demand, snaps, facilities, RADIUS_M).distances, RADIUS_M).coveredPopulation;
  report(`read roads + build graph + segment index (${snapper.graph.edgeCount} edges), once per version`, formatMs(loadMs));
  report(`snap ${demand.count} cells to the network, once per version`, formatMs(snapMs));
  report('baseline: straight-line coverage of the same type', formatMs(straight));
  report('ours: multi-source Dijkstra + cells, median of 15', formatMs(warm), warm / straight, verdict(warm, 1000));
  report('  covered on the network / in a straight line', `${covered} / ${computeCoverage(demand, computeNearestDistances(demand, facilities, RADIUS_M), RADIUS_M).coveredPopulation}`);
  report('  first request after a road edit (graph + snap + Dijkstra)', formatMs(loadMs + snapMs + warm), undefined, verdict(loadMs + snapMs + warm, 1000));
  benchNetworkWhatIf(snapper, snaps, demand, facilities, warm);
}

/**
 * The walking-network what-if as the browser runs it: build once, then place and move proposals;
 * each step against recomputing the whole network coverage with the proposals included.
 */
function benchNetworkWhatIf(snapper: NetworkSnapper, snaps: SnapTable, demand: DemandSet, facilities: readonly Facility[], fullMs: number) {
  heading(`what-if along the walking network: ${WHAT_IF_STEPS} steps (place, then move) on ${facilities.length} ${LAYER.id} (${RADIUS_M} m)`);
  const { ms: buildMs, result: whatIf } = timeSync(() => new NetworkWhatIf(snapper, demand, snaps, facilities, RADIUS_M));
  const [west, east] = [Math.min(...demand.lon), Math.max(...demand.lon)];
  const [south, north] = [Math.min(...demand.lat), Math.max(...demand.lat)];
  const at = (index: number): [number, number] => {
    const [u, v] = spread(index + 1);
    return [west + u * (east - west), south + v * (north - south)];
  };
  const placed = Array.from({ length: 5 }, (_, index) => whatIf.addFacility(...at(index)).facility);
  const steps = Array.from({ length: WHAT_IF_STEPS }, (_, index) => {
    const started = performance.now();
    whatIf.moveFacility(placed[index % placed.length], ...at(index + 10));
    return performance.now() - started;
  });
  report('baseline: recompute the whole network coverage', formatMs(fullMs));
  report('build (existing facilities\' distances), once per layer and radius', formatMs(buildMs), buildMs / fullMs);
  report('ours: incremental step, p50 / p95', `${formatMs(median(steps))} / ${formatMs(percentile(steps, 0.95))}`, median(steps) / fullMs, verdict(percentile(steps, 0.95), 50));
}

function timeSync<T>(task: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = task();
  return { ms: performance.now() - started, result };
}

async function benchLifeCircle(database: BenchDatabase) {
  heading(`life-circle matrix: ${COLUMNS.length} facility types × every community, from a cold cache (reads included)`);
  let postgis = 0;
  for (const column of COLUMNS) postgis += (await timeIt(() => countCoveredWithPostgis(database.sql, findLayer(column.layer)!, column.radiusM))).ms;
  report(`baseline: PostGIS ST_DWithin, ${COLUMNS.length} queries`, formatMs(postgis));
  for (const mode of ['euclidean', 'network'] as const) {
    const { ms } = await timeIt(() => reportLifeCircle(new AnalysisStore(database.sql), COLUMNS, mode));
    report(`ours, ${mode === 'euclidean' ? 'straight line' : 'network'}`, formatMs(ms), ms / postgis, verdict(ms, 5000));
  }
}

/** (a) for isochrones: buffer every road edge reachable in the time by 100 m, and union. */
function bufferReachableEdges(snapper: NetworkSnapper, nodeDistances: Float64Array, budgetM: number): void {
  const { graph } = snapper;
  const lines: Array<Feature<Polygon | MultiPolygon>> = [];
  for (let edge = 0; edge < graph.edgeCount; edge += 1) {
    if (Math.max(nodeDistances[graph.edgeSource[edge]], nodeDistances[graph.edgeTarget[edge]]) > budgetM) continue;
    const coordinates = [];
    for (let vertex = graph.vertexOffset[edge]; vertex < graph.vertexOffset[edge + 1]; vertex += 1) coordinates.push([graph.vertexLon[vertex], graph.vertexLat[vertex]]);
    lines.push(buffer(lineString(coordinates), 0.1, { units: 'kilometers', steps: 4 }) as Feature<Polygon>);
  }
  union(featureCollection(lines));
}

async function benchIsochrone(store: AnalysisStore, origin: string, demand: DemandSet) {
  heading('isochrone: 5, 10 and 15 minutes at 4.5 km/h, 12 origins over the district');
  const versions = await store.readVersions([], 'network');
  const snapper = await store.network(versions);
  const origins = Array.from({ length: 40 }, (_, index) => Math.floor(spread(index + 1)[0] * demand.count)).filter((cell) => snapper.snap(demand.lon[cell], demand.lat[cell])).slice(0, 12);
  const times: number[] = [];
  for (const cell of origins) {
    const started = performance.now();
    computeIsochrones(snapper, demand.lon[cell], demand.lat[cell], { minutes: [5, 10, 15], walkingSpeedKmh: ANALYSIS_DEFAULTS.walkingSpeedKmh });
    times.push(performance.now() - started);
  }
  const turfTimes = origins.slice(0, 3).map((cell) => {
    const snap = snapper.snap(demand.lon[cell], demand.lat[cell])!;
    const started = performance.now();
    const nodeDistances = computeShortestDistances(snapper.graph, [{ node: snapper.graph.edgeSource[snap.edge], distanceM: snap.connectorM }], 1125);
    bufferReachableEdges(snapper, nodeDistances, 1125);
    return performance.now() - started;
  });
  const turf = median(turfTimes);
  report('baseline (a): Turf, buffer reachable edges 100 m + union (15 min only)', formatMs(turf));
  report('ours: Dijkstra + reach grid + contours (core), p50 / p95', `${formatMs(median(times))} / ${formatMs(percentile(times, 0.95))}`, median(times) / turf, verdict(percentile(times, 0.95), 300));
  const api = await timeRequests(origin, origins.length, (index) => ['/api/analysis/isochrone', { lon: demand.lon[origins[index]], lat: demand.lat[origins[index]] }]);
  report('ours through the API, median', formatMs(api), api / turf, verdict(api, 300));
}

function benchWhatIf(demand: DemandSet, facilities: readonly Facility[]) {
  heading(`what-if: move one of ${facilities.length} ${LAYER.id} (${RADIUS_M} m), ${WHAT_IF_STEPS} steps in Node (the browser runs the same code)`);
  const full = median(repeat(15, () => computeCoverage(demand, computeNearestDistances(demand, facilities, RADIUS_M), RADIUS_M)));
  const whatIf = new WhatIfCoverage(demand, facilities, RADIUS_M);
  const [west, east] = [Math.min(...demand.lon), Math.max(...demand.lon)];
  const [south, north] = [Math.min(...demand.lat), Math.max(...demand.lat)];
  const steps = Array.from({ length: WHAT_IF_STEPS }, (_, index) => {
    const [u, v] = spread(index + 1);
    const started = performance.now();
    whatIf.moveFacility(index % facilities.length, west + u * (east - west), south + v * (north - south));
    return performance.now() - started;
  });
  report('baseline: recompute the whole coverage', formatMs(full));
  report('ours: incremental step, p50 / p95', `${formatMs(median(steps))} / ${formatMs(percentile(steps, 0.95))}`, median(steps) / full, verdict(percentile(steps, 0.95), 50));
}

export async function benchAnalysis(): Promise<void> {
  for (const kind of benchDatabaseKinds()) {
    heading(`analysis on the ${kind} database`);
    const database = await openBenchDatabase(kind);
    try {
      const store = new AnalysisStore(database.sql);
      const versions = await store.readVersions([LAYER.id], 'euclidean');
      const { ms: demandMs, result: demand } = await timeIt(() => store.demand(versions));
      const facilities = await store.facilities(LAYER, versions);
      report(`read ${demand.count} population cells, once per version`, formatMs(demandMs));
      const app = await database.serveApp();
      try {
        await benchStraightLine(database, app.origin, demand, facilities);
        await benchNetwork(store, demand, facilities);
        await benchLifeCircle(database);
        await benchIsochrone(store, app.origin, demand);
        benchWhatIf(demand, facilities);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  }
}
