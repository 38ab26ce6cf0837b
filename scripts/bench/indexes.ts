/**
 * Our hand-written spatial indexes and contour tracer against the maintained libraries that could
 * do their jobs (`npm run bench -- indexes`), on the full default dataset. Each library's time (CPU
 * time, median of rounds taken in turns) is printed as a ratio to ours, measured in the same run,
 * and its answers are checked against ours:
 * - points: the population cells' bucket grid (core/analysis/point-grid.ts: coverage lists,
 *   nearest distances, the what-if) against kdbush and Flatbush, on box queries around sites
 *   followed by the geodesic test every caller makes;
 * - segments: the network snapper's bucket grid (core/analysis/network-snap.ts) against Flatbush
 *   over the segments' boxes (kdbush holds points only), snapping every cell;
 * - contours: core/analysis/contour-rings.ts against d3-contour and Turf's isobands, on the
 *   isochrone fields of twelve origins.
 * Not compared, as no library does their job: reach-grid.ts rasterises a distance field (a
 * splat, not a search), demand-squares.ts bins points into squares in one pass, and the what-if's
 * facility buckets change with every edit (kdbush and Flatbush are static: each edit would
 * rebuild them).
 */
import { traceContourRings, measureSignedArea, type PlaneRing } from '../../core/analysis/contour-rings.ts';
import type { DemandSet } from '../../core/analysis/demand-set.ts';
import { degreesAround, measureGeodesic } from '../../core/analysis/geodesic.ts';
import { metresForMinutes } from '../../core/analysis/isochrone.ts';
import { createNetworkSnapper, type NetworkSnap, type NetworkSnapper } from '../../core/analysis/network-snap.ts';
import { createPointGrid, forEachPointInBox } from '../../core/analysis/point-grid.ts';
import { buildReachGrid, type ReachGrid } from '../../core/analysis/reach-grid.ts';
import { computeShortestDistances } from '../../core/analysis/shortest-paths.ts';
import { ANALYSIS_DEFAULTS } from '../../core/standards.ts';
import { AnalysisStore } from '../../server/analysis/analysis-store.ts';
import { openBenchDatabase } from './bench-database.ts';
import { createFlatbushPointIndex, createFlatbushSnapper, createKdbushIndex, traceWithD3, traceWithTurf, type PointBoxIndex } from './library-alternatives.ts';
import { formatMs, heading, median, report } from './measure.ts';

/** Evenly spread, repeatable positions in [0, 1)²: the golden-ratio sequence, no randomness. */
const spread = (index: number): [number, number] => [(index * 0.6180339887498949) % 1, (index * 0.7548776662466927) % 1];

/** Milliseconds of CPU this process has used: unlike the clock, it barely moves while the other
 * processes on the shared machine have the cores. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Median CPU times of tasks run in turns (one round each, `times` rounds), so that what is left
 * of the machine's noise weighs on every contender alike. */
function timeRoundRobin(times: number, tasks: Array<() => unknown>): number[] {
  const durations = tasks.map(() => [] as number[]);
  for (let round = 0; round < times; round += 1) {
    tasks.forEach((task, index) => {
      const started = cpuMs();
      task();
      durations[index].push(cpuMs() - started);
    });
  }
  return durations.map(median);
}

/** Every third cell as a site: about 6,000, as many as the siting candidates of a district. */
function pickSites(demand: DemandSet): { lon: number[]; lat: number[] } {
  const lon: number[] = [];
  const lat: number[] = [];
  for (let cell = 0; cell < demand.count; cell += 3) {
    lon.push(demand.lon[cell]);
    lat.push(demand.lat[cell]);
  }
  return { lon, lat };
}

