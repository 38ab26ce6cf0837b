import type { Hono } from 'hono';
import type { Role } from '../../core/accounts/roles.ts';
import type { UserRecord } from '../../core/accounts/account-contract.ts';
import { hashPassword } from '../../server/accounts/password.ts';
import { insertUser } from '../../server/accounts/user-sql.ts';
import type { Sql } from '../../server/db/client.ts';

type App = { request: Hono['request'] };

/** The password of every account a test makes with `createTestAccount`. */
export const ACCOUNT_PASSWORD = 'account-test-password';

/**
 * An account made through the server's own code (as `npm run user:add` does), for tests that
 * must not disturb the demo accounts other files sign in with. Town and planner accounts get
 * a real town or community.
 */
export async function createTestAccount(sql: Sql, username: string, role: Role = 'inspector', password = ACCOUNT_PASSWORD): Promise<UserRecord> {
  const [place] = await sql<{ town: string; community: string }[]>`SELECT town_code AS town, code AS community FROM communities ORDER BY code LIMIT 1`;
  const user = await insertUser(sql, {
    username,
    displayName: `测试 · ${username}`,
    role,
    town: role === 'town' ? place.town : null,
    communities: role === 'planner' ? [place.community] : [],
    passwordHash: await hashPassword(password),
  });
  if (!user) throw new Error(`the test account ${username} exists already`);
  return user;
}

/** A sign-in attempt as a client at `address` (the socket's address, as @hono/node-server gives it). */
export function postSignIn(app: App, body: unknown, address: string, headers: Record<string, string> = {}) {
  return app.request(
    '/api/session',
    { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: address } } },
  );
}

/** The session cookie a sign-in response set, as a Cookie header value. */
export function sessionCookieOf(response: Response): string {
  const token = /atlas_session=([^;]+)/.exec(response.headers.get('Set-Cookie') ?? '')?.[1];
  if (!token) throw new Error(`no session cookie in the answer (${response.status})`);
  return `atlas_session=${token}`;
}

/**
 * What an account write could change: every account row, every live session and the length of
 * the trail. Equal snapshots before and after a refused request mean it changed nothing. (Expired
 * sessions are left out: any sign-in sweeps them away in the background, at a moment of its own.)
 */
export async function snapshotAccounts(sql: Sql) {
  const [state] = await sql<{ users: string; sessions: string; audit: number; lastAudit: number }[]>`
    SELECT (SELECT coalesce(md5(string_agg(u::text, ',' ORDER BY u.id)), '') FROM users u) AS users,
           (SELECT coalesce(md5(string_agg(s.token_hash || s.user_id, ',' ORDER BY s.token_hash)), '') FROM sessions s WHERE s.expires_at > now()) AS sessions,
           (SELECT count(*)::int FROM audit_log) AS audit,
           (SELECT coalesce(max(id), 0)::int FROM audit_log) AS "lastAudit"`;
  return state;
}

/** The standard error shape every refusal has. */
export async function readError(response: Response): Promise<{ code: string; message: string; details?: unknown }> {
  const body = (await response.json()) as { error: { code: string; message: string; details?: unknown } };
  return body.error;
}
