import { DEMAND_LIMITS } from '../../core/demands/demand-contract.ts';
import type { Queryable } from '../db/client.ts';
import { tooManyRequests } from '../errors.ts';

/**
 * Public submissions are limited per address (DEMAND_LIMITS.publicPerHour an hour). The count
 * lives in the database, so every API process applies the same one; a transaction-scoped
 * advisory lock per address makes "count, then record" one step, so two requests at once cannot
 * both take the last place. The address is the audit trail's salted pseudonym, never the address.
 */
const WINDOW_MINUTES = 60;
/** Rows are kept this long (a day), then deleted as new submissions come. */
const KEEP_MINUTES = 24 * 60;

/** Refuse (429 with Retry-After) when the address has used its hour; call inside the write's transaction. */
export async function checkSubmissionLimit(tx: Queryable, address: string): Promise<void> {
  // Sent together (one round trip): the count runs after the lock is held, with a snapshot taken
  // then, so it sees a submission another request recorded under the lock.
  const [, [row]] = await Promise.all([
    tx`SELECT pg_advisory_xact_lock(hashtext(${`demand-submissions:${address}`}))`,
    // Retry-After: when the oldest of the latest `limit` submissions leaves the window.
    tx<{ recent: number; retry_s: number | null }[]>`
      SELECT count(*)::int AS recent, ceil(extract(epoch FROM min(at) + make_interval(mins => ${WINDOW_MINUTES}) - now()))::int AS retry_s
      FROM (
        SELECT at FROM demand_submissions
        WHERE address = ${address} AND at > now() - make_interval(mins => ${WINDOW_MINUTES})
        ORDER BY at DESC LIMIT ${DEMAND_LIMITS.publicPerHour}
      ) AS recent`,
  ]);
  if (row.recent >= DEMAND_LIMITS.publicPerHour) {
    const retryAfter = Math.max(1, row.retry_s ?? WINDOW_MINUTES * 60);
    throw tooManyRequests(
      'too_many_submissions',
      `at most ${DEMAND_LIMITS.publicPerHour} demands an hour may be submitted from one address; try again in ${Math.ceil(retryAfter / 60)} minute(s)`,
      retryAfter,
    );
  }
}

export async function recordSubmission(tx: Queryable, address: string): Promise<void> {
  await tx`
    WITH pruned AS (DELETE FROM demand_submissions WHERE at < now() - make_interval(mins => ${KEEP_MINUTES}))
    INSERT INTO demand_submissions (address) VALUES (${address})`;
}
