import { MemoCache } from '../cache/memo-cache.ts';
import type { Sql } from '../db/client.ts';
import { readLayerVersions } from '../db/layer-versions.ts';

/**
 * What the targets read of the project library (deliverables achieved and building, the size and
 * funding mixes), kept per data version of the whole library: `projects` in layer_versions,
 * bumped by a statement trigger on every write to a project (migration 0020). The dashboard reads
 * the same sums again and again while projects change a few times a day; a completion bumps the
 * version in its own transaction, so the next read after it sums afresh.
 *
 * The version is read before the figure: a write committed in between leaves a newer figure under
 * the older version (read again once the version is seen to move), never an older figure under the
 * newer one. Only a plain connection may fill it (`Sql`, not a transaction): a figure read inside
 * a transaction that later rolls back must not outlive it under a version someone else reuses.
 */
const caches = new WeakMap<Sql, MemoCache>();

/** Figures of a few periods and towns at once: a year and a quarter, the district and each town. */
const KEPT_FIGURES = 96;

function cacheOf(sql: Sql): MemoCache {
  let cache = caches.get(sql);
  if (!cache) {
    cache = new MemoCache(KEPT_FIGURES);
    caches.set(sql, cache);
  }
  return cache;
}

/** The library's data version; figures keyed by it come from one cache per database connection pool. */
export async function readProjectFigures(sql: Sql): Promise<<T>(key: string, compute: () => Promise<T>) => Promise<T>> {
  const version = (await readLayerVersions(sql, ['projects'])).get('projects') ?? 0;
  const cache = cacheOf(sql);
  return (key, compute) => cache.get(`projects=${version}|${key}`, compute);
}
