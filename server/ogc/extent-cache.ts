import type { LayerDefinition } from '../../core/layers/registry.ts';
import type { Sql } from '../db/client.ts';
import { readLayerVersions, versionKey } from '../db/layer-versions.ts';
import type { MemoCache } from '../cache/memo-cache.ts';
import { selectExtents } from './features.ts';
import type { Bbox } from './parameters.ts';

/**
 * Layer extents, kept per data version: `ST_Extent` over 22 tables costs ~35 ms, while reading
 * their versions (bumped by a trigger on every write) is one small query, so an edit still shows
 * in the next `/collections` answer. The cache is the app's (app-services.ts).
 */
export async function readExtents(sql: Sql, cache: MemoCache, layers: readonly LayerDefinition[]): Promise<Map<string, Bbox>> {
  const versions = await readLayerVersions(sql, layers.map((layer) => layer.id));
  const key = versionKey(versions, layers.map((layer) => layer.id));
  return cache.get(key, () => selectExtents(sql, layers));
}
