import type { Queryable, Sql } from '../db/client.ts';
import { tooManyRequests } from '../errors.ts';

/**
 * Guessing passwords is slowed, then refused. Failures are kept in the database, so every API
 * process counts the same ones. Limits per username protect an account from a spread-out
 * attack; limits per address stop one client trying many accounts.
 */
export const THROTTLE = {
  windowMinutes: 15,
  /** From this many recent failures on, each attempt waits a little longer before it is checked. */
  slowAfter: 3,
  stepMs: 400,
  maxDelayMs: 3_000,
  refuseUsernameAt: 10,
  refuseAddressAt: 30,
} as const;

interface FailureCounts {
  byUsername: number;
  byAddress: number;
  /** Seconds until the oldest counted failure of the refused key leaves the window. */
  usernameRetryS: number;
  addressRetryS: number;
}

async function countFailures(sql: Queryable, username: string, address: string): Promise<FailureCounts> {
  // Retry-After: when the failure that keeps the count at the limit ages out of the window.
  const [row] = await sql<FailureCounts[]>`
    WITH recent AS (
      SELECT username, address, at FROM sign_in_failures
      WHERE at > now() - make_interval(mins => ${THROTTLE.windowMinutes}) AND (username = ${username} OR address = ${address})
    ), by_user AS (
      SELECT at, row_number() OVER (ORDER BY at DESC) AS rank FROM recent WHERE username = ${username}
    ), by_address AS (
      SELECT at, row_number() OVER (ORDER BY at DESC) AS rank FROM recent WHERE address = ${address}
    )
    SELECT
      (SELECT count(*)::int FROM by_user) AS "byUsername",
      (SELECT count(*)::int FROM by_address) AS "byAddress",
      coalesce((SELECT ceil(extract(epoch FROM at + make_interval(mins => ${THROTTLE.windowMinutes}) - now()))::int FROM by_user WHERE rank = ${THROTTLE.refuseUsernameAt}), 0) AS "usernameRetryS",
      coalesce((SELECT ceil(extract(epoch FROM at + make_interval(mins => ${THROTTLE.windowMinutes}) - now()))::int FROM by_address WHERE rank = ${THROTTLE.refuseAddressAt}), 0) AS "addressRetryS"`;
  return row;
}

/**
 * Before a sign-in is checked: refuse (429 with Retry-After) when either limit is reached;
 * otherwise record the attempt, as a failure until it succeeds, and wait in proportion to the
 * failures beyond the free few. Count and record happen under a lock per username and per
 * address, so attempts sent all at once count each other: a count taken while others are still
 * being checked would let a whole burst through.
 */
export async function throttleSignIn(sql: Sql, username: string, address: string): Promise<void> {
  const counts = await sql.begin(async (tx) => {
    // Always the username's lock first, then the address's: no two attempts wait for each other in a circle.
    await tx`SELECT pg_advisory_xact_lock(1, hashtext(${username}))`;
    await tx`SELECT pg_advisory_xact_lock(2, hashtext(${address}))`;
    const found = await countFailures(tx, username, address);
    if (found.byUsername < THROTTLE.refuseUsernameAt && found.byAddress < THROTTLE.refuseAddressAt) {
      await tx`
        WITH pruned AS (DELETE FROM sign_in_failures WHERE at < now() - make_interval(mins => ${THROTTLE.windowMinutes * 4}))
        INSERT INTO sign_in_failures (username, address) VALUES (${username}, ${address})`;
    }
    return found;
  });
  const refusedFor = Math.max(
    counts.byUsername >= THROTTLE.refuseUsernameAt ? counts.usernameRetryS : 0,
    counts.byAddress >= THROTTLE.refuseAddressAt ? counts.addressRetryS : 0,
  );
  if (refusedFor > 0) {
    throw tooManyRequests('too_many_attempts', `too many failed sign-ins; try again in ${Math.ceil(refusedFor / 60)} minute(s)`, refusedFor);
  }
  const beyond = Math.max(counts.byUsername, counts.byAddress / 3) - THROTTLE.slowAfter + 1;
  if (beyond > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(THROTTLE.maxDelayMs, beyond * THROTTLE.stepMs)));
}

/**
 * A right password clears the account's count, this attempt's record included (the address's
 * failures for other usernames stay: they still guard those accounts).
 */
export async function clearSignInFailures(sql: Queryable, username: string): Promise<void> {
  await sql`DELETE FROM sign_in_failures WHERE username = ${username}`;
}
