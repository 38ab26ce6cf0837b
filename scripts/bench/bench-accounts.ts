/** Accounts the account benchmarks sign in with, made on the bench database like any other. */
import type { Role } from '../../core/accounts/roles.ts';
import { hashPassword } from '../../server/accounts/password.ts';
import { insertUser } from '../../server/accounts/user-sql.ts';
import type { Sql } from '../../server/db/client.ts';

/** Known to the benchmarks only; the bench database is a throw-away or one kept for benchmarks. */
export const BENCH_PASSWORD = 'bench-account-password';

/**
 * These accounts exist, enabled, with this role and BENCH_PASSWORD (a database kept between
 * runs already has them), and no failed sign-in counts against them. One hash serves them all:
 * hashing is not what is measured here.
 */
export async function ensureBenchAccounts(sql: Sql, usernames: readonly string[], role: Role): Promise<void> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  for (const username of usernames) {
    const made = await insertUser(sql, { username, displayName: `基准 · ${username}`, role, town: null, communities: [], passwordHash });
    if (!made) {
      await sql`UPDATE users SET role = ${role}, town_code = NULL, communities = '{}', disabled = false, password_hash = ${passwordHash} WHERE username = ${username}`;
    }
  }
  // An earlier run stopped mid-sign-in leaves its attempts counted as failures: start from none.
  await sql`DELETE FROM sign_in_failures WHERE username = ANY(${usernames as string[]}::text[])`;
}

/** Sign in over HTTP; the session cookie, as a Cookie header value. */
export async function signInOver(origin: string, username: string): Promise<string> {
  const response = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username} answered ${response.status}: ${await response.text()}`);
  const cookie = /atlas_session=[^;]+/.exec(response.headers.get('Set-Cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`sign-in as ${username} set no session cookie`);
  return cookie;
}
