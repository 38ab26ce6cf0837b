import { beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../core/accounts/account-contract.ts';
import { ACCOUNT_PASSWORD, createTestAccount, postSignIn, readError, sessionCookieOf, snapshotAccounts } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from '../support/session.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

let admin = '';
let town = { code: '' };
let communities: string[] = [];
/** Every answer of this file, so a test can look for password hashes in the ones it caused. */
const answers: string[] = [];

beforeAll(async () => {
  admin = await signIn(app, DEMO_USERNAMES.admin);
  [town] = await sql<{ code: string }[]>`SELECT code FROM towns ORDER BY code LIMIT 1`;
  communities = (await sql<{ code: string }[]>`SELECT code FROM communities WHERE town_code = ${town.code} ORDER BY code LIMIT 2`).map((row) => row.code);
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, cookie = admin) {
  const response = await app.request(path, { method, headers: sessionHeaders(cookie, headers), body: body === undefined ? undefined : JSON.stringify(body) });
  answers.push(`${[...response.headers].join('\n')}\n${await response.clone().text()}`);
  return response;
}

const create = (body: Record<string, unknown>, cookie = admin) => call('POST', '/api/users', { displayName: '测试用户', role: 'inspector', password: 'a-long-enough-password', ...body }, {}, cookie);
const patch = (username: string, body: unknown, version?: number | string) =>
  call('PATCH', `/api/users/${username}`, body, version === undefined ? {} : { 'If-Match': typeof version === 'number' ? `"v${version}"` : version });

/** A refused write: its status and code, and no account, session or audit row changed. */
async function expectRefused(request: () => Promise<Response>, status: number, code: string) {
  const before = await snapshotAccounts(sql);
  const response = await request();
  expect(response.status).toBe(status);
  expect(await readError(response)).toMatchObject({ code, message: expect.any(String) });
  expect(await snapshotAccounts(sql)).toEqual(before);
}

describe('an administrator creating an account', () => {
  it('gets 201 with the account, its ETag and Location, and writes one audit row', async () => {
    const response = await create({ username: 'users-new', displayName: '新用户', role: 'commission' });
    expect(response.status).toBe(201);
    const user = (await response.json()) as UserRecord;
    expect(user).toMatchObject({ username: 'users-new', displayName: '新用户', role: 'commission', town: null, communities: [], disabled: false, demo: false, version: 1 });
    expect(response.headers.get('ETag')).toBe('"v1"');
    expect(response.headers.get('Location')).toBe('/api/users/users-new');
    const trail = await sql`SELECT actor, action, before, after FROM audit_log WHERE entity = 'user' AND entity_id = 'users-new'`;
    expect(trail).toEqual([{ actor: DEMO_USERNAMES.admin, action: 'create', before: null, after: expect.objectContaining({ username: 'users-new', role: 'commission', version: 1 }) }]);
  });

  it('makes an account that can sign in with its password', async () => {
    await create({ username: 'users-signs-in', password: 'the-new-password' });
    expect((await postSignIn(app, { username: 'users-signs-in', password: 'the-new-password' }, '192.0.2.160')).status).toBe(200);
  });

  it('is refused a taken username with 409', async () => {
    await create({ username: 'users-taken' });
    await expectRefused(() => create({ username: 'users-taken', role: 'admin' }), 409, 'username_taken');
  });

  it('is refused a password under 10 characters', async () => {
    await expectRefused(() => create({ username: 'users-short', password: 'nine-char' }), 400, 'invalid_request');
  });

  it.each([
    ['a username with capitals', { username: 'Users-Caps' }],
    ['a username of two characters', { username: 'ab' }],
    ['an unknown role', { username: 'users-role', role: 'mayor' }],
    ['an empty display name', { username: 'users-noname', displayName: '   ' }],
    ['an unknown field', { username: 'users-extra', isAdmin: true }],
  ])('is refused %s with 400', async (_, body) => {
    await expectRefused(() => create(body), 400, 'invalid_request');
  });
});

describe('the scope of an account', () => {
  it('a town office needs its town', async () => {
    await expectRefused(() => create({ username: 'users-town-none', role: 'town' }), 400, 'town_required');
  });

  it('a town office needs a town that exists', async () => {
    await expectRefused(() => create({ username: 'users-town-fake', role: 'town', town: '500108999' }), 400, 'unknown_place');
  });

  it('a town office with a real town is made', async () => {
    const response = await create({ username: 'users-town', role: 'town', town: town.code });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ role: 'town', town: town.code, communities: [] });
  });

  it('a planner needs communities', async () => {
    await expectRefused(() => create({ username: 'users-planner-none', role: 'planner' }), 400, 'communities_required');
  });

  it('a planner needs communities that exist', async () => {
    await expectRefused(() => create({ username: 'users-planner-fake', role: 'planner', communities: [communities[0], 'no-such-community'] }), 400, 'unknown_place');
  });

  it('a planner with real communities is made (each named once)', async () => {
    const response = await create({ username: 'users-planner', role: 'planner', communities: [...communities, communities[0]] });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ role: 'planner', town: null, communities });
  });

  it('other roles take no town', async () => {
    await expectRefused(() => create({ username: 'users-inspector-town', role: 'inspector', town: town.code }), 400, 'town_not_allowed');
  });

  it('other roles take no communities', async () => {
    await expectRefused(() => create({ username: 'users-commission-comm', role: 'commission', communities }), 400, 'communities_not_allowed');
  });

  it('a change of role drops the old role’s scope', async () => {
    const made = (await (await create({ username: 'users-moves', role: 'town', town: town.code })).json()) as UserRecord;
    const response = await patch('users-moves', { role: 'inspector' }, made.version);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ role: 'inspector', town: null, communities: [] });
  });
});

