import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelinedTransaction } from '../../server/db/pipelined-transaction.ts';
import { useTestDatabase } from '../support/database.ts';

/**
 * The hot path's transaction (BEGIN and COMMIT sent with the statements around them) is all or
 * nothing, as sql.begin is, on both databases. A scratch table of its own keeps the demo data out.
 */
const { sql } = useTestDatabase();
const rows = async () => (await sql<{ n: number }[]>`SELECT n FROM pipelined_scratch ORDER BY n`).map((row) => row.n);

beforeAll(async () => {
  await sql`CREATE TABLE IF NOT EXISTS pipelined_scratch (n integer PRIMARY KEY)`;
});
afterAll(async () => {
  await sql`DROP TABLE IF EXISTS pipelined_scratch`;
});

describe('pipelinedTransaction', () => {
  it('commits every statement, and answers the results of those sent with COMMIT', async () => {
    await sql`TRUNCATE pipelined_scratch`;
    const answer = await pipelinedTransaction(sql, async (tx, commitWith) => {
      const [first] = await Promise.all([tx<{ n: number }[]>`INSERT INTO pipelined_scratch VALUES (1) RETURNING n`, tx`INSERT INTO pipelined_scratch VALUES (2)`]);
      const [last] = await commitWith([tx<{ n: number }[]>`INSERT INTO pipelined_scratch VALUES (3) RETURNING n`]);
      return [first[0]!.n, last[0]!.n];
    });
    expect(answer).toEqual([1, 3]);
    expect(await rows()).toEqual([1, 2, 3]);
  });

  it('keeps nothing when a statement sent with COMMIT fails, and rejects with its error', async () => {
    await sql`TRUNCATE pipelined_scratch`;
    const attempt = pipelinedTransaction(sql, async (tx, commitWith) => {
      await tx`INSERT INTO pipelined_scratch VALUES (1)`;
      // The primary key refuses the second 1: the COMMIT behind it becomes a rollback.
      return commitWith([tx`INSERT INTO pipelined_scratch VALUES (2)`, tx`INSERT INTO pipelined_scratch VALUES (1)`]);
    });
    await expect(attempt).rejects.toMatchObject({ code: '23505' });
    expect(await rows()).toEqual([]);
  });

  it('rolls back when the body throws before committing, even with statements still on their way', async () => {
    await sql`TRUNCATE pipelined_scratch`;
    const attempt = pipelinedTransaction(sql, async (tx) => {
      void tx`INSERT INTO pipelined_scratch VALUES (7)`.execute();
      await tx`INSERT INTO pipelined_scratch VALUES (8)`;
      throw new Error('refused by a rule');
    });
    await expect(attempt).rejects.toThrow('refused by a rule');
    expect(await rows()).toEqual([]);
  });

  it('runs more transactions at once than the pool has connections, each whole', async () => {
    await sql`TRUNCATE pipelined_scratch`;
    const many = Array.from({ length: 40 }, (_, index) =>
      pipelinedTransaction(sql, async (tx, commitWith) => {
        await tx`INSERT INTO pipelined_scratch VALUES (${index * 2})`;
        await commitWith([tx`INSERT INTO pipelined_scratch VALUES (${index * 2 + 1})`]);
      }),
    );
    await Promise.all(many);
    expect(await rows()).toEqual(Array.from({ length: 80 }, (_, index) => index));
  });
});
