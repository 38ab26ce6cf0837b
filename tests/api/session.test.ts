import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from '../support/session.ts';
import { TEST_PASSWORD } from '../setup/prepare-database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

const post = (body: unknown, headers: Record<string, string> = {}) =>
  app.request('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('sessions', () => {
  it('signs in with the right password: the user, and an HttpOnly SameSite=Lax cookie', async () => {
    const response = await post({ username: 'demo-town', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const body = await response.json();
    const [town] = await sql<{ code: string }[]>`SELECT code FROM towns WHERE name = '南坪街道'`;
    expect(body).toEqual({ user: { username: 'demo-town', displayName: expect.any(String), role: 'town', town: town.code, communities: [] } });
    const cookie = response.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^atlas_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('answers an unknown user and a wrong password with the same 401', async () => {
    const unknown = await post({ username: 'nobody-here', password: 'whatever-password' });
    const wrong = await post({ username: 'demo-inspector', password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect(unknown.headers.get('Set-Cookie')).toBeNull();
  });

  it('knows who is signed in, and forgets them on sign-out', async () => {
    const cookie = await signIn(app, DEMO_USERNAMES.planner);
    const me = await app.request('/api/session', { headers: sessionHeaders(cookie) });
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ username: 'demo-planner', role: 'planner', town: null, communities: [expect.any(String), expect.any(String)] });
    const out = await app.request('/api/session', { method: 'DELETE', headers: sessionHeaders(cookie) });
    expect(out.status).toBe(204);
    expect((await app.request('/api/session', { headers: sessionHeaders(cookie) })).status).toBe(401);
  });

  it('treats a forged cookie as no session', async () => {
    const response = await app.request('/api/session', { headers: sessionHeaders('atlas_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA') });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('no_session');
  });
});
