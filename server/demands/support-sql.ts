import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client.ts';

/**
 * "Me too" (附议): one per person and demand. A person is their address together with a random
 * token their browser keeps (core/demands/demand-support.ts), both hashed with the site's salt,
 * so the table holds neither and the browsers of one household count apart.
 */
export function supporterKey(salt: string, address: string, token: string): string {
  return createHash('sha256').update(`${salt}:support:${address}:${token}`).digest('hex');
}

/**
 * Count one support; false when this person has supported the demand already. The count moves
 * without the version: residents saying "me too" must not make a staff edit stale.
 */
export async function addSupport(tx: Queryable, demandId: number, supporter: string): Promise<{ added: boolean; supportCount: number }> {
  const inserted = await tx`
    INSERT INTO demand_supports (demand_id, supporter) VALUES (${demandId}, ${supporter})
    ON CONFLICT (demand_id, supporter) DO NOTHING RETURNING demand_id`;
  const [row] = inserted.length
    ? await tx<{ support_count: number }[]>`UPDATE demands SET support_count = support_count + 1 WHERE id = ${demandId} RETURNING support_count`
    : await tx<{ support_count: number }[]>`SELECT support_count FROM demands WHERE id = ${demandId}`;
  return { added: inserted.length === 1, supportCount: row.support_count };
}

/**
 * A duplicate joins another demand: its supporters become the target's (each person still once),
 * and the target counts the duplicate's submitter and its supports, less the people who had
 * supported both. Supports imported as a bare count (no rows) carry over as they are.
 */
export async function mergeSupports(tx: Queryable, sourceId: number, targetId: number): Promise<number> {
  const [row] = await tx<{ added: number }[]>`
    WITH moved AS (
      INSERT INTO demand_supports (demand_id, supporter, created_at)
      SELECT ${targetId}, supporter, created_at FROM demand_supports WHERE demand_id = ${sourceId}
      ON CONFLICT (demand_id, supporter) DO NOTHING RETURNING supporter
    )
    SELECT (1 + d.support_count
              - (SELECT count(*) FROM demand_supports s WHERE s.demand_id = ${sourceId})
              + (SELECT count(*) FROM moved))::int AS added
    FROM demands d WHERE d.id = ${sourceId}`;
  return row.added;
}