/** The cells within `radiusM` of each site, as coverage-lists.ts finds them; and how many were tested. */
function listWithin(sites: { lon: number[]; lat: number[] }, demand: DemandSet, radiusM: number, search: Search) {
  const lists: number[][] = [];
  let tested = 0;
  for (let site = 0; site < sites.lon.length; site += 1) {
    const lon = sites.lon[site];
    const lat = sites.lat[site];
    const pad = degreesAround(Math.abs(lat), radiusM);
    const found: number[] = [];
    search(lon - pad.lon, lat - pad.lat, lon + pad.lon, lat + pad.lat, (cell) => {
      tested += 1;
      if (measureGeodesic(demand.lon[cell], demand.lat[cell], lon, lat) <= radiusM) found.push(cell);
    });
    lists.push(found.sort((a, b) => a - b));
  }
  return { lists, tested };
}

type Search = (west: number, south: number, east: number, north: number, visit: (cell: number) => void) => void;

const visitAll = (index: PointBoxIndex): Search => (west: number, south: number, east: number, north: number, visit: (cell: number) => void) => {
  const found = index.search(west, south, east, north);
  for (let slot = 0; slot < found.length; slot += 1) visit(found[slot]);
};

const sameLists = (a: number[][], b: number[][]) => a.length === b.length && a.every((list, index) => list.length === b[index].length && list.every((cell, k) => cell === b[index][k]));
const ratio = (value: number, baseline: number) => value / baseline;

function benchPointIndexes(demand: DemandSet): void {
  heading(`point index over ${demand.count.toLocaleString('en-GB')} population cells: ours (bucket grid, 250 m, edge buckets tested against the box) = baseline`);
  const [ours, kdbush, flatbush] = timeRoundRobin(15, [
    () => createPointGrid(demand.lon, demand.lat),
    () => createKdbushIndex(demand.lon, demand.lat),
    () => createFlatbushPointIndex(demand.lon, demand.lat),
  ]);
  report('build: ours', formatMs(ours));
  report('build: kdbush', formatMs(kdbush), ratio(kdbush, ours));
  report('build: flatbush', formatMs(flatbush), ratio(flatbush, ours));
  const grid = createPointGrid(demand.lon, demand.lat);
  const libraries: Array<[string, PointBoxIndex]> = [['kdbush', createKdbushIndex(demand.lon, demand.lat)], ['flatbush', createFlatbushPointIndex(demand.lon, demand.lat)]];
  const sites = pickSites(demand);
  const oursSearch = (west: number, south: number, east: number, north: number, visit: (cell: number) => void) => forEachPointInBox(grid, west, south, east, north, visit);
  const contenders: Array<[string, Search]> = [['ours', oursSearch], ...libraries.map(([name, index]): [string, Search] => [name, visitAll(index)])];
  for (const radiusM of [300, 1000]) {
    const results = contenders.map(([, search]) => listWithin(sites, demand, radiusM, search));
    const times = timeRoundRobin(7, contenders.map(([, search]) => () => listWithin(sites, demand, radiusM, search)));
    const pairs = results[0].lists.reduce((sum, list) => sum + list.length, 0);
    heading(`${sites.lon.length.toLocaleString('en-GB')} sites × the cells within ${radiusM} m (${pairs.toLocaleString('en-GB')} pairs): box query + geodesic test, as coverage-lists.ts; ours = baseline`);
    contenders.forEach(([name], index) => {
      report(`${name}`, formatMs(times[index]), ratio(times[index], times[0]));
      report(`  cells tested / same lists as ours`, `${results[index].tested.toLocaleString('en-GB')} / ${sameLists(results[index].lists, results[0].lists) ? 'yes' : 'NO'}`);
    });
    // The search alone, without the geodesic test every caller makes.
    let sink = 0;
    const boxes = sites.lon.map((lon, site) => {
      const pad = degreesAround(Math.abs(sites.lat[site]), radiusM);
      return [lon - pad.lon, sites.lat[site] - pad.lat, lon + pad.lon, sites.lat[site] + pad.lat];
    });
    const queryTimes = timeRoundRobin(9, [
      () => boxes.forEach(([w, s, e, n]) => forEachPointInBox(grid, w, s, e, n, (cell) => (sink += cell))),
      ...libraries.map(([, index]) => () => boxes.forEach(([w, s, e, n]) => (sink += index.search(w, s, e, n).length))),
    ]);
    report(`query alone: ours`, formatMs(queryTimes[0]));
    libraries.forEach(([name], index) => report(`query alone: ${name}`, formatMs(queryTimes[index + 1]), ratio(queryTimes[index + 1], queryTimes[0])));
    if (sink === -1) console.log(sink);
  }
}

