import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashSessionToken } from '../../server/accounts/session-token.ts';
import { ACCOUNT_PASSWORD, createTestAccount, postSignIn, sessionCookieOf, snapshotAccounts } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from '../support/session.ts';

/**
 * Bad input and abuse on the account routes: every refusal is a 4xx in the one error shape, and
 * no account, session or audit row changes.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const ADDRESS = '192.0.2.200';

let admin = '';
beforeAll(async () => {
  admin = await signIn(app, DEMO_USERNAMES.admin);
  await createTestAccount(sql, 'input-target');
});
afterEach(async () => {
  await sql`DELETE FROM sign_in_failures WHERE address = ${ADDRESS}`;
});

const INJECTIONS = [
  "admin' OR '1'='1",
  "x'; DROP TABLE users; --",
  '<script>alert(document.cookie)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '\u0000nul',
];

interface Attempt {
  method: string;
  path: string;
  body?: string | ReadableStream;
  headers?: Record<string, string>;
  /** A Cookie header, or 'admin' for the administrator's session (signed in before the tests run). */
  cookie?: string;
}

async function send(attempt: Attempt) {
  const headers = sessionHeaders(attempt.cookie === 'admin' ? admin : attempt.cookie, attempt.headers);
  const init = { method: attempt.method, headers, body: attempt.body, duplex: 'half' } as RequestInit;
  return app.request(new Request(`http://localhost${attempt.path}`, init), undefined, { incoming: { socket: { remoteAddress: ADDRESS } } });
}

/** A refused request: a 4xx in the standard shape, nothing echoed raw, and nothing changed. */
async function expectRefused(attempt: Attempt, status?: number) {
  const before = await snapshotAccounts(sql);
  const response = await send(attempt);
  const text = await response.text();
  if (status) expect(response.status, text).toBe(status);
  expect(response.status, text).toBeGreaterThanOrEqual(400);
  expect(response.status, text).toBeLessThan(500);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) });
  expect(text).not.toMatch(/<script|<img/);
  expect(response.headers.get('Set-Cookie') ?? '').not.toMatch(/atlas_session=[A-Za-z0-9_-]/);
  expect(await snapshotAccounts(sql)).toEqual(before);
  return body.error;
}

const json = (value: unknown) => JSON.stringify(value);
const user = (fields: Record<string, unknown>) => json({ username: 'input-new', displayName: '输入测试', role: 'inspector', password: 'a-long-enough-password', ...fields });
const asAdmin = (method: string, path: string, body?: string, headers?: Record<string, string>): Attempt => ({ method, path, body, headers, cookie: 'admin' });

describe('malformed and unexpected bodies', () => {
  it.each([
    ['sign-in', { method: 'POST', path: '/api/session' }],
    ['a new account', asAdmin('POST', '/api/users')],
    ['an account change', asAdmin('PATCH', '/api/users/input-target', undefined, { 'If-Match': '"v1"' })],
  ])('%s that is not JSON is 400 invalid_json', async (_, attempt) => {
    expect((await expectRefused({ ...attempt, body: '{"username": "demo-admin", ' }, 400)).code).toBe('invalid_json');
  });

  it.each([
    ['sign-in', { method: 'POST', path: '/api/session', body: json({ username: 'input-target', password: ACCOUNT_PASSWORD, remember: true }) }],
    ['a new account', asAdmin('POST', '/api/users', user({ isSuperuser: true }))],
    ['an account change', asAdmin('PATCH', '/api/users/input-target', json({ passwordHash: 'x' }), { 'If-Match': '"v1"' })],
    ['a new account with __proto__', asAdmin('POST', '/api/users', '{"username":"input-proto","displayName":"x","role":"inspector","password":"a-long-enough-password","__proto__":{"role":"admin"}}')],
  ])('%s with an unknown field is 400 invalid_request', async (_, attempt) => {
    expect((await expectRefused(attempt, 400)).code).toBe('invalid_request');
  });

  it.each([
    ['an array', '[]'],
    ['a number', '42'],
    ['null', 'null'],
    ['a username that is a number', json({ username: 42, password: 'whatever-password' })],
    ['a password that is an object', json({ username: 'input-target', password: { $ne: '' } })],
    ['an empty body', ''],
    ['deeply nested arrays', `${'['.repeat(2000)}${']'.repeat(2000)}`],
  ])('sign-in with %s is 400', async (_, body) => {
    await expectRefused({ method: 'POST', path: '/api/session', body }, 400);
  });

  it('sign-in with a body of 1 MB is refused', async () => {
    await expectRefused({ method: 'POST', path: '/api/session', body: json({ username: 'input-target', password: 'x'.repeat(1 << 20) }) });
  });

  it('a new account with a body of 1 MB is refused', async () => {
    await expectRefused(asAdmin('POST', '/api/users', user({ displayName: '名'.repeat(1 << 19) })));
  });

  it('a body that never ends is refused once it passes the limit, without reading it all', async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        controller.enqueue(new TextEncoder().encode(sent === 1 ? '{"username":"input-target","password":"' : 'x'.repeat(64 * 1024)));
      },
    });
    expect((await expectRefused({ method: 'POST', path: '/api/session', body: endless }, 400)).code).toBe('body_too_large');
    expect(sent).toBeLessThan(64);
  });
});

