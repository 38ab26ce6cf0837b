import type postgres from 'postgres';
import type { Sql } from './client.ts';

/** The one connection a pipelined transaction runs on. */
export type PipelinedSql = postgres.ReservedSql;

/** Sends COMMIT right behind the given statements and answers their results once all are in. */
export type CommitWith = <Results extends readonly unknown[]>(statements: { [K in keyof Results]: PromiseLike<Results[K]> }) => Promise<Results>;

/**
 * A write transaction two round trips shorter than postgres.js's `sql.begin`, for a hot path:
 * BEGIN travels with the first statements and COMMIT with the last ones, where `begin` waits for
 * BEGIN's answer before the first statement and for the last statement's answer before COMMIT.
 * Each round trip is a socket write and a wake-up of the backend; on a busy machine those are
 * much of a small write's cost (public submissions: 5 round trips → 3).
 *
 * `body` gets the transaction's connection and `commitWith`. Pass `commitWith` statements that
 * are already on their way: pending postgres.js queries (it starts them, in order), or calls of
 * helpers whose first step is their statement (`await tx\`…\`` before any other await). A
 * statement that left later would run after COMMIT, outside the transaction.
 *
 * All or nothing, as with `begin`: if a statement fails, PostgreSQL turns the COMMIT into a
 * rollback and `commitWith` rejects with that statement's error; if `body` throws before calling
 * `commitWith`, the transaction is rolled back. On the embedded database (one connection, no
 * prepared statements) postgres.js does not pipeline; the statements then simply go one by one.
 */
export async function pipelinedTransaction<T>(sql: Sql, body: (tx: PipelinedSql, commitWith: CommitWith) => Promise<T>): Promise<T> {
  const tx = await sql.reserve();
  let ended = false;
  // Not awaited: it goes out with the body's first statements. It only fails with the
  // connection, and then so does every statement after it.
  const begun = tx`BEGIN`.execute();
  begun.catch(() => {});
  const commitWith: CommitWith = async (statements) => {
    for (const statement of statements) (statement as { execute?: () => unknown }).execute?.();
    const commit = tx`COMMIT`.execute();
    ended = true;
    const settled = await Promise.allSettled([begun, ...statements, commit]);
    const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    // A COMMIT in a transaction that failed is answered ROLLBACK, without an error.
    const committed = (settled.at(-1) as PromiseFulfilledResult<{ command: string }>).value.command;
    if (committed !== 'COMMIT') throw new Error(`the transaction ended in ${committed}, not COMMIT`);
    return settled.slice(1, -1).map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as never;
  };
  try {
    return await body(tx, commitWith);
  } catch (error) {
    if (!ended) await tx`ROLLBACK`.catch(() => {});
    throw error;
  } finally {
    tx.release();
  }
}
