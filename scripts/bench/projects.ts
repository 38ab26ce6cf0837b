/**
 * The project library on each database (the embedded one, and BENCH_DATABASE_URL when set):
 * - the scenario (coverage with the facilities of every approved and building project of a
 *   layer added), straight and walking, against a full recomputation over the layer and the
 *   projects in the same run, with the demo library and again with ten thousand projects;
 * - completing a project until its facility is in its layer's tile and in coverage;
 * - the project list with filters over ten thousand projects, against the list unfiltered.
 */
import { computeCoverage } from '../../core/analysis/coverage.ts';
import { computeNearestDistances } from '../../core/analysis/nearest-distance.ts';
import { computeNetworkDistances } from '../../core/analysis/network-distance.ts';
import type { ScenarioResponse } from '../../core/analysis/scenario-contract.ts';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import { findLayer } from '../../core/layers/registry.ts';
import type { ProjectRecord } from '../../core/projects/project-contract.ts';
import { AnalysisStore } from '../../server/analysis/analysis-store.ts';
import { readProjectFacilities } from '../../server/analysis/scenario-sql.ts';
import { reportScenario } from '../../server/analysis/scenario-report.ts';
import { benchDatabaseKinds, openBenchDatabase, type BenchDatabase } from './bench-database.ts';
import { formatMs, heading, median, percentile, report } from './measure.ts';
import { ensureBenchCommission, growProjectLibrary, removeBenchProjects, signInBenchCommission } from './project-bench-data.ts';

const LAYER = findLayer('kindergartens')!;
const RADIUS_M = 300;
const PHASES = ['approved', 'construction'] as const;
const LIBRARY_SIZE = 10_000;

const verdict = (value: number, target: number) => `≤ ${formatMs(target)} ${value <= target ? 'met' : 'MISSED'}`;

interface Api {
  origin: string;
  cookie: string;
  send(method: string, path: string, body?: unknown, version?: number): Promise<Response>;
}

