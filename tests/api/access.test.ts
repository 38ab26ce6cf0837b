import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../core/accounts/roles.ts';
import { ACCESS_TABLE, type AccessRule } from '../../server/access/access-table.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from '../support/session.ts';

/**
 * Every route of the app × every role and the public, against the one access table
 * (server/access/access-table.ts): a route without a row, or a row without a route, fails here.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

const routeKeys = [...new Set(app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`))].sort();

/**
 * Routes whose own answer to the public is a 401 (not the access check's): asking who is signed
 * in without a session. Their error code tells the two apart.
 */
const ANSWERS_401_ITSELF: Readonly<Record<string, string>> = { 'GET /api/session': 'no_session' };

let communityCode = '';
beforeAll(async () => {
  [{ code: communityCode }] = await sql<{ code: string }[]>`SELECT code FROM communities ORDER BY code LIMIT 1`;
});

/**
 * A plausible value for each path parameter. Writes name records that do not exist (or send no
 * If-Match), so walking the table changes nothing.
 */
function fillPath(route: string): string {
  const [, path] = route.split(' ');
  const values: Record<string, string> = {
    name: path.includes(':z') ? 'kindergartens' : 'kindergartens.json',
    z: '12',
    x: '3261',
    file: '1718.mvt',
    collectionId: 'kindergartens',
    featureId: '1',
    code: communityCode,
    id: path.startsWith('/api/analysis/siting') ? '00000000-0000-4000-8000-000000000000' : '999999999',
    layer: 'kindergartens',
    target: 'kindergartens',
    username: 'demo-town',
    year: '2026',
  };
  return path.replace(/:([A-Za-z]+)/g, (_, parameter: string) => {
    if (!(parameter in values)) throw new Error(`no test value for :${parameter} in ${route}: add one to fillPath`);
    return values[parameter];
  });
}

const cookies = new Map<Role, string>();
async function cookieOf(role: Role): Promise<string> {
  if (!cookies.has(role)) cookies.set(role, await signIn(app, DEMO_USERNAMES[role]));
  return cookies.get(role)!;
}

async function callRoute(route: string, principal: Role | 'public') {
  const [method] = route.split(' ');
  const cookie = principal === 'public' ? undefined : await cookieOf(principal);
  const body = method === 'POST' || method === 'PATCH' ? '{}' : undefined;
  const response = await app.request(fillPath(route), { method, headers: sessionHeaders(cookie), body });
  // Signing out ends the session this walk reuses: the next call of this role signs in again.
  if (route === 'DELETE /api/session' && principal !== 'public') cookies.delete(principal);
  const text = await response.text();
  const code = response.headers.get('Content-Type')?.includes('json') && text ? (JSON.parse(text) as { error?: { code?: string } }).error?.code : undefined;
  return { status: response.status, code };
}

function expectAllowed(route: string, rule: AccessRule, principal: Role | 'public', answer: { status: number; code?: string }) {
  const context = `${route} as ${principal} answered ${answer.status} ${answer.code ?? ''}`;
  if (rule.allow === 'public' || rule.allow.includes(principal as Role)) {
    expect(answer.status, context).not.toBe(403);
    if (answer.status === 401) expect(answer.code, context).toBe(ANSWERS_401_ITSELF[route]);
  } else if (principal === 'public') {
    expect(answer, context).toEqual({ status: 401, code: 'sign_in_required' });
  } else {
    expect(answer, context).toEqual({ status: 403, code: 'role_not_allowed' });
  }
}

describe('the access table', () => {
  it('has a row for every route of the app', () => {
    expect(routeKeys.filter((route) => !(route in ACCESS_TABLE))).toEqual([]);
  });

  it('names only routes the app has', () => {
    expect(Object.keys(ACCESS_TABLE).filter((route) => !routeKeys.includes(route))).toEqual([]);
  });

  it('has a route to walk (the app lists its routes)', () => {
    expect(routeKeys.length).toBeGreaterThan(20);
  });
});

describe.each(routeKeys)('%s', (route) => {
  it.each(['public', ...ROLES] as const)('as %s', async (principal) => {
    const rule = ACCESS_TABLE[route];
    expect(rule, `${route} has no row in server/access/access-table.ts`).toBeDefined();
    expectAllowed(route, rule, principal, await callRoute(route, principal));
  });
});
