/**
 * Layer serving on each database: tile latency over the tiles covering the district, the
 * endpoint's time against the raw ST_AsMVT query for the same tiles (its overhead), OGC item
 * pages of 1000 features against their SQL alone, and warm throughput under 50 concurrent
 * loopback connections.
 */
import autocannon from 'autocannon';
import { findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import { selectFeaturePage } from '../../server/ogc/features.ts';
import { parseItemsQuery } from '../../server/ogc/parameters.ts';
import { BASEMAP_LAYERS, runRawTileQueries, supportsNativeMvt } from '../../server/tiles/tile-sql.ts';
import { benchDatabaseKinds, openBenchDatabase, type BenchDatabase } from './bench-database.ts';
import { formatMs, heading, median, percentile, report } from './measure.ts';

const ZOOMS = [12, 14, 16];
/** z16 covers ~2,700 tiles; a fixed sample keeps the run short and repeatable. */
const MAX_TILES_PER_ZOOM = 150;
const TILE_SETS: Array<{ id: string; layers: readonly LayerDefinition[] }> = [
  { id: 'population', layers: [findLayer('population')!] },
  { id: 'roads', layers: [findLayer('roads')!] },
  { id: 'basemap', layers: BASEMAP_LAYERS },
];

function tilesCovering(bounds: number[], z: number) {
  const span = 2 ** z;
  const toX = (lon: number) => Math.floor(((lon + 180) / 360) * span);
  const toY = (lat: number) => {
    const radians = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * span);
  };
  const tiles: Array<[number, number, number]> = [];
  for (let x = toX(bounds[0]); x <= toX(bounds[2]); x += 1) {
    for (let y = toY(bounds[3]); y <= toY(bounds[1]); y += 1) tiles.push([z, x, y]);
  }
  const step = Math.max(1, Math.ceil(tiles.length / MAX_TILES_PER_ZOOM));
  return tiles.filter((_, index) => index % step === 0);
}

async function districtBounds(database: BenchDatabase) {
  const [row] = await database.sql<{ b: number[] }[]>`
    SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS b FROM (SELECT ST_Extent(geom) AS e FROM district) x`;
  return row.b;
}

/** The HTTP floor: a request the server answers without the database (an unknown layer's 404). */
async function benchHttpFloor(origin: string): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < 200; index += 1) {
    const started = performance.now();
    await (await fetch(`${origin}/tiles/no_such_layer.json`)).arrayBuffer();
    times.push(performance.now() - started);
  }
  const floor = median(times);
  report('HTTP floor: a loopback request with no database work (median)', formatMs(floor));
  return floor;
}

async function benchTileLatency(database: BenchDatabase, origin: string, bounds: number[]) {
  const floor = await benchHttpFloor(origin);
  const native = await supportsNativeMvt(database.sql);
  for (const z of ZOOMS) {
    const tiles = tilesCovering(bounds, z);
    for (const tileSet of TILE_SETS) {
      const visible = tileSet.layers.filter((layer) => z >= layer.minzoom && z <= layer.maxzoom);
      for (const [, x, y] of tiles) await runRawTileQueries(database.sql, native, visible, z, x, y); // warm the database's pages
      const raw: number[] = [];
      const endpoint: number[] = [];
      for (const [tz, x, y] of tiles) {
        let started = performance.now();
        await runRawTileQueries(database.sql, native, visible, tz, x, y);
        raw.push(performance.now() - started);
        started = performance.now();
        const response = await fetch(`${origin}/tiles/${tileSet.id}/${tz}/${x}/${y}.mvt`, { headers: { 'Accept-Encoding': 'gzip' } });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`tile ${tz}/${x}/${y} of ${tileSet.id}: HTTP ${response.status}`);
        endpoint.push(performance.now() - started);
      }
      const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
      report(`z${z} ${tileSet.id} (${tiles.length} tiles) p50 / p95`, `${formatMs(median(endpoint))} / ${formatMs(percentile(endpoint, 0.95))}`,
        sum(endpoint) / sum(raw), z === 14 ? 'p95 ≤ 50 ms on PostGIS; overhead ≤ 1.3×' : 'overhead ≤ 1.3×');
      // What the server adds beyond the query once the fixed cost of any HTTP request is set aside.
      report('  overhead net of the HTTP floor', '', (sum(endpoint) - floor * endpoint.length) / sum(raw));
    }
  }
}

/**
 * OGC item pages of 1000 population cells. Baseline: the same page read by the endpoint's own
 * SQL (selectFeaturePage) without HTTP, so the ratio is what serving adds to the query.
 */
async function benchItemPages(database: BenchDatabase, origin: string) {
  const layer = findLayer('population')!;
  const offsets = [0, 1000, 2000, 3000, 4000];
  const readPage = (offset: number) => selectFeaturePage(database.sql, layer, parseItemsQuery(layer, new Map([['limit', '1000'], ['offset', String(offset)]])));
  await readPage(5000); // warm the connections and plans
  const raw: number[] = [];
  const endpoint: number[] = [];
  for (const offset of offsets) {
    let started = performance.now();
    await readPage(offset);
    raw.push(performance.now() - started);
    started = performance.now();
    const response = await fetch(`${origin}/ogc/collections/population/items?limit=1000&offset=${offset}`);
    const body = await response.json();
    endpoint.push(performance.now() - started);
    if (!response.ok || body.features?.length !== 1000) {
      report('OGC items page of 1000 population cells', `HTTP ${response.status}`);
      return;
    }
  }
  report('baseline: the same page by its SQL alone (median of 5)', formatMs(median(raw)));
  report('OGC items page of 1000 population cells (median of 5)', formatMs(median(endpoint)), median(endpoint) / median(raw), 'median ≤ 200 ms');
}

async function benchThroughput(origin: string, bounds: number[]) {
  // As the map asks for them: the TileJSON's URLs, which carry the data version.
  const { tiles } = (await (await fetch(`${origin}/tiles/basemap.json`)).json()) as { tiles: string[] };
  const template = tiles[0].replace(/^https?:\/\/[^/]+/, '');
  const paths = tilesCovering(bounds, 14).map(([z, x, y]) => template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
  for (const path of paths) await fetch(origin + path, { headers: { 'Accept-Encoding': 'gzip' } }).then((response) => response.arrayBuffer());
  let next = 0;
  const result = await autocannon({
    url: origin,
    connections: 50,
    duration: 8,
    headers: { 'accept-encoding': 'gzip' },
    // Each request takes the next tile of the district, so the load spreads over the whole cache.
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  report('warm versioned basemap z14 tiles/s, 50 connections (errors)', `${result.requests.average.toFixed(0)}/s (${errors})`, undefined, '≥ 500/s, 0 errors');
}

export async function benchTiles(): Promise<void> {
  for (const kind of benchDatabaseKinds()) {
    heading(`layer serving on the ${kind} database (ratio = endpoint time ÷ the raw tile SQL's time: ST_AsMVT on PostGIS, the clip queries on the embedded one)`);
    const database = await openBenchDatabase(kind);
    try {
      const bounds = await districtBounds(database);
      const app = await database.serveApp();
      try {
        await benchTileLatency(database, app.origin, bounds);
        await benchItemPages(database, app.origin);
        await benchThroughput(app.origin, bounds);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  }
}
