import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from '../support/session.ts';
import { TEST_PASSWORD } from '../setup/prepare-database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

/** The Content-Security-Policy as directive → sources. */
function readPolicy(response: Response): Map<string, string[]> {
  const header = response.headers.get('Content-Security-Policy') ?? '';
  return new Map(
    header.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
      const [name, ...sources] = part.split(/\s+/);
      return [name.toLowerCase(), sources];
    }),
  );
}

/** What every response of the site carries, whatever its kind or status. */
function expectSecurityHeaders(response: Response) {
  const policy = readPolicy(response);
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  expect(scripts, 'script-src').toBeDefined();
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(response.headers.get('Referrer-Policy')).toBe('same-origin');
  expect(response.headers.get('X-Frame-Options')).toBe('DENY');
}

const KINDS: Array<[string, () => Response | Promise<Response>, number]> = [
  ['API JSON', () => app.request('/api/layers'), 200],
  ['a 404 error', () => app.request('/api/no-such-route'), 404],
  ['a 400 error', () => app.request('/api/analysis/coverage', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'not json' }), 400],
  ['a 401 error', () => app.request('/api/users'), 401],
  ['a vector tile', () => app.request('/tiles/kindergartens/12/3261/1718.mvt'), 200],
  ['TileJSON', () => app.request('/tiles/kindergartens.json'), 200],
  ['an OGC HTML page', () => app.request('/ogc/collections/kindergartens/items?f=html&limit=2'), 200],
  ['an OGC GeoJSON page', () => app.request('/ogc/collections/kindergartens/items?limit=2'), 200],
  ['a CSV export', () => app.request('/api/analysis/life-circle?format=csv'), 200],
];

describe('security headers', () => {
  it.each(KINDS)('are on %s', async (_, request, status) => {
    const response = await request();
    expect(response.status).toBe(status);
    expectSecurityHeaders(response);
  });

  it('are on the 503 answered while the server is still loading', async () => {
    const loading = createTestApp(sql, kind, { state: { phase: 'loading', reason: 'loading the demo dataset' } });
    const response = await loading.request('/api/layers');
    expect(response.status).toBe(503);
    expectSecurityHeaders(response);
  });

  it('are on an empty 204 answer', async () => {
    const cookie = await signIn(app, DEMO_USERNAMES.inspector);
    const response = await app.request('/api/session', { method: 'DELETE', headers: sessionHeaders(cookie) });
    expect(response.status).toBe(204);
    expectSecurityHeaders(response);
  });

  it('include HSTS only when the site is served over https', async () => {
    expect((await app.request('/api/health')).headers.get('Strict-Transport-Security')).toBeNull();
    const secure = createTestApp(sql, kind, { config: loadConfig({ PUBLIC_URL: 'https://atlas.example.org' }) });
    expect((await secure.request('/api/health')).headers.get('Strict-Transport-Security')).toMatch(/^max-age=\d+/);
  });
});

/** The Set-Cookie of a sign-in as attribute name (lower case) → value. */
async function signInCookie(target: typeof app) {
  const response = await target.request('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: DEMO_USERNAMES.commission, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return readCookieAttributes(response.headers.get('Set-Cookie') ?? '');
}

function readCookieAttributes(header: string): Map<string, string> {
  return new Map(header.split(';').slice(1).map((part) => {
    const [name, value = ''] = part.trim().split('=');
    return [name.toLowerCase(), value];
  }));
}

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax and for the whole site', async () => {
    const attributes = await signInCookie(app);
    expect(attributes.has('httponly')).toBe(true);
    expect(attributes.get('samesite')).toBe('Lax');
    expect(attributes.get('path')).toBe('/');
  });

  it('is not Secure when the site is plain http (it would never be sent back)', async () => {
    expect((await signInCookie(app)).has('secure')).toBe(false);
  });

  it('is Secure when PUBLIC_URL is https', async () => {
    const secure = createTestApp(sql, kind, { config: loadConfig({ PUBLIC_URL: 'https://atlas.example.org' }) });
    const attributes = await signInCookie(secure);
    expect(attributes.has('secure')).toBe(true);
    expect(attributes.has('httponly')).toBe(true);
    expect(attributes.get('samesite')).toBe('Lax');
  });

  it('is cleared on sign-out with the same attributes', async () => {
    const cookie = await signIn(app, DEMO_USERNAMES.commission);
    const response = await app.request('/api/session', { method: 'DELETE', headers: sessionHeaders(cookie) });
    const cleared = response.headers.get('Set-Cookie') ?? '';
    expect(cleared).toMatch(/^atlas_session=;/);
    const attributes = readCookieAttributes(cleared);
    expect(attributes.get('max-age')).toBe('0');
    expect(attributes.has('httponly')).toBe(true);
    expect(attributes.get('samesite')).toBe('Lax');
  });
});
