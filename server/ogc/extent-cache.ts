import type { LayerDefinition } from '../../core/layers/registry.ts';
import { MemoCache } from '../analysis/memo-cache.ts';
import type { Sql } from '../db/client.ts';
import { readLayerVersions } from '../tiles/tile-sql.ts';
import { selectExtents } from './features.ts';
import type { Bbox } from './parameters.ts';

/**
 * Layer extents, kept per data version: `ST_Extent` over 22 tables costs ~35 ms, while reading
 * their versions (bumped by a trigger on every write) is one small query, so an edit still shows
 * in the next `/collections` answer. One cache per database pool.
 */
const caches = new WeakMap<object, MemoCache>();

export async function readExtents(sql: Sql, layers: readonly LayerDefinition[]): Promise<Map<string, Bbox>> {
  let cache = caches.get(sql);
  if (!cache) {
    cache = new MemoCache(64);
    caches.set(sql, cache);
  }
  const versions = await readLayerVersions(sql, layers.map((layer) => layer.id));
  const key = layers.map((layer) => `${layer.id}=${versions.get(layer.id) ?? 0}`).join(',');
  return cache.get(key, () => selectExtents(sql, layers));
}
