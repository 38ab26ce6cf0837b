import { Hono } from 'hono';
import { LAYERS } from '../../core/layers/registry.ts';
import { OPTIMIZATIONS } from '../../core/optimizations.ts';
import type { LayersResponse } from '../../core/api/responses.ts';
import type { AppEnv } from '../app-env.ts';
import type { Queryable } from '../db/client.ts';
import { readLayerVersions } from '../db/layer-versions.ts';

export const layerRoutes = new Hono<AppEnv>();

/** Every layer's feature count, and how many are demo data, in one round trip; table names come from the registry only. */
const COUNT_QUERY = LAYERS.map((layer) => `SELECT '${layer.id}' AS layer, count(*)::int AS features, (count(*) FILTER (WHERE demo))::int AS demo FROM ${layer.id}`).join(' UNION ALL ');

async function countFeatures(sql: Queryable): Promise<Map<string, { features: number; demo: number }>> {
  const rows = await sql.unsafe<{ layer: string; features: number; demo: number }[]>(COUNT_QUERY);
  return new Map(rows.map((row) => [row.layer, row]));
}

/** The registry as the client needs it: declarations plus what the database holds now. */
layerRoutes.get('/layers', async (context) => {
  const { sql } = context.get('deps');
  const [counts, versions] = await Promise.all([countFeatures(sql), readLayerVersions(sql, LAYERS.map((layer) => layer.id))]);
  context.header('Cache-Control', 'no-cache');
  return context.json({
    optimizations: OPTIMIZATIONS,
    layers: LAYERS.map((layer) => ({ ...layer, count: counts.get(layer.id)?.features ?? 0, demoCount: counts.get(layer.id)?.demo ?? 0, version: versions.get(layer.id) ?? 0 })),
  } satisfies LayersResponse);
});
