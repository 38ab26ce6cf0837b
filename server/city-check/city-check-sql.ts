import type { CapacityItem, CityCheckTown } from '../../core/city-check/city-check-figures.ts';
import type { LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';

/** What the city check reads besides the analysis inputs: the towns, which town each community is in, capacities. */

export async function selectTowns(sql: Queryable): Promise<CityCheckTown[]> {
  return sql<CityCheckTown[]>`SELECT code, name FROM towns ORDER BY code`;
}

export async function selectCommunityTowns(sql: Queryable): Promise<Map<string, string>> {
  const rows = await sql<{ code: string; town_code: string | null }[]>`SELECT code, town_code FROM communities`;
  return new Map(rows.filter((row) => row.town_code !== null).map((row) => [row.code, row.town_code!]));
}

/** A facility layer's capacity column by community and town (the layer and column come from the registry). */
export async function selectCapacities(sql: Queryable, layer: LayerDefinition, column: string): Promise<CapacityItem[]> {
  if (!(column in layer.properties)) throw new RangeError(`${layer.id} has no column ${column}`);
  const rows = await sql.unsafe<{ community: string | null; town: string | null; amount: number }[]>(
    `SELECT community_code AS community, town_code AS town, coalesce(sum(${column}), 0)::float8 AS amount
     FROM ${layer.id} GROUP BY 1, 2`,
  );
  return rows;
}