function createApi(origin: string, cookie: string): Api {
  return {
    origin,
    cookie,
    send: (method, path, body, version) => fetch(origin + path, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, ...(version === undefined ? {} : { 'If-Match': formatEntityTag(version) }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  };
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await task();
  return { ms: performance.now() - started, result };
}

/** The scenario through the API, warm (median of 9) and right after a layer edit; the full recomputation in process. */
async function benchScenario(database: BenchDatabase, api: Api, label: string) {
  const store = new AnalysisStore(database.sql);
  for (const mode of ['euclidean', 'network'] as const) {
    const versions = await store.readVersions([LAYER.id], mode);
    const [demand, layer, added] = await Promise.all([store.demand(versions), store.facilities(LAYER, versions), readProjectFacilities(database.sql, LAYER, PHASES)]);
    const all = [...layer, ...added.facilities];
    const snapper = mode === 'network' ? await store.network(versions) : undefined;
    const snaps = mode === 'network' ? await store.demandSnaps(versions) : undefined;
    const fullRuns: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      const today = snapper ? computeNetworkDistances(snapper, demand, snaps!, layer, RADIUS_M).distances : computeNearestDistances(demand, layer, RADIUS_M);
      const withProjects = snapper ? computeNetworkDistances(snapper, demand, snaps!, all, RADIUS_M).distances : computeNearestDistances(demand, all, RADIUS_M);
      computeCoverage(demand, today, RADIUS_M);
      computeCoverage(demand, withProjects, RADIUS_M);
      fullRuns.push(performance.now() - started);
    }
    const full = median(fullRuns);
    const body = { layer: LAYER.id, radius: RADIUS_M, mode, phases: PHASES };
    const inProcessRuns: number[] = [];
    for (let run = 0; run < 9; run += 1) inProcessRuns.push((await timed(() => reportScenario(database.sql, store, { layer: LAYER, radiusM: RADIUS_M, mode, phases: PHASES }))).ms);
    // The app's own caches warmed once (the population grid, the network), then a layer edit (its
    // version bumps), so the first request after it measures today's distances afresh.
    await api.send('POST', '/api/analysis/scenario', body).then((response) => json<ScenarioResponse>(response, 'scenario'));
    await database.sql.unsafe(`UPDATE ${LAYER.id} SET name = name WHERE id = (SELECT min(id) FROM ${LAYER.id})`);
    const cold = await timed(() => api.send('POST', '/api/analysis/scenario', body).then((response) => json<ScenarioResponse>(response, 'scenario')));
    const warmRuns: number[] = [];
    for (let run = 0; run < 9; run += 1) warmRuns.push((await timed(() => api.send('POST', '/api/analysis/scenario', body).then((response) => json<ScenarioResponse>(response, 'scenario')))).ms);
    const warm = median(warmRuns);
    const target = mode === 'euclidean' ? 200 : 1000;
    const name = mode === 'euclidean' ? 'straight' : 'walking';
    heading(`scenario, ${label}: ${LAYER.id} ${name} ${RADIUS_M} m, ${added.facilities.length} approved + building projects on ${layer.length} kindergartens`);
    report('baseline: full recomputation, today and with them (in process)', formatMs(full));
    report('scenario in process (server code, warm), median of 9', formatMs(median(inProcessRuns)), median(inProcessRuns) / full, verdict(median(inProcessRuns), target));
    report('scenario through the API, warm (median of 9)', formatMs(warm), warm / full, verdict(warm, target));
    report('scenario through the API, first after a layer edit', formatMs(cold.ms), cold.ms / full, verdict(cold.ms, target));
    report('  residents gained', `${cold.result.gainedPopulation}`);
  }
}

/** A building kindergarten project at each of `count` places, made through the API. */
async function makeBuildingProjects(database: BenchDatabase, api: Api, count: number): Promise<ProjectRecord[]> {
  const places = await database.sql<{ lon: number; lat: number }[]>`
    SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Centroid(geom) AS c, population, id FROM population ORDER BY population DESC, id LIMIT ${count * 40}) AS p
    ORDER BY hashint4(p.id::int), p.id LIMIT ${count}`;
  const projects: ProjectRecord[] = [];
  for (const [index, place] of places.entries()) {
    let project = await json<ProjectRecord>(await api.send('POST', '/api/projects', {
      name: `基准幼儿园新建工程${index + 1}`, optimization: 2, type: 'kindergarten', geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
      sizeClass: 'small', responsibleUnit: '区教委', funding: [{ source: 'fiscal', amount: 9_000_000 }], deliverables: [{ indicator: 'seats', amount: 270 }],
      facility: { layer: LAYER.id, properties: { name: `基准幼儿园${index + 1}`, seats: 270, ownership: 'inclusive' } },
    }), 'create project');
    for (const phase of ['approved', 'construction'] as const) {
      project = await json<ProjectRecord>(await api.send('POST', `/api/projects/${project.id}/phase`, { phase }, project.version), `move to ${phase}`);
    }
    projects.push(project);
  }
  return projects;
}

/** The tile (x, y) holding a point at zoom z (Web Mercator, XYZ). */
function tileOf(lon: number, lat: number, z: number) {
  const span = 2 ** z;
  const radians = (lat * Math.PI) / 180;
  return { x: Math.floor(((lon + 180) / 360) * span), y: Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * span) };
}

/** Complete a project, then read its layer's tile and the coverage until both show the new kindergarten. */
async function benchCompletion(database: BenchDatabase, api: Api): Promise<number[]> {
  const projects = await makeBuildingProjects(database, api, 7);
  const baselineRuns: number[] = [];
  for (let run = 0; run < 7; run += 1) baselineRuns.push((await timed(() => api.send('POST', '/api/analysis/coverage', { layer: LAYER.id, radius: RADIUS_M }).then((response) => response.json()))).ms);
  const runs: number[] = [];
  for (const project of projects) {
    const [lon, lat] = (project.geometry as { coordinates: number[] }).coordinates;
    const { x, y } = tileOf(lon, lat, 15);
    const name = (project.facility!.properties.name as string);
    const { ms } = await timed(async () => {
      await json<ProjectRecord>(await api.send('POST', `/api/projects/${project.id}/phase`, { phase: 'completed' }, project.version), 'complete');
      const tilejson = await json<{ tiles: string[] }>(await api.send('GET', `/tiles/${LAYER.id}.json`), 'tilejson');
      const tileUrl = tilejson.tiles[0].replace('{z}', '15').replace('{x}', String(x)).replace('{y}', String(y));
      const tile = Buffer.from(await (await fetch(tileUrl)).arrayBuffer());
      if (!tile.includes(Buffer.from(name))) throw new Error(`${name} is not in its tile after the completion`);
      const covered = await json<{ versions: Record<string, number> }>(await api.send('POST', '/api/analysis/coverage', { layer: LAYER.id, radius: RADIUS_M }), 'coverage');
      if (!(covered.versions[LAYER.id] > 0)) throw new Error('coverage read no layer version');
    });
    runs.push(ms);
  }
  heading(`completing a project: phase move, its kindergarten in the z15 tile and in coverage (${runs.length} projects)`);
  const baseline = median(baselineRuns);
  report('baseline: a coverage request on unchanged data', formatMs(baseline));
  report('completion → tile → coverage, median / worst', `${formatMs(median(runs))} / ${formatMs(Math.max(...runs))}`, median(runs) / baseline, verdict(Math.max(...runs), 1000));
  // In order: a worst that is always the first run is a cold start, one that wanders is the machine.
  report('  each, in order', runs.map(formatMs).join(', '));
  return projects.map((project) => project.id);
}