describe('injection in every string', () => {
  it.each(INJECTIONS)('as a sign-in username (%s) opens nothing', async (text) => {
    await expectRefused({ method: 'POST', path: '/api/session', body: json({ username: text, password: 'whatever-password' }) });
  });

  it.each(INJECTIONS)('as a sign-in password (%s) opens nothing', async (text) => {
    await expectRefused({ method: 'POST', path: '/api/session', body: json({ username: 'input-target', password: text.padEnd(10, '!') }) });
  });

  it.each(INJECTIONS)('as a new username (%s) is 400', async (text) => {
    await expectRefused(asAdmin('POST', '/api/users', user({ username: text })), 400);
  });

  it.each(INJECTIONS)('as a role (%s) is 400', async (text) => {
    await expectRefused(asAdmin('POST', '/api/users', user({ role: text })), 400);
  });

  it.each(INJECTIONS)('as a town (%s) is 400', async (text) => {
    await expectRefused(asAdmin('POST', '/api/users', user({ role: 'town', town: text })), 400);
  });

  it.each(INJECTIONS)('as a community (%s) is 400', async (text) => {
    await expectRefused(asAdmin('POST', '/api/users', user({ role: 'planner', communities: [text] })), 400);
  });

  it.each(INJECTIONS)('in an account’s address (%s) is 404', async (text) => {
    await expectRefused(asAdmin('PATCH', `/api/users/${encodeURIComponent(text)}`, json({ disabled: true }), { 'If-Match': '"v1"' }), 404);
    await expectRefused(asAdmin('GET', `/api/users/${encodeURIComponent(text)}`), 404);
  });

  it.each(INJECTIONS)('as an If-Match (%s) is 400', async (text) => {
    await expectRefused(asAdmin('PATCH', '/api/users/input-target', json({ disabled: true }), { 'If-Match': text.replace('\u0000', '') }), 400);
  });

  it.each(INJECTIONS)('as an audit filter (%s) is read as plain text', async (text) => {
    const response = await send(asAdmin('GET', `/api/audit?actor=${encodeURIComponent(text)}`));
    if (text.includes('\u0000')) {
      expect(response.status).toBe(400);
    } else {
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ total: 0, items: [] });
    }
  });

  it.each(['\u0000', '\u001b[31m', '\n'])('a display name with a control character (%j) is 400', async (control) => {
    await expectRefused(asAdmin('POST', '/api/users', user({ username: 'input-control', displayName: `名${control}字` })), 400);
  });

  it('as a display name is kept verbatim as text, and served only as JSON', async () => {
    const name = "<script>alert(1)</script>'; DROP TABLE users; --";
    const response = await send(asAdmin('POST', '/api/users', user({ username: 'input-verbatim', displayName: name })));
    expect(response.status).toBe(201);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect((await response.json()).displayName).toBe(name);
    expect(await sql`SELECT display_name FROM users WHERE username = 'input-verbatim'`).toEqual([{ display_name: name }]);
  });
});

describe('cookies that open no session', () => {
  it('an expired session is 401 and cannot act', async () => {
    await createTestAccount(sql, 'input-expired', 'admin');
    const cookie = sessionCookieOf(await postSignIn(app, { username: 'input-expired', password: ACCOUNT_PASSWORD }, ADDRESS));
    const token = cookie.split('=')[1];
    await sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = ${hashSessionToken(token)}`;
    expect((await expectRefused({ method: 'GET', path: '/api/session', cookie }, 401)).code).toBe('no_session');
    expect((await expectRefused({ method: 'POST', path: '/api/users', body: user({ username: 'input-by-expired' }), cookie }, 401)).code).toBe('sign_in_required');
  });

  it.each([
    ['a forged token', 'atlas_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a token too long', `atlas_session=${'A'.repeat(4000)}`],
    ['a token with SQL in it', `atlas_session=${encodeURIComponent("' OR 1=1 --")}`],
    ['an empty token', 'atlas_session='],
    ['two session cookies', 'atlas_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; atlas_session=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'],
  ])('%s is no session: 401 for an administrator’s write', async (_, cookie) => {
    expect((await expectRefused({ method: 'POST', path: '/api/users', body: user({ username: 'input-by-forger' }), cookie }, 401)).code).toBe('sign_in_required');
  });

  it('a session’s stored hash used as a cookie opens nothing (a copy of the table is no key)', async () => {
    const cookie = sessionCookieOf(await postSignIn(app, { username: 'input-target', password: ACCOUNT_PASSWORD }, ADDRESS));
    const stored = hashSessionToken(cookie.split('=')[1]);
    expect((await expectRefused({ method: 'GET', path: '/api/session', cookie: `atlas_session=${stored}` }, 401)).code).toBe('no_session');
  });
});