describe('an administrator changing an account', () => {
  it('needs If-Match (428), and nothing changes without it', async () => {
    await createTestAccount(sql, 'users-if-match');
    await expectRefused(() => patch('users-if-match', { displayName: '改名' }), 428, 'if_match_required');
  });

  it('is refused an If-Match that is not one of ours (400)', async () => {
    await createTestAccount(sql, 'users-weak-tag');
    await expectRefused(() => patch('users-weak-tag', { displayName: '改名' }, 'W/"v1"'), 400, 'invalid_if_match');
  });

  it('on the current version: 200, the new version and ETag, and an audit row with before and after', async () => {
    await createTestAccount(sql, 'users-rename');
    const response = await patch('users-rename', { displayName: '新名字' }, 1);
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toBe('"v2"');
    expect(await response.json()).toMatchObject({ displayName: '新名字', version: 2 });
    const [row] = await sql`SELECT action, before, after FROM audit_log WHERE entity = 'user' AND entity_id = 'users-rename'`;
    expect(row).toMatchObject({ action: 'update', before: { displayName: '测试 · users-rename', version: 1 }, after: { displayName: '新名字', version: 2 } });
  });

  it('by two editors on the same version: the first wins, the second gets 409 with the account as it is now', async () => {
    await createTestAccount(sql, 'users-two-editors');
    const current = await call('GET', '/api/users/users-two-editors');
    const version = Number(/"v(\d+)"/.exec(current.headers.get('ETag') ?? '')?.[1]);
    expect((await patch('users-two-editors', { displayName: '第一位' }, version)).status).toBe(200);
    const before = await snapshotAccounts(sql);
    const second = await patch('users-two-editors', { displayName: '第二位' }, version);
    expect(second.status).toBe(409);
    expect(await readError(second)).toMatchObject({ code: 'version_conflict', details: { version: version + 1, current: { displayName: '第一位' } } });
    expect(await snapshotAccounts(sql)).toEqual(before);
  });

  it('that does not exist is 404', async () => {
    await expectRefused(() => patch('users-nobody', { displayName: '谁' }, 1), 404, 'unknown_user');
  });

  it('cannot disable their own account', async () => {
    const [{ version }] = await sql<{ version: number }[]>`SELECT version FROM users WHERE username = ${DEMO_USERNAMES.admin}`;
    await expectRefused(() => patch(DEMO_USERNAMES.admin, { disabled: true }, version), 400, 'cannot_demote_self');
  });

  it('is refused a new password under 10 characters', async () => {
    await createTestAccount(sql, 'users-short-new');
    await expectRefused(() => patch('users-short-new', { password: 'too-short' }, 1), 400, 'invalid_request');
  });

  it('is refused to anyone but an administrator', async () => {
    await createTestAccount(sql, 'users-not-yours');
    const commission = await signIn(app, DEMO_USERNAMES.commission);
    await expectRefused(() => call('PATCH', '/api/users/users-not-yours', { disabled: true }, { 'If-Match': '"v1"' }, commission), 403, 'role_not_allowed');
    await expectRefused(() => create({ username: 'users-by-commission' }, commission), 403, 'role_not_allowed');
  });
});