const sameSnap = (a: NetworkSnap | undefined, b: NetworkSnap | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.edge === b.edge && a.fraction === b.fraction && a.connectorM === b.connectorM);
const sameSpot = (a: NetworkSnap | undefined, b: NetworkSnap | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.lon === b.lon && a.lat === b.lat && a.connectorM === b.connectorM);

function benchSegmentIndexes(snapper: NetworkSnapper, demand: DemandSet): void {
  const { graph } = snapper;
  const toleranceM = ANALYSIS_DEFAULTS.snapToleranceM;
  heading(`segment index over ${(graph.vertexLon.length - graph.edgeCount).toLocaleString('en-GB')} road segments, snap ${demand.count.toLocaleString('en-GB')} cells within ${toleranceM} m: ours (bucket grid, 100 m rings) = baseline`);
  const [oursBuild, flatBuild] = timeRoundRobin(7, [() => createNetworkSnapper(graph, toleranceM), () => createFlatbushSnapper(graph, toleranceM)]);
  report('build: ours', formatMs(oursBuild));
  report('build: flatbush', formatMs(flatBuild), ratio(flatBuild, oursBuild));
  const flatSnap = createFlatbushSnapper(graph, toleranceM);
  const snapAll = (snap: (lon: number, lat: number) => NetworkSnap | undefined) => Array.from({ length: demand.count }, (_, cell) => snap(demand.lon[cell], demand.lat[cell]));
  const expected = snapAll(snapper.snap);
  const got = snapAll(flatSnap);
  const [oursMs, flatMs] = timeRoundRobin(7, [() => snapAll(snapper.snap), () => snapAll(flatSnap)]);
  report('snap every cell: ours', formatMs(oursMs));
  report('snap every cell: flatbush (segments in the tolerance box)', formatMs(flatMs), ratio(flatMs, oursMs));
  const differentEdge = expected.filter((snap, cell) => !sameSnap(snap, got[cell])).length;
  const differentSpot = expected.filter((snap, cell) => !sameSpot(snap, got[cell])).length;
  report('  cells snapped otherwise: edge or fraction / place or connector', `${differentEdge} / ${differentSpot}`);
}

/** Reach fields of the 5, 10 and 15-minute bands around `count` origins spread over the district. */
function buildFields(snapper: NetworkSnapper, demand: DemandSet, count: number): ReachGrid[] {
  const { graph } = snapper;
  const budgets = [5, 10, 15].map((minutes) => metresForMinutes(minutes, ANALYSIS_DEFAULTS.walkingSpeedKmh));
  const grids: ReachGrid[] = [];
  for (let index = 1; grids.length < count && index < 200; index += 1) {
    const cell = Math.floor(spread(index)[0] * demand.count);
    const origin = snapper.snap(demand.lon[cell], demand.lat[cell]);
    if (!origin) continue;
    const length = graph.edgeLength[origin.edge];
    const nodeDistances = computeShortestDistances(graph, [
      { node: graph.edgeSource[origin.edge], distanceM: origin.connectorM + origin.fraction * length },
      { node: graph.edgeTarget[origin.edge], distanceM: origin.connectorM + (1 - origin.fraction) * length },
    ], budgets[2]);
    const cellM = Math.min(50, Math.max(10, budgets[2] / 60));
    grids.push(buildReachGrid(graph, nodeDistances, { lon: demand.lon[cell], lat: demand.lat[cell], snap: origin }, budgets, snapper.toleranceM, cellM));
  }
  return grids;
}

