import type { Hono } from 'hono';
import type { Role } from '../../core/accounts/roles.ts';
import type { AppEnv } from '../../server/app-env.ts';
import { TEST_PASSWORD } from '../setup/prepare-database.ts';

/** The demo account of each role, as the test database's set-up made them. */
export const DEMO_USERNAMES: Readonly<Record<Role, string>> = {
  admin: 'demo-admin',
  commission: 'demo-commission',
  planner: 'demo-planner',
  town: 'demo-town',
  inspector: 'demo-inspector',
};

/** Sign in through the API and return the Cookie header value of the session. */
export async function signIn(app: Hono<AppEnv>, username: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.request('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.get('Set-Cookie') ?? '';
  const token = /atlas_session=([^;]+)/.exec(cookie)?.[1];
  if (!token) throw new Error(`sign-in as ${username} set no session cookie`);
  return `atlas_session=${token}`;
}

/** Headers for a JSON request with a session (and, for writes, the version it was made on). */
export function sessionHeaders(cookie: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}), ...extra };
}
