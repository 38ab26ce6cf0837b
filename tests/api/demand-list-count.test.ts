import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMAND_LIST_COUNT_CAP } from '../../core/demands/demand-contract.ts';
import type { Sql } from '../../server/db/client.ts';
import { listDemands } from '../../server/demands/demand-list-sql.ts';
import { demandListQuerySchema } from '../../server/demands/demand-query.ts';
import { useTestDatabase } from '../support/database.ts';

/**
 * The list's count past its cap, and text search through the character-pair index (migration
 * 0007). Each case writes its demands in a transaction that is rolled back, so no other test file
 * ever sees more than the demo list.
 */
const { sql } = useTestDatabase();

class RolledBack extends Error {}

/** Runs `check` on a transaction holding `count` accepted demands titled `<marker> n`, then undoes them. */
async function withDemands(count: number, text: string, check: (tx: Sql, marker: string) => Promise<void>): Promise<void> {
  const marker = `mk${randomUUID().slice(0, 8)}`;
  await sql
    .begin(async (tx) => {
      await tx`
        INSERT INTO demands (receipt, optimization, type, title, text, source, status, community_code, town_code, geom)
        SELECT 'T' || lpad(upper(to_hex(g)), 9, '0'), 2, 'kindergarten', ${marker} || ' ' || g, ${text}, 'hotline', 'accepted',
               c.code, c.town_code, ST_PointOnSurface(c.geom)
        FROM generate_series(1, ${count}::int) AS g, (SELECT code, town_code, geom FROM communities ORDER BY code LIMIT 1) AS c`;
      await check(tx as unknown as Sql, marker);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
}

const list = (tx: Sql, query: Record<string, string>) => listDemands(tx, demandListQuerySchema.parse(query), null);

describe('the demand list count', () => {
  it('is exact up to the cap, says "more than" past it, and reaches as far as the page asked for', async () => {
    await withDemands(DEMAND_LIST_COUNT_CAP + 5, '幼儿园学位不足', async (tx, marker) => {
      const first = await list(tx, { q: marker });
      expect({ total: first.total, totalExact: first.totalExact, rows: first.rows.length }).toEqual({ total: DEMAND_LIST_COUNT_CAP, totalExact: false, rows: 50 });
      const last = await list(tx, { q: marker, offset: String(DEMAND_LIST_COUNT_CAP) });
      expect({ total: last.total, totalExact: last.totalExact, rows: last.rows.length }).toEqual({ total: DEMAND_LIST_COUNT_CAP + 5, totalExact: true, rows: 5 });
      const straddling = await list(tx, { q: marker, offset: String(DEMAND_LIST_COUNT_CAP - 2), limit: '2' });
      expect({ total: straddling.total, totalExact: straddling.totalExact }).toEqual({ total: DEMAND_LIST_COUNT_CAP, totalExact: false });
      const narrowed = await list(tx, { q: `${marker} 100` });
      // "<marker> 100" and "<marker> 1000"–"<marker> 1005": 1 + 6.
      expect({ total: narrowed.total, totalExact: narrowed.totalExact }).toEqual({ total: 7, totalExact: true });
    });
  });
});

describe('text search', () => {
  it('finds one or two characters, any case, wildcards as themselves, in title or text', async () => {
    await withDemands(3, 'Lift 加装电梯 100%_完成', async (tx, marker) => {
      const totalOf = async (q: string) => (await list(tx, { q, type: 'kindergarten', source: 'hotline' })).rows.filter((row) => row.title.startsWith(marker)).length;
      expect(await totalOf('电梯')).toBe(3);
      expect(await totalOf('梯')).toBe(3);
      expect(await totalOf('lIFT')).toBe(3);
      expect(await totalOf('%_')).toBe(3);
      expect(await totalOf('0%_完')).toBe(3);
      expect(await totalOf('_%')).toBe(0);
      expect(await totalOf('电 梯')).toBe(0);
      expect(await totalOf(`${marker.toUpperCase()} 2`)).toBe(1);
      expect(await totalOf('扶梯')).toBe(0);
    });
  });

  it('keeps each demand\'s characters and pairs in search_grams, updated with its text', async () => {
    await withDemands(1, 'Ab电梯', async (tx, marker) => {
      const gramsOf = async () => (await tx<{ grams: string[] }[]>`SELECT search_grams AS grams FROM demands WHERE title = ${`${marker} 1`}`)[0].grams;
      expect(await gramsOf()).toEqual(expect.arrayContaining(['a', 'b', '电', '梯', 'ab', 'b电', '电梯']));
      await tx`UPDATE demands SET text = '停车' WHERE title = ${`${marker} 1`}`;
      const grams = await gramsOf();
      expect(grams).toEqual(expect.arrayContaining(['停车']));
      expect(grams).not.toContain('电梯');
    });
  });
});
