import { afterAll, describe, expect, it } from 'vitest';
import type { DemandTypeList, DemandTypeRecord } from '../../core/demands/demand-type-contract.ts';
import { DEFAULT_DEMAND_TYPES } from '../../core/demands/demand-types.ts';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { demandAt, useDemands } from '../support/demands.ts';
import { sessionHeaders } from '../support/session.ts';

/** The sub-type table: everyone reads it, the commission and the administrator keep it. */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { cookies, places, submit, expectRefused } = useDemands(app, sql);

const added: string[] = [];
// Runs before the kit's own clean-up: the demands filed under the test's types go first.
afterAll(async () => {
  if (added.length === 0) return;
  await sql`DELETE FROM demand_supports WHERE demand_id IN (SELECT id FROM demands WHERE type IN ${sql(added)})`;
  await sql`DELETE FROM demands WHERE type IN ${sql(added)}`;
  await sql`DELETE FROM demand_types WHERE id IN ${sql(added)}`;
});

const send = (method: string, path: string, cookie: string | undefined, body?: unknown, version?: number) =>
  app.request(path, {
    method,
    headers: sessionHeaders(cookie, version === undefined ? {} : { 'If-Match': formatEntityTag(version) }),
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

async function listTypes(): Promise<DemandTypeRecord[]> {
  const response = await app.request('/api/demand-types');
  expect(response.status).toBe(200);
  return ((await response.json()) as DemandTypeList).items;
}

describe('reading the types', () => {
  it('gives the public every type in order, the defaults first, each with its version', async () => {
    const types = await listTypes();
    const defaults = types.filter((type) => DEFAULT_DEMAND_TYPES.some((known) => known.id === type.id));
    expect(defaults.map(({ id, optimization, title }) => ({ id, optimization, title }))).toEqual(DEFAULT_DEMAND_TYPES.map(({ id, optimization, title }) => ({ id, optimization, title })));
    for (const type of types) expect(type).toMatchObject({ sort: expect.any(Number), active: expect.any(Boolean), version: expect.any(Number) });
  });
});

describe('adding a type', () => {
  it.each(['commission', 'admin'] as const)('%s adds one after the last (201, ETag, audited), and residents may file under it', async (role) => {
    const id = `test_type_${role}`;
    const response = await send('POST', '/api/demand-types', cookies[role], { id, optimization: 4, title: { zh: '早餐店', en: 'Breakfast shop' } });
    expect(response.status).toBe(201);
    added.push(id);
    const created = (await response.json()) as DemandTypeRecord;
    const last = Math.max(...(await listTypes()).filter((type) => type.id !== id).map((type) => type.sort));
    expect(created).toEqual({ id, optimization: 4, title: { zh: '早餐店', en: 'Breakfast shop' }, sort: expect.any(Number), active: true, version: 1 });
    expect(created.sort).toBeGreaterThan(last - 1);
    expect(response.headers.get('ETag')).toBe('"v1"');
    const [audit] = await sql<{ actor: string; action: string }[]>`SELECT actor, action FROM audit_log WHERE entity = 'demand_type' AND entity_id = ${id}`;
    expect(audit).toEqual({ actor: `demo-${role}`, action: 'create' });
    await submit(demandAt(places().home, { optimization: 4, type: id }));
  });

  it('refuses an id that exists (409) or is not snake_case (400), changing nothing', async () => {
    await expectRefused(() => send('POST', '/api/demand-types', cookies.admin, { id: 'parking', optimization: 1, title: { zh: '停车', en: 'Parking' } }), 409, 'type_exists');
    await expectRefused(() => send('POST', '/api/demand-types', cookies.admin, { id: 'Bad Id', optimization: 1, title: { zh: '停车', en: 'Parking' } }), 400, 'invalid_request');
    await expectRefused(() => send('POST', '/api/demand-types', cookies.admin, { id: 'no_title', optimization: 1, title: { zh: ' ', en: 'x' } }), 400, 'invalid_request');
    await expectRefused(() => send('POST', '/api/demand-types', cookies.admin, { id: 'nul_title', optimization: 1, title: { zh: 'a\u0000', en: 'x' } }), 400, 'invalid_request');
    await expectRefused(() => send('POST', '/api/demand-types', cookies.admin, { id: 'huge_title', optimization: 1, title: { zh: '长'.repeat(100_000), en: 'x' } }), 400, 'body_too_large');
  });

  it.each(['planner', 'town', 'inspector'] as const)('refuses %s (403) and the public (401), changing nothing', async (role) => {
    const body = { id: 'not_allowed', optimization: 1, title: { zh: '不行', en: 'No' } };
    await expectRefused(() => send('POST', '/api/demand-types', cookies[role], body), 403, 'role_not_allowed');
    await expectRefused(() => send('POST', '/api/demand-types', undefined, body), 401, 'sign_in_required');
    await expectRefused(() => send('PATCH', '/api/demand-types/parking', cookies[role], { sort: 1 }, 1), 403, 'role_not_allowed');
  });
});

describe('changing a type', () => {
  it('retitles and retires one with If-Match; a retired type keeps its demands but takes no new ones', async () => {
    const id = 'test_type_retired';
    added.push(id);
    expect((await send('POST', '/api/demand-types', cookies.commission, { id, optimization: 5, title: { zh: '临时', en: 'Temporary' }, sort: 5 })).status).toBe(201);
    const retitled = await send('PATCH', `/api/demand-types/${id}`, cookies.commission, { title: { en: 'Pop-up' }, active: false }, 1);
    expect(retitled.status).toBe(200);
    expect(await retitled.json()).toEqual({ id, optimization: 5, title: { zh: '临时', en: 'Pop-up' }, sort: 5, active: false, version: 2 });
    expect(retitled.headers.get('ETag')).toBe('"v2"');
    await expectRefused(() => app.request('/api/demands', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(demandAt(places().home, { optimization: 5, type: id })) }), 400, 'type_retired');
  });

  it('needs If-Match (428), refuses a stale one (409 with the type as it is), and an unknown type (404)', async () => {
    const [parking] = (await listTypes()).filter((type) => type.id === 'parking');
    await expectRefused(() => send('PATCH', '/api/demand-types/parking', cookies.admin, { sort: 31 }), 428, 'if_match_required');
    const { error } = await expectRefused(() => send('PATCH', '/api/demand-types/parking', cookies.admin, { sort: 31 }, parking.version + 1), 409, 'version_conflict');
    expect(error.details).toMatchObject({ version: parking.version, current: parking });
    await expectRefused(() => send('PATCH', '/api/demand-types/no_such_type', cookies.admin, { sort: 1 }, 1), 404, 'unknown_type');
    await expectRefused(() => send('PATCH', '/api/demand-types/parking', cookies.admin, {}, parking.version), 400, 'invalid_request');
  });

  it('refuses to move a type in use to another optimization (409), and moves an unused one', async () => {
    const parking = (await listTypes()).find((type) => type.id === 'parking')!;
    await submit(demandAt(places().home, { optimization: 1, type: 'parking' }));
    await expectRefused(() => send('PATCH', '/api/demand-types/parking', cookies.admin, { optimization: 7 }, parking.version), 409, 'type_in_use');
    const id = 'test_type_moved';
    added.push(id);
    expect((await send('POST', '/api/demand-types', cookies.admin, { id, optimization: 6, title: { zh: '移动', en: 'Moved' } })).status).toBe(201);
    const moved = await send('PATCH', `/api/demand-types/${id}`, cookies.admin, { optimization: 7 }, 1);
    expect(moved.status).toBe(200);
    expect((await moved.json()).optimization).toBe(7);
  });
});
