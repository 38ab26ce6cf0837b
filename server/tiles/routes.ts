import { Hono, type Context } from 'hono';
import { gunzipSync, gzipSync } from 'node:zlib';
import { findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import type { AppEnv } from '../app-env.ts';
import { badRequest, notFound } from '../errors.ts';
import { buildTileJson, BASEMAP_ID } from './tilejson.ts';
import { readLayerVersions } from '../db/layer-versions.ts';
import { BASEMAP_LAYERS, renderVersionedTile } from './tile-sql.ts';

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

  routes.get('/:name', async (context) => {
    const name = context.req.param('name');
    if (!name.endsWith('.json')) throw notFound('unknown_layer', 'a TileJSON address ends in .json');
    const tileSet = resolveTileSet(name.slice(0, -'.json'.length));
    const { sql, services } = context.get('deps');
    const version = versionOf(await readLayerVersions(sql, tileSet.layers.map((layer) => layer.id)));
    const origin = new URL(context.req.url).origin;
    context.header('Cache-Control', 'no-cache');
    return context.json(await buildTileJson(sql, services.extents, tileSet.id, tileSet.layers, version, origin));
  });

  routes.get('/:name/:z/:x/:file', async (context) => {
    const tileSet = resolveTileSet(context.req.param('name'));
    const { z, x, y } = parseTileAddress(context.req.param('z'), context.req.param('x'), context.req.param('file'));
    const { sql, services } = context.get('deps');
    const cache = services.tiles;
    const layerIds = tileSet.layers.map((layer) => layer.id);
    const keyOf = (version: number) => `${tileSet.id}-${version}-${z}-${x}-${y}`;
    const respond = (gzipped: Uint8Array, version: number, immutable: boolean) => {
      context.header('Cache-Control', immutable ? IMMUTABLE : 'no-cache');
      context.header('ETag', `"${keyOf(version)}"`);
      if (context.req.header('If-None-Match') === `"${keyOf(version)}"`) return context.body(null, 304);
      return sendTile(context, gzipped);
    };

    // A URL with ?v=N names the tile as it was at data version N: once cached, it is served
    // without touching the database, like a CDN would. Entries are only ever stored under the
    // version read together with their data, so a key never holds another version's bytes.
    const requestedText = context.req.query('v');
    const requested = requestedText && /^\d{1,15}$/.test(requestedText) ? Number(requestedText) : undefined;
    if (requested !== undefined) {
      const hit = cache.get(keyOf(requested));
      if (hit) return respond(hit, requested, true);
    } else {
      const version = versionOf(await readLayerVersions(sql, layerIds));
      const hit = cache.get(keyOf(version));
      if (hit) return respond(hit, version, false);
    }

    const visible = tileSet.layers.filter((layer) => z >= layer.minzoom && z <= layer.maxzoom);
    const { version, tile } = await renderVersionedTile(sql, await services.nativeMvt(), layerIds, visible, z, x, y).catch((error: unknown) => {
      throw Object.assign(error as Error, { message: `while reading tile ${z}/${x}/${y} of ${tileSet.id}: ${(error as Error).message}` });
    });
    const gzipped = tile.byteLength ? gzipSync(tile, { level: 6 }) : new Uint8Array();
    cache.set(keyOf(version), gzipped);
    return respond(gzipped, version, requested === version);
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
