/**
 * The demand list (`npm run bench -- demands`). On the real PostGIS (BENCH_DATABASE_URL), in a
 * schema of its own: 100,000 demands made in one statement; the list through the API, as the
 * public and as staff, for several filter mixes, against the list's own SQL for the same query
 * (its ratio is what serving adds); public submissions sustained from many addresses behind a
 * trusted proxy, with one address held to its hourly limit; and how soon a new demand shows in
 * the lists and, once accepted, in its map tile. On the embedded database only the list over the
 * 800 demo demands is measured.
 */
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import type { RequestUser } from '../../server/app-env.ts';
import type { Sql } from '../../server/db/client.ts';
import { listDemands } from '../../server/demands/demand-list-sql.ts';
import { demandListQuerySchema } from '../../server/demands/demand-query.ts';
import { runSubmissionLoad } from './submission-load.ts';
import { openBenchDatabase } from './bench-database.ts';
import { createBenchUser, generateBenchDemands, openDemandBenchSchema, signInBench } from './demand-bench-data.ts';
import { formatMs, heading, median, percentile, report } from './measure.ts';

const DEMAND_COUNT = 100_000;
const LIST_RUNS = 30;
const SUBMIT_SECONDS = 10;
const SUBMIT_CONCURRENCY = 24;

interface Viewer {
  label: string;
  cookie?: string;
  user: RequestUser | null;
}

