import { planRoadNetwork } from '../../core/district/road-network.ts';
import type { ImportTargetFields } from '../../core/exchange/import-fields.ts';
import type { Queryable } from '../db/client.ts';
import type { CommitRow } from './import-commit-sql.ts';

/**
 * The walking network as an import target (the administrator's): the file's lines REPLACE the
 * network, never add to it. A network is one graph: lines appended beside the old ones would
 * join them only where a vertex happens to be shared, and a district re-surveyed is delivered
 * whole. The lines are cut at their junctions into edges with their nodes
 * (core/district/road-network.ts), as `npm run district:init -- --roads` cuts them; the delete
 * and the inserts bump the roads layer's data version, so the next walking analysis builds its
 * graph from the new roads (server/analysis/analysis-store.ts keys it by that version).
 */
export const ROAD_IMPORT_FIELDS: ImportTargetFields = {
  properties: [{ name: 'road_class', type: 'text', required: false, aliases: ['道路等级', '等级', 'class', 'highway', 'fclass'] }],
  // Any word is read: one the network does not know is a street (roadClassOf).
  check: () => [],
};

/** Every edge's id. */
export async function replaceRoadNetwork(tx: Queryable, rows: readonly CommitRow[]): Promise<number[]> {
  const plan = planRoadNetwork(rows.map((row) => ({ geometry: JSON.parse(row.geometry) as { type: string; coordinates: unknown }, properties: { road_class: row.values.road_class ?? null } })));
  await tx`DELETE FROM roads`;
  if (!plan.edges.length) return [];
  const edges = plan.edges.map((edge) => ({
    road_class: edge.roadClass, length_m: edge.lengthM, source_node: edge.source, target_node: edge.target,
    geometry: JSON.stringify({ type: 'LineString', coordinates: edge.coordinates }),
  }));
  const written = await tx.unsafe<{ id: number }[]>(
    `INSERT INTO roads (road_class, length_m, source_node, target_node, demo, geom)
     SELECT r.road_class, r.length_m, r.source_node, r.target_node, false, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)
     FROM json_to_recordset($1::text::json) AS r(road_class text, length_m double precision, source_node integer, target_node integer, geometry text)
     RETURNING id`,
    [JSON.stringify(edges)],
  );
  return written.map((row) => row.id);
}
