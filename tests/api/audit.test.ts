import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage } from '../../core/audit/audit-contract.ts';
import type { AppEnv } from '../../server/app-env.ts';
import { createAppServices } from '../../server/app-services.ts';
import { readActor } from '../../server/audit/audit-actor.ts';
import { loadConfig } from '../../server/config.ts';
import { identifyRequest } from '../../server/http/request-context.ts';
import { createLogger } from '../../server/log.ts';
import { ACCOUNT_PASSWORD, createTestAccount, postSignIn, readError, sessionCookieOf } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from '../support/session.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

describe('the audit_log table', () => {
  beforeAll(async () => {
    await sql`INSERT INTO audit_log (actor, actor_role, action, entity, entity_id, request_id) VALUES ('audit-trigger', 'admin', 'test', 'audit_trigger', '1', 'test')`;
  });

  it('is owned by the account the tests connect as (so the refusals below are not a missing grant)', async () => {
    const [row] = await sql`SELECT tableowner = current_user AS owner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_log'`;
    expect(row.owner).toBe(true);
  });

  it.each([
    ['UPDATE', `UPDATE audit_log SET action = 'rewritten' WHERE entity = 'audit_trigger'`],
    ['DELETE', `DELETE FROM audit_log WHERE entity = 'audit_trigger'`],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('refuses %s, even for its owner', async (operation, statement) => {
    const [before] = await sql`SELECT count(*)::int AS rows, md5(string_agg(a::text, ',' ORDER BY id)) AS digest FROM audit_log a`;
    await expect(sql.unsafe(statement)).rejects.toMatchObject({ code: '42501', message: `audit_log is append-only: ${operation} refused` });
    const [after] = await sql`SELECT count(*)::int AS rows, md5(string_agg(a::text, ',' ORDER BY id)) AS digest FROM audit_log a`;
    expect(after).toEqual(before);
  });
});

describe('signing in and out', () => {
  it('writes a sign_in row naming the user and the request', async () => {
    const user = await createTestAccount(sql, 'audit-sign-in', 'planner');
    const response = await postSignIn(app, { username: 'audit-sign-in', password: ACCOUNT_PASSWORD }, '192.0.2.150');
    expect(response.status).toBe(200);
    const rows = await sql`SELECT actor_user_id, actor, actor_role, action, entity, entity_id, before, after, request_id FROM audit_log WHERE entity = 'session' AND entity_id = 'audit-sign-in'`;
    expect(rows).toEqual([
      { actor_user_id: user.id, actor: 'audit-sign-in', actor_role: 'planner', action: 'sign_in', entity: 'session', entity_id: 'audit-sign-in', before: null, after: null, request_id: response.headers.get('X-Request-Id') },
    ]);
  });

  it('writes a sign_out row when a session ends', async () => {
    await createTestAccount(sql, 'audit-sign-out');
    const cookie = sessionCookieOf(await postSignIn(app, { username: 'audit-sign-out', password: ACCOUNT_PASSWORD }, '192.0.2.151'));
    expect((await app.request('/api/session', { method: 'DELETE', headers: sessionHeaders(cookie) })).status).toBe(204);
    const rows = await sql`SELECT action FROM audit_log WHERE entity = 'session' AND entity_id = 'audit-sign-out' ORDER BY id`;
    expect(rows.map((row) => row.action)).toEqual(['sign_in', 'sign_out']);
  });

  it('writes nothing for a failed sign-in', async () => {
    await createTestAccount(sql, 'audit-failed');
    await postSignIn(app, { username: 'audit-failed', password: 'not-the-password' }, '192.0.2.152');
    expect(await sql`SELECT 1 FROM audit_log WHERE entity_id = 'audit-failed'`).toEqual([]);
    await sql`DELETE FROM sign_in_failures WHERE username = 'audit-failed'`;
  });
});

describe('GET /api/audit', () => {
  let inspector = '';
  /** Rows of the test's own entities, in the year 2001 so no other test's rows fall in their window. */
  const ROWS = [
    { at: '2001-01-01T00:00:00Z', entity: 'audit_test', id: '1', actor: 'audit-tester-a' },
    { at: '2001-01-02T00:00:00Z', entity: 'audit_test', id: '2', actor: 'audit-tester-b' },
    { at: '2001-01-03T00:00:00Z', entity: 'audit_test', id: '1', actor: 'audit-tester-b' },
    { at: '2001-01-04T00:00:00Z', entity: 'audit_test:other', id: '1', actor: 'audit-tester-a' },
  ];
  const ids: number[] = [];

  beforeAll(async () => {
    inspector = await signIn(app, DEMO_USERNAMES.inspector);
    for (const row of ROWS) {
      const [{ id }] = await sql<{ id: number }[]>`
        INSERT INTO audit_log (at, actor, actor_role, action, entity, entity_id, after, request_id)
        VALUES (${row.at}, ${row.actor}, 'inspector', 'test', ${row.entity}, ${row.id}, ${sql.json({ n: ids.length })}, 'audit-test') RETURNING id`;
      ids.push(id);
    }
  });

  async function readPage(query: string, cookie = inspector): Promise<AuditPage> {
    const response = await app.request(`/api/audit?${query}`, { headers: sessionHeaders(cookie) });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as AuditPage;
  }
  /** Which of the test's rows (by position in ROWS) a page holds, in its order. */
  const rowsOf = (items: AuditEntry[]) => items.map((item) => ids.indexOf(item.id));

  it('filters by entity, newest first', async () => {
    const page = await readPage('entity=audit_test');
    expect(rowsOf(page.items)).toEqual([2, 1, 0]);
    expect(page.total).toBe(3);
  });

  it('filters by entity and id', async () => {
    expect(rowsOf((await readPage('entity=audit_test&id=1')).items)).toEqual([2, 0]);
  });

  it('filters by actor', async () => {
    expect(rowsOf((await readPage('actor=audit-tester-a')).items)).toEqual([3, 0]);
  });

  it('filters by time: since inclusive, until exclusive, dates or instants', async () => {
    expect(rowsOf((await readPage('actor=audit-tester-b&since=2001-01-02&until=2001-01-03')).items)).toEqual([1]);
    expect(rowsOf((await readPage(`entity=audit_test&since=${encodeURIComponent('2001-01-02T08:00:00+08:00')}`)).items)).toEqual([2, 1]);
  });

  it('returns each entry in full', async () => {
    const [entry] = (await readPage('entity=audit_test:other')).items;
    expect(entry).toEqual({
      id: ids[3], at: '2001-01-04T00:00:00.000Z', actor: 'audit-tester-a', actorRole: 'inspector', action: 'test',
      entity: 'audit_test:other', entityId: '1', before: null, after: { n: 3 }, requestId: 'audit-test',
    });
  });

  it('pages with limit and offset, with the total on every page', async () => {
    const first = await readPage('entity=audit_test&limit=2');
    const second = await readPage('entity=audit_test&limit=2&offset=2');
    const beyond = await readPage('entity=audit_test&limit=2&offset=5');
    expect([rowsOf(first.items), rowsOf(second.items), rowsOf(beyond.items)]).toEqual([[2, 1], [0], []]);
    expect([first.total, second.total, beyond.total]).toEqual([3, 3, 3]);
    expect([first.limit, first.offset, second.offset]).toEqual([2, 0, 2]);
  });

  it.each([
    ['an unknown parameter', 'entity=audit_test&colour=red'],
    ['a repeated parameter', 'entity=audit_test&entity=user'],
    ['a limit of 0', 'limit=0'],
    ['a limit above 500', 'limit=501'],
    ['a negative offset', 'offset=-1'],
    ['an unreadable time', 'since=yesterday'],
    ['an entity that is not a name', `entity=${encodeURIComponent("user' OR 1=1 --")}`],
  ])('answers %s with 400', async (_, query) => {
    const response = await app.request(`/api/audit?${query}`, { headers: sessionHeaders(inspector) });
    expect(response.status).toBe(400);
    expect(await readError(response)).toMatchObject({ code: 'invalid_query', message: expect.any(String) });
  });

  it('is 401 without a session', async () => {
    const response = await app.request('/api/audit');
    expect(response.status).toBe(401);
    expect((await readError(response)).code).toBe('sign_in_required');
  });

  it.each(['commission', 'planner', 'town'] as const)('is 403 for a %s', async (role) => {
    const response = await app.request('/api/audit', { headers: sessionHeaders(await signIn(app, DEMO_USERNAMES[role])) });
    expect(response.status).toBe(403);
    expect((await readError(response)).code).toBe('role_not_allowed');
  });

  it('is open to an administrator', async () => {
    expect((await readPage('entity=audit_test', await signIn(app, DEMO_USERNAMES.admin))).total).toBe(3);
  });
});

describe('a public actor', () => {
  /** The request's actor as the audit trail would record it, through the server's own middleware. */
  const actorApp = new Hono<AppEnv>();
  const log = createLogger('silent');
  const deps = { config: loadConfig({}), sql, state: { phase: 'ready' as const, database: kind }, log, services: createAppServices(sql, log) };
  actorApp.use('*', async (context, next) => {
    context.set('deps', deps);
    await next();
  });
  actorApp.use('*', identifyRequest);
  actorApp.get('/actor', async (context) => context.json(await readActor(context)));
  afterAll(() => deps.services.close());
  const actorAt = async (address: string) =>
    (await (await actorApp.request('/actor', {}, { incoming: { socket: { remoteAddress: address } } })).json()) as { userId: number | null; name: string; role: string };

  it('is public:<hash> of the address, with no user', async () => {
    expect(await actorAt('198.51.100.200')).toMatchObject({ userId: null, name: expect.stringMatching(/^public:[0-9a-f]{16}$/), role: 'public' });
  });

  it('is the same for the same address', async () => {
    expect((await actorAt('198.51.100.201')).name).toBe((await actorAt('198.51.100.201')).name);
  });

  it('differs between addresses', async () => {
    expect((await actorAt('198.51.100.202')).name).not.toBe((await actorAt('198.51.100.203')).name);
  });

  it('is salted with the site’s own secret, so the bare address hash does not reveal it', async () => {
    const [{ value: salt }] = await sql<{ value: string }[]>`SELECT value FROM site_secrets WHERE name = 'address_salt'`;
    const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
    const { name } = await actorAt('198.51.100.204');
    expect(name).toBe(`public:${hashOf(`${salt}:198.51.100.204`)}`);
    expect(name).not.toBe(`public:${hashOf('198.51.100.204')}`);
  });
});
