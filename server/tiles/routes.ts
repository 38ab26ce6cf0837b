import { Hono, type Context } from 'hono';
import { gunzipSync, gzipSync } from 'node:zlib';
import { findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import type { AppEnv } from '../app.ts';
import { badRequest, notFound } from '../errors.ts';
import { TileCache } from './tile-cache.ts';
import { buildTileJson, BASEMAP_ID } from './tilejson.ts';
import { BASEMAP_LAYERS, readLayerVersions, renderTile } from './tile-sql.ts';

/** Deepest zoom we render; MapLibre over-zooms beyond the TileJSON maxzoom anyway. */
export const MAX_TILE_ZOOM = 22;
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface TileSet {
  id: string;
  layers: readonly LayerDefinition[];
}

function resolveTileSet(name: string): TileSet {
  if (name === BASEMAP_ID) return { id: BASEMAP_ID, layers: BASEMAP_LAYERS };
  const layer = findLayer(name);
  if (!layer) throw notFound('unknown_layer', `no layer named ${JSON.stringify(name.slice(0, 80))}`);
  return { id: layer.id, layers: [layer] };
}

function parseTileAddress(zText: string, xText: string, file: string) {
  const yMatch = /^(\d{1,8})\.mvt$/.exec(file);
  const valid = /^\d{1,2}$/.test(zText) && /^\d{1,8}$/.test(xText) && yMatch;
  const z = Number(zText);
  const x = Number(xText);
  const y = Number(yMatch?.[1]);
  const span = 2 ** z;
  if (!valid || z > MAX_TILE_ZOOM || x >= span || y >= span) {
    throw badRequest('invalid_tile', `no tile ${zText}/${xText}/${file}: z must be 0–${MAX_TILE_ZOOM} and x, y 0–2^z−1, ending in .mvt`, { z: zText, x: xText, y: file });
  }
  return { z, x, y };
}

/** A tile set's version: the sum of its layers' versions, which only ever grow. */
function versionOf(versions: Map<string, number>): number {
  return [...versions.values()].reduce((sum, version) => sum + version, 0);
}

export function createTileRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const cache = new TileCache();

  routes.get('/:name', async (context) => {
    const name = context.req.param('name');
    if (!name.endsWith('.json')) throw notFound('unknown_layer', 'a TileJSON address ends in .json');
    const tileSet = resolveTileSet(name.slice(0, -'.json'.length));
    const { sql } = context.get('deps');
    const version = versionOf(await readLayerVersions(sql, tileSet.layers.map((layer) => layer.id)));
    const origin = new URL(context.req.url).origin;
    context.header('Cache-Control', 'no-cache');
    return context.json(await buildTileJson(sql, tileSet.id, tileSet.layers, version, origin));
  });

  routes.get('/:name/:z/:x/:file', async (context) => {
    const tileSet = resolveTileSet(context.req.param('name'));
    const { z, x, y } = parseTileAddress(context.req.param('z'), context.req.param('x'), context.req.param('file'));
    const { sql } = context.get('deps');
    const version = versionOf(await readLayerVersions(sql, tileSet.layers.map((layer) => layer.id)));
    const etag = `"${tileSet.id}-${version}-${z}-${x}-${y}"`;
    // The version in the URL is a cache key: when it is current, the tile never changes.
    const requested = context.req.query('v');
    context.header('Cache-Control', requested === String(version) ? IMMUTABLE : 'no-cache');
    context.header('ETag', etag);
    if (context.req.header('If-None-Match') === etag) return context.body(null, 304);

    const key = `${tileSet.id}/${version}/${z}/${x}/${y}`;
    let gzipped = cache.get(key);
    if (!gzipped) {
      const visible = tileSet.layers.filter((layer) => z >= layer.minzoom && z <= layer.maxzoom);
      const tile = visible.length ? await renderTile(sql, visible, z, x, y).catch((error: unknown) => {
        throw Object.assign(error as Error, { message: `while reading tile ${z}/${x}/${y} of ${tileSet.id}: ${(error as Error).message}` });
      }) : new Uint8Array();
      gzipped = tile.byteLength ? gzipSync(tile, { level: 6 }) : new Uint8Array();
      cache.set(key, gzipped);
    }
    return sendTile(context, gzipped);
  });
  return routes;
}

function sendTile(context: Context<AppEnv>, gzipped: Uint8Array) {
  context.header('Content-Type', 'application/vnd.mapbox-vector-tile');
  context.header('Vary', 'Accept-Encoding');
  // An empty tile is a valid tile: 200 with no body, so clients cache "nothing here" too.
  if (gzipped.byteLength === 0) return context.body(null, 200);
  if (/\bgzip\b/.test(context.req.header('Accept-Encoding') ?? '')) {
    context.header('Content-Encoding', 'gzip');
    return context.body(gzipped as Uint8Array<ArrayBuffer>, 200);
  }
  return context.body(gunzipSync(gzipped) as Uint8Array<ArrayBuffer>, 200);
}
