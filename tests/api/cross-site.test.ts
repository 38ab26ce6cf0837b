import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createTestAccount, readError, snapshotAccounts } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from '../support/session.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
/** In-process requests go to http://localhost; that is this site's own origin here. */
const OWN_ORIGIN = 'http://localhost';
const OTHER_SITE = 'https://elsewhere.example';

let admin = '';
beforeAll(async () => {
  admin = await signIn(app, DEMO_USERNAMES.admin);
  await createTestAccount(sql, 'xsite-target');
});

const newUser = (username: string) => JSON.stringify({ username, displayName: '跨站测试', role: 'inspector', password: 'a-long-enough-password' });

/** A refused write: 403 cross_site_request, and no account, session or audit row changed. */
async function expectCrossSiteRefusal(request: () => Response | Promise<Response>) {
  const before = await snapshotAccounts(sql);
  const response = await request();
  expect(response.status).toBe(403);
  expect(await readError(response)).toMatchObject({ code: 'cross_site_request', message: expect.any(String) });
  expect(await snapshotAccounts(sql)).toEqual(before);
}

describe('a signed-in write from another site', () => {
  it('POST is refused and creates nothing', async () => {
    await expectCrossSiteRefusal(() => app.request('/api/users', { method: 'POST', headers: sessionHeaders(admin, { Origin: OTHER_SITE }), body: newUser('xsite-post') }));
  });

  it('PATCH is refused and changes nothing', async () => {
    await expectCrossSiteRefusal(() =>
      app.request('/api/users/xsite-target', { method: 'PATCH', headers: sessionHeaders(admin, { Origin: OTHER_SITE, 'If-Match': '"v1"' }), body: JSON.stringify({ disabled: true }) }),
    );
  });

  it('DELETE is refused and the session lives on', async () => {
    await expectCrossSiteRefusal(() => app.request('/api/session', { method: 'DELETE', headers: sessionHeaders(admin, { Origin: OTHER_SITE }) }));
    expect((await app.request('/api/session', { headers: sessionHeaders(admin) })).status).toBe(200);
  });

  it('is refused when the Origin is "null" (a sandboxed frame or a file)', async () => {
    await expectCrossSiteRefusal(() => app.request('/api/users', { method: 'POST', headers: sessionHeaders(admin, { Origin: 'null' }), body: newUser('xsite-null') }));
  });

  it('is refused by its Referer when the browser sends no Origin', async () => {
    await expectCrossSiteRefusal(() => app.request('/api/users', { method: 'POST', headers: sessionHeaders(admin, { Referer: `${OTHER_SITE}/page` }), body: newUser('xsite-referer') }));
  });

  it('is refused from a sibling origin (another port of the same host)', async () => {
    await expectCrossSiteRefusal(() => app.request('/api/users', { method: 'POST', headers: sessionHeaders(admin, { Origin: 'http://localhost:8081' }), body: newUser('xsite-port') }));
  });
});

describe('a signed-in write from this site', () => {
  it('with its own Origin goes through', async () => {
    const response = await app.request('/api/users', { method: 'POST', headers: sessionHeaders(admin, { Origin: OWN_ORIGIN }), body: newUser('xsite-same-origin') });
    expect(response.status).toBe(201);
  });

  it('with its own page as Referer goes through', async () => {
    const response = await app.request('/api/users', { method: 'POST', headers: sessionHeaders(admin, { Referer: `${OWN_ORIGIN}/map?layers=kindergartens` }), body: newUser('xsite-same-referer') });
    expect(response.status).toBe(201);
  });

  it('from PUBLIC_URL goes through when the server sees another host (behind a proxy)', async () => {
    const proxied = createTestApp(sql, kind, { config: loadConfig({ PUBLIC_URL: 'https://atlas.example.org' }) });
    const response = await proxied.request('/api/users', { method: 'POST', headers: sessionHeaders(admin, { Origin: 'https://atlas.example.org' }), body: newUser('xsite-public-url') });
    expect(response.status).toBe(201);
  });
});

describe('requests the check leaves alone', () => {
  it('a write without a session cookie (the public’s) is not checked', async () => {
    const response = await app.request('/api/analysis/coverage', { method: 'POST', headers: sessionHeaders(undefined, { Origin: OTHER_SITE }), body: '{}' });
    expect(response.status).toBe(400);
    expect((await readError(response)).code).not.toBe('cross_site_request');
  });

  it('a signed-in read from another site is not refused', async () => {
    const response = await app.request('/api/users', { headers: sessionHeaders(admin, { Origin: OTHER_SITE }) });
    expect(response.status).toBe(200);
  });
});