export async function benchDemands(): Promise<void> {
  const embedded = await openBenchDatabase('embedded');
  try {
    heading('demand list on embedded (the 800 demo demands)');
    console.log(`  (100,000 demands, sustained submissions and the tile check run on PostGIS only${process.env.BENCH_DATABASE_URL ? ': below' : ': set BENCH_DATABASE_URL'})`);
    const server = await embedded.serveApp();
    try {
      await benchListing(embedded.sql, server.origin);
    } finally {
      await server.close();
    }
  } finally {
    await embedded.close();
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return;
  heading(`demand list on PostGIS (${DEMAND_COUNT.toLocaleString('en-US')} demands, schema bench_demands, dropped after)`);
  const schema = await openDemandBenchSchema(url);
  try {
    const started = performance.now();
    const inserted = await generateBenchDemands(schema.sql, DEMAND_COUNT);
    report(`generated ${inserted.toLocaleString('en-US')} demands (one INSERT … SELECT, then VACUUM ANALYZE)`, formatMs(performance.now() - started));
    const server = await schema.serveApp();
    try {
      await benchListing(schema.sql, server.origin);
      await benchSubmissions(server.origin, schema.sql);
      await benchVisibility(server.origin, schema.sql);
    } finally {
      await server.close();
    }
  } finally {
    await schema.close();
  }
}

/** The HTTP floor: a request answered without the database (an unknown path's 404). */
async function measureHttpFloor(origin: string): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < 100; index += 1) {
    const started = performance.now();
    await (await fetch(`${origin}/api/no-such-route`)).arrayBuffer();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function benchListing(sql: Sql, origin: string) {
  const commission = await createBenchUser(sql, 'commission');
  const town = await createBenchUser(sql, 'town');
  const [place] = await sql<{ community: string; town: string; lon: number; lat: number }[]>`
    SELECT community_code AS community, town_code AS town, ST_X(geom) AS lon, ST_Y(geom) AS lat
    FROM demands WHERE status = 'accepted' ORDER BY id LIMIT 1`;
  const box = [place.lon - 0.01, place.lat - 0.01, place.lon + 0.01, place.lat + 0.01].map((value) => value.toFixed(5)).join(',');
  const publicViewer: Viewer = { label: 'public', user: null };
  const staff: Viewer = { label: 'commission', cookie: await signInBench(origin, commission.username), user: commission };
  const townViewer: Viewer = { label: 'town office', cookie: await signInBench(origin, town.username), user: town };
  // [viewer, what the mix is, the query]
  const mixes: Array<[Viewer, string, string]> = [
    [publicViewer, 'newest page', ''],
    [publicViewer, 'one optimization', 'optimization=2'],
    [publicViewer, 'resolved, most supported', 'status=resolved&sort=support'],
    [publicViewer, 'a town, two types', `town=${place.town}&type=parking,elevator_retrofit`],
    [publicViewer, 'a 2 km box', `bbox=${box}`],
    [publicViewer, 'page 21 (offset 1000)', 'offset=1000'],
    [publicViewer, 'text search 电梯 (in every demand)', 'q=电梯'],
    [publicViewer, 'text search 第 4242 条 (in a few)', `q=${encodeURIComponent('第 4242 条')}`],
    [staff, 'submitted', 'status=submitted'],
    [staff, 'hotline, optimization 7, updated', 'source=hotline&optimization=7&sort=updated'],
    [staff, 'one community', `community=${place.community}`],
    [townViewer, 'newest page (its town)', ''],
    [townViewer, 'submitted+accepted, oldest', 'status=submitted,accepted&sort=oldest'],
  ];
  const floor = await measureHttpFloor(origin);
  report('HTTP floor: a loopback request with no database work (median)', formatMs(floor));
  for (const [viewer, label, queryText] of mixes) {
    const query = demandListQuerySchema.parse(Object.fromEntries(new URLSearchParams(queryText)));
    const headers = viewer.cookie ? { Cookie: viewer.cookie } : undefined;
    const path = `${origin}/api/demands${queryText ? `?${queryText}` : ''}`;
    for (let warm = 0; warm < 3; warm += 1) {
      await listDemands(sql, query, viewer.user);
      const response = await fetch(path, { headers });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
    const raw: number[] = [];
    const endpoint: number[] = [];
    for (let run = 0; run < LIST_RUNS; run += 1) {
      let started = performance.now();
      await listDemands(sql, query, viewer.user);
      raw.push(performance.now() - started);
      started = performance.now();
      await (await fetch(path, { headers })).arrayBuffer();
      endpoint.push(performance.now() - started);
    }
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    report(`${viewer.label}: ${label} p50 / p95`, `${formatMs(median(endpoint))} / ${formatMs(percentile(endpoint, 0.95))}`,
      sum(endpoint) / sum(raw), 'p95 ≤ 50 ms');
  }
  report('  (baseline: the list\'s own SQL, listDemands, for the same query and viewer)', '');
}

/** Points of demo demands: inside the district, spread like the list. */
async function submissionPoints(sql: Sql) {
  return sql<{ lon: number; lat: number }[]>`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM demands WHERE demo AND id <= 800 ORDER BY id`;
}

const SUBMISSION_BODY = (point: { lon: number; lat: number }) =>
  JSON.stringify({ lon: point.lon, lat: point.lat, optimization: 2, type: 'kindergarten', text: '附近幼儿园学位不够，希望增加普惠性幼儿园。' });

function submit(origin: string, point: { lon: number; lat: number }, address: string) {
  return fetch(`${origin}/api/demands`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address }, body: SUBMISSION_BODY(point),
  });
}

async function benchSubmissions(origin: string, sql: Sql) {
  const points = await submissionPoints(sql);
  const floor = await measureHttpFloor(origin);
  const load = await runSubmissionLoad({
    origin, connections: SUBMIT_CONCURRENCY, seconds: SUBMIT_SECONDS, bodies: points.map(SUBMISSION_BODY),
  });
  report(`public submissions, ${SUBMIT_CONCURRENCY} connections, ${load.addresses.toLocaleString('en-US')} addresses`, `${(load.created / SUBMIT_SECONDS).toFixed(0)} /s`, undefined, '≥ 200/s');
  report('  errors (timeouts, refusals, any answer but 2xx)', String(load.errors), undefined, '0');
  report('  latency p50 / p97.5 (ratio: p50 to the HTTP floor)', `${formatMs(load.latencyP50)} / ${formatMs(load.latencyP975)}`, load.latencyP50 / floor);
  const answers: number[] = [];
  let retryAfter = '';
  for (let attempt = 0; attempt < 11; attempt += 1) {
    const response = await submit(origin, points[attempt], '203.0.113.77');
    await response.arrayBuffer();
    answers.push(response.status);
    retryAfter = response.headers.get('Retry-After') ?? retryAfter;
  }
  const held = answers.slice(0, 10).every((status) => status === 201) && answers[10] === 429;
  report('one address, 11 submissions in an hour: the 11th', `HTTP ${answers[10]}`, undefined, `429${held ? '' : ` — answers were ${answers.join(',')}`}`);
  report('  its Retry-After', `${retryAfter} s`);
}

