import type { Queryable } from './client.ts';

/**
 * Layer data versions: a trigger bumps a layer's row in `layer_versions` on every write, so
 * anything derived from a layer (tiles, extents, analyses, siting inputs) is keyed by them and
 * never serves stale data after an edit.
 */

/** Current data versions of the given layers (0 for a layer never written). */
export async function readLayerVersions(sql: Queryable, layerIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await sql<{ layer: string; version: number }[]>`
    SELECT layer, version::int AS version FROM layer_versions WHERE layer IN ${sql(layerIds as string[])}`;
  return new Map(layerIds.map((id) => [id, rows.find((row) => row.layer === id)?.version ?? 0]));
}

/** A cache key naming each layer with its version, e.g. `schools=3,roads=1`. */
export function versionKey(versions: ReadonlyMap<string, number>, layerIds: readonly string[]): string {
  return layerIds.map((id) => `${id}=${versions.get(id) ?? 0}`).join(',');
}