const areaOf = (rings: PlaneRing[]) => Math.abs(rings.reduce((sum, ring) => sum + measureSignedArea(ring), 0));
const pointsOf = (rings: PlaneRing[]) => rings.reduce((sum, ring) => sum + ring.length, 0);
const sameRings = (a: PlaneRing[], b: PlaneRing[]) => {
  const key = (rings: PlaneRing[]) => rings.map((ring) => ring.map(([x, y]) => `${x},${y}`).sort().join(';')).sort().join('|');
  return key(a) === key(b);
};
/** The largest distance between the two tracings' points, paired in sorted order (Infinity when their counts differ). */
const largestOffset = (a: PlaneRing[], b: PlaneRing[]) => {
  const sorted = (rings: PlaneRing[]) => rings.flat().sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const [first, second] = [sorted(a), sorted(b)];
  if (first.length !== second.length) return Infinity;
  return first.reduce((most, [x, y], index) => Math.max(most, Math.hypot(x - second[index][0], y - second[index][1])), 0);
};

function benchContours(snapper: NetworkSnapper, demand: DemandSet): void {
  const grids = buildFields(snapper, demand, 12);
  const nodes = grids.reduce((sum, grid) => sum + grid.columns * grid.rows, 0);
  heading(`contours: ${grids.length} isochrone fields × 3 bands (${nodes.toLocaleString('en-GB')} grid nodes each band): ours (marching squares, centre-decided saddles) = baseline`);
  const traceAll = (trace: (grid: ReachGrid, values: Float64Array, level: number) => PlaneRing[]) => grids.flatMap((grid) => grid.fields.map((field) => trace(grid, field, 0)));
  const ours = traceAll(traceContourRings);
  const d3 = traceAll(traceWithD3);
  const [oursMs, d3Ms] = timeRoundRobin(7, [() => traceAll(traceContourRings), () => traceAll(traceWithD3)]);
  report('ours', formatMs(oursMs));
  report('d3-contour (negated field)', formatMs(d3Ms), ratio(d3Ms, oursMs));
  const areaGap = Math.max(...ours.map((rings, band) => Math.abs(areaOf(rings) - areaOf(d3[band])) / areaOf(rings)));
  report('  d3: same rings as ours / largest area difference', `${ours.filter((rings, band) => sameRings(rings, d3[band])).length} of ${ours.length} / ${(areaGap * 100).toFixed(3)}%`);
  report('  d3: largest point offset from ours', `${Math.max(...ours.map((rings, band) => largestOffset(rings, d3[band]))).toExponential(2)} m`);
  report('  points: ours / d3', `${ours.reduce((sum, rings) => sum + pointsOf(rings), 0).toLocaleString('en-GB')} / ${d3.reduce((sum, rings) => sum + pointsOf(rings), 0).toLocaleString('en-GB')}`);
  // Turf needs the grid as GeoJSON points: timed on the first origin's three bands only.
  const first = grids[0];
  const [oursFirst, turfFirst] = timeRoundRobin(3, [() => first.fields.map((field) => traceContourRings(first, field, 0)), () => first.fields.map((field) => traceWithTurf(first, field, 0))]);
  const turf = first.fields.map((field) => traceWithTurf(first, field, 0));
  report(`first origin only (${(first.columns * first.rows).toLocaleString('en-GB')} nodes): ours`, formatMs(oursFirst));
  report('  Turf isobands (grid as GeoJSON points)', formatMs(turfFirst), ratio(turfFirst, oursFirst));
  report('  Turf: same rings as ours', `${turf.filter((rings, band) => sameRings(rings, ours[band])).length} of 3`);
}

export async function benchIndexes(): Promise<void> {
  const database = await openBenchDatabase('embedded');
  try {
    const store = new AnalysisStore(database.sql);
    const versions = await store.readVersions([], 'network');
    const demand = await store.demand(versions);
    const snapper = await store.network(versions);
    benchPointIndexes(demand);
    benchSegmentIndexes(snapper, demand);
    benchContours(snapper, demand);
  } finally {
    await database.close();
  }
}