/**
 * Polls until `found` holds: the time from `since` (ms), and how long the check that found it
 * took (the part of the wait that is reading, not waiting for the change); NaN after 5 s.
 */
async function timeUntil(since: number, found: () => Promise<boolean>): Promise<{ total: number; lastCheck: number }> {
  while (performance.now() - since < 5000) {
    const checked = performance.now();
    if (await found()) return { total: performance.now() - since, lastCheck: performance.now() - checked };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { total: Number.NaN, lastCheck: Number.NaN };
}

function tileContaining(lon: number, lat: number, z: number) {
  const span = 2 ** z;
  const radians = (lat * Math.PI) / 180;
  return { x: Math.floor(((lon + 180) / 360) * span), y: Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * span) };
}

/** The two reads of the last look at the tile: TileJSON (for the versioned URL), then the tile. */
const lastTileLook = { tileJsonMs: Number.NaN, tileMs: Number.NaN };

async function tileHolds(origin: string, title: string, lon: number, lat: number): Promise<boolean> {
  let started = performance.now();
  const tileJson = (await (await fetch(`${origin}/tiles/published_demands.json`)).json()) as { tiles: string[] };
  lastTileLook.tileJsonMs = performance.now() - started;
  const { x, y } = tileContaining(lon, lat, 14);
  const url = tileJson.tiles[0].replace(/^https?:\/\/[^/]+/, origin).replace('{z}', '14').replace('{x}', String(x)).replace('{y}', String(y));
  started = performance.now();
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  lastTileLook.tileMs = performance.now() - started;
  if (!bytes.byteLength) return false;
  const layer = new VectorTile(new Pbf(bytes)).layers.published_demands;
  return Boolean(layer) && Array.from({ length: layer.length }, (_, index) => layer.feature(index).properties.title).includes(title);
}

async function benchVisibility(origin: string, sql: Sql) {
  const [point] = await submissionPoints(sql);
  const cookie = await signInBench(origin, 'bench-commission');
  const title = `可见性测试 ${Date.now()}`;
  const body = JSON.stringify({ lon: point.lon, lat: point.lat, optimization: 7, type: 'elevator_retrofit', title, text: '老楼加装电梯。', source: 'hotline' });
  const created = await fetch(`${origin}/api/demands`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body });
  const createdAt = performance.now();
  const { id } = (await created.json()) as { id: number };
  const listHas = async (query: string, headers?: Record<string, string>) => {
    const page = (await (await fetch(`${origin}/api/demands?${query}`, { headers })).json()) as { items: Array<{ id: number }> };
    return page.items.some((item) => item.id === id);
  };
  const seen = (label: string, wait: { total: number; lastCheck: number }) =>
    report(label, formatMs(wait.total), wait.total / wait.lastCheck, '≤ 1 s; ×1.00 = seen at the first look');
  seen('new demand (201) → in the staff list (status=submitted)', await timeUntil(createdAt, () => listHas('status=submitted&limit=10', { Cookie: cookie })));
  const accepted = await fetch(`${origin}/api/demands/${id}`, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'If-Match': formatEntityTag(1) }, body: JSON.stringify({ status: 'accepted' }),
  });
  const acceptedAt = performance.now();
  if (!accepted.ok) throw new Error(`accepting demand ${id}: HTTP ${accepted.status} ${await accepted.text()}`);
  seen('accepted (200) → in the public list (newest page)', await timeUntil(acceptedAt, () => listHas('limit=10')));
  seen('accepted (200) → in its z14 published_demands tile', await timeUntil(acceptedAt, () => tileHolds(origin, title, point.lon, point.lat)));
  report('  that look: TileJSON / the tile at its new version', `${formatMs(lastTileLook.tileJsonMs)} / ${formatMs(lastTileLook.tileMs)}`);
  report('  (baseline: the one look that found it: a list page, or TileJSON + the tile rendered at its new version)', '');
}