const LIST_QUERIES = (town: string, community: string) => [
  'phase=construction',
  'optimization=2&late=true',
  `town=${town}`,
  'funding=private&size=large',
  'year=2026&published=true',
  `q=${encodeURIComponent('幼儿园')}`,
  'phase=approved,design&optimization=1,5&sort=late',
  'bbox=106.55,29.50,106.60,29.55',
  'opportunity=true&sort=progress',
  `community=${community}&phase=completed`,
  'late=true&sort=late',
  'type=sidewalk,trail&year=2025',
];

async function benchList(database: BenchDatabase, api: Api) {
  const { ms: growMs, result: added } = await timed(() => growProjectLibrary(database.sql, LIBRARY_SIZE));
  const [{ total }] = await database.sql<{ total: number }[]>`SELECT count(*)::int AS total FROM projects`;
  const [busiest] = await database.sql<{ town: string; community: string }[]>`SELECT primary_town AS town, primary_community AS community FROM projects GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`;
  const queries = LIST_QUERIES(busiest.town, busiest.community);
  const list = async (query: string) => (await timed(async () => {
    const page = await json<{ total: number; items: unknown[] }>(await api.send('GET', `/api/projects${query ? `?${query}` : ''}`), `list ${query}`);
    return page.total;
  })).ms;
  for (const query of queries) await list(query); // plans and caches warmed once
  const plain: number[] = [];
  for (let run = 0; run < 30; run += 1) plain.push(await list(''));
  const filtered: number[] = [];
  for (let run = 0; run < 10; run += 1) for (const query of queries) filtered.push(await list(query));
  heading(`project list over ${total} projects (${added} copies made in ${formatMs(growMs)}), ${queries.length} filter sets × 10, page of 50`);
  report('baseline: the list unfiltered, newest first, median', formatMs(median(plain)));
  report('filtered, p50 / p95', `${formatMs(median(filtered))} / ${formatMs(percentile(filtered, 0.95))}`, percentile(filtered, 0.95) / median(plain), verdict(percentile(filtered, 0.95), 50));
  const slowest = queries.map((query, index) => ({ query, ms: median(filtered.filter((_, run) => run % queries.length === index)) })).sort((a, b) => b.ms - a.ms)[0];
  report(`  slowest filter set (median): ${slowest.query.slice(0, 30)}`, formatMs(slowest.ms));
}

export async function benchProjects(): Promise<void> {
  for (const kind of benchDatabaseKinds()) {
    heading(`projects on the ${kind} database`);
    const database = await openBenchDatabase(kind);
    const made: number[] = [];
    try {
      await ensureBenchCommission(database.sql);
      const app = await database.serveApp();
      try {
        const api = createApi(app.origin, await signInBenchCommission(app.origin));
        await benchScenario(database, api, 'demo library');
        made.push(...(await benchCompletion(database, api)));
        await benchList(database, api);
        await benchScenario(database, api, `${LIBRARY_SIZE.toLocaleString('en-US')} projects`);
      } finally {
        await app.close();
      }
    } finally {
      // Completions undone (their kindergartens out of the layer), then the run's projects go.
      for (const id of made) {
        const [row] = await database.sql<{ phase: string; facility_feature_id: number | null }[]>`SELECT phase, facility_feature_id FROM projects WHERE id = ${id}`;
        if (row?.facility_feature_id) await database.sql.unsafe(`DELETE FROM ${LAYER.id} WHERE id = $1`, [row.facility_feature_id]);
      }
      await removeBenchProjects(database.sql, made);
      await database.close();
    }
  }
}