describe('sessions of a changed account', () => {
  async function signedIn(username: string) {
    await createTestAccount(sql, username);
    return sessionCookieOf(await postSignIn(app, { username, password: ACCOUNT_PASSWORD }, '192.0.2.161'));
  }
  const sessionStatus = async (cookie: string) => (await app.request('/api/session', { headers: sessionHeaders(cookie) })).status;

  it('end at once when the account is disabled, and it cannot sign in again', async () => {
    const cookie = await signedIn('users-disabled');
    expect(await sessionStatus(cookie)).toBe(200);
    expect((await patch('users-disabled', { disabled: true }, 1)).status).toBe(200);
    expect(await sessionStatus(cookie)).toBe(401);
    expect(await sql`SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'users-disabled'`).toEqual([]);
    expect((await postSignIn(app, { username: 'users-disabled', password: ACCOUNT_PASSWORD }, '192.0.2.161')).status).toBe(401);
    await sql`DELETE FROM sign_in_failures WHERE username = 'users-disabled'`;
  });

  it('end when its password changes', async () => {
    const cookie = await signedIn('users-new-password');
    expect((await patch('users-new-password', { password: 'another-long-password' }, 1)).status).toBe(200);
    expect(await sessionStatus(cookie)).toBe(401);
  });

  it('end when its role changes', async () => {
    const cookie = await signedIn('users-new-role');
    expect((await patch('users-new-role', { role: 'commission' }, 1)).status).toBe(200);
    expect(await sessionStatus(cookie)).toBe(401);
  });

  it('go on when only the display name changes', async () => {
    const cookie = await signedIn('users-new-name');
    expect((await patch('users-new-name', { displayName: '只改名字' }, 1)).status).toBe(200);
    expect(await sessionStatus(cookie)).toBe(200);
  });
});

describe('password hashes', () => {
  it('appear in no answer of the accounts API and in no audit row', async () => {
    const first = answers.length;
    await create({ username: 'users-hash', password: 'hash-test-password' });
    await create({ username: 'users-hash', password: 'hash-test-password' }); // 409
    await create({ username: 'users-hash-short', password: 'short' }); // 400
    expect((await patch('users-hash', { password: 'hash-test-password-2' }, 1)).status).toBe(200);
    expect((await patch('users-hash', { disabled: true }, 2)).status).toBe(200);
    await patch('users-hash', { displayName: '过期' }, 1); // 409 with the account as it is
    await call('GET', '/api/users');
    await call('GET', '/api/users/users-hash');
    const seen = answers.slice(first);
    const hashes = (await sql<{ password_hash: string }[]>`SELECT password_hash FROM users`).map((row) => row.password_hash);
    const trail = (await sql<{ row: string }[]>`SELECT a::text AS row FROM audit_log a`).map((row) => row.row);
    for (const text of [...seen, ...trail]) {
      expect(text).not.toMatch(/\$argon2/);
      expect(text).not.toMatch(/password_?hash/i);
      expect(text).not.toContain('hash-test-password');
      for (const hash of hashes) expect(text).not.toContain(hash.slice(-22));
    }
    expect(seen).toHaveLength(8);
  });
});
