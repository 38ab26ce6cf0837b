import type { Queryable } from '../db/client.ts';
import type { DemoDemand } from '../demo/types.ts';

/** A demand as a dataset carries it: the demo generator's own type, declared once in server/demo/types.ts. */
export type DatasetDemand = DemoDemand;

/** Rows per INSERT: the 800 demo demands in one statement, a bigger list in a few. */
const BATCH_SIZE = 2000;

/**
 * Replace the demand list with the dataset's, in the caller's transaction (the dataset load's).
 * The demo list is part of the demo dataset like its layers: a reload replaces it, and with it
 * the "me too"s given to its demands, so no support points at a demand that is gone. Ids are the
 * dataset's (a merged demand names its target by id), and the identity continues after them.
 */
export async function replaceDemands(tx: Queryable, demands: readonly DatasetDemand[], options: { demo: boolean }): Promise<void> {
  // Projects' links go with the demands they point at (a dataset with projects loads its own after).
  await tx`TRUNCATE demand_supports, project_demands, demands RESTART IDENTITY`;
  // The merge foreign key is checked at the end of each statement: batches in id order put a
  // target (always older, so a smaller id) in the same batch as its duplicate or an earlier one.
  const ordered = [...demands].sort((a, b) => a.id - b.id);
  for (let start = 0; start < ordered.length; start += BATCH_SIZE) await insertDemands(tx, ordered.slice(start, start + BATCH_SIZE), options.demo);
  await tx`SELECT setval(pg_get_serial_sequence('demands', 'id'), GREATEST((SELECT max(id) FROM demands), 1))`;
}

async function insertDemands(tx: Queryable, demands: readonly DatasetDemand[], demo: boolean): Promise<void> {
  const rows = demands.map(({ point, ...demand }) => ({ ...demand, lon: point[0], lat: point[1] }));
  // One statement per batch: json_to_recordset turns the rows into typed columns in SQL.
  await tx`
    INSERT INTO demands (id, receipt, optimization, type, title, text, source, contact, status, reason, reply, merged_into,
                         support_count, community_code, town_code, demo, created_at, updated_at, answered_at, version, geom)
    SELECT id, receipt, optimization, type, title, text, source, contact, status, reason, reply, "mergedInto",
           "supportCount", "communityCode", "townCode", ${demo}, "createdAt", "updatedAt", "answeredAt", version,
           ST_SetSRID(ST_MakePoint(lon, lat), 4326)
    FROM json_to_recordset(${JSON.stringify(rows)}::text::json) AS r(
      id integer, receipt text, optimization integer, type text, title text, text text, source text, contact text,
      status text, reason text, reply text, "mergedInto" integer, "supportCount" integer, "communityCode" text,
      "townCode" text, "createdAt" timestamptz, "updatedAt" timestamptz, "answeredAt" timestamptz, version integer, lon float8, lat float8)
    ORDER BY id`;
}
