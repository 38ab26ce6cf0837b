import { describe, expect, it } from 'vitest';
import type { FeatureRecord } from '../../core/layers/feature-contract.ts';
import { hashSessionToken } from '../../server/accounts/session-token.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { pointInCommunity, snapshotLayer, useFeatureEditing } from '../support/features.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/** Facility features edited through the API: who may, what is kept of it, and edits that collide. */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { features, cookies, add, kindergartenAt, expectRefused } = useFeatureEditing(app, sql);

describe('who may edit facility features', () => {
  it.each(['commission', 'admin'] as const)('%s adds a kindergarten: 201 with its id, derived properties, version, ETag and Location', async (role) => {
    const place = await pointInCommunity(sql);
    const response = await features.create('kindergartens', { type: 'Feature', geometry: { type: 'Point', coordinates: [place.lon, place.lat] }, properties: { name: `新园（${role}）`, seats: 270, ownership: 'inclusive' } }, cookies[role]);
    const feature = await add('kindergartens', response);
    expect(feature).toMatchObject({
      type: 'Feature', id: expect.any(Number), layer: 'kindergartens', version: 1,
      properties: { name: `新园（${role}）`, seats: 270, ownership: 'inclusive', community_code: place.code, town_code: place.town_code, demo: false },
    });
    expect(feature.geometry.type).toBe('Point');
    expect(feature.geometry.coordinates[0]).toBeCloseTo(place.lon, 6);
    expect(feature.geometry.coordinates[1]).toBeCloseTo(place.lat, 6);
    expect(response.headers.get('ETag')).toBe('"v1"');
    expect(response.headers.get('Location')).toBe(`/api/layers/kindergartens/features/${feature.id}`);
    const read = await features.read('kindergartens', feature.id);
    expect(read.status).toBe(200);
    expect(read.headers.get('ETag')).toBe('"v1"');
    expect(await read.json()).toEqual(feature);
  });

  it.each(['planner', 'town', 'inspector'] as const)('%s may not add, change or delete one (403), and nothing changes', async (role) => {
    const place = await pointInCommunity(sql);
    const mine = await kindergartenAt(place.lon, place.lat);
    const body = { type: 'Feature', geometry: { type: 'Point', coordinates: [place.lon, place.lat] }, properties: { name: 'x' } };
    const error = await expectRefused('kindergartens', () => features.create('kindergartens', body, cookies[role]), 403, 'role_not_allowed');
    expect(error.details).toMatchObject({ role, allowed: ['commission', 'admin'] });
    await expectRefused('kindergartens', () => features.patch('kindergartens', mine.id, { properties: { seats: 1 } }, cookies[role], 1), 403, 'role_not_allowed');
    await expectRefused('kindergartens', () => features.remove('kindergartens', mine.id, cookies[role], 1), 403, 'role_not_allowed');
  });

  it('refuses the public (401), and an expired or forged session is no session', async () => {
    const place = await pointInCommunity(sql);
    const mine = await kindergartenAt(place.lon, place.lat);
    const body = { type: 'Feature', geometry: { type: 'Point', coordinates: [place.lon, place.lat] }, properties: { name: 'x' } };
    await expectRefused('kindergartens', () => features.create('kindergartens', body, undefined), 401, 'sign_in_required');
    await expectRefused('kindergartens', () => features.patch('kindergartens', mine.id, { properties: { seats: 1 } }, undefined, 1), 401, 'sign_in_required');
    await expectRefused('kindergartens', () => features.remove('kindergartens', mine.id, undefined, 1), 401, 'sign_in_required');
    const forged = 'atlas_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    await expectRefused('kindergartens', () => features.create('kindergartens', body, forged), 401, 'sign_in_required');
    const expired = await signIn(app, DEMO_USERNAMES.commission);
    await sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = ${hashSessionToken(expired.split('=')[1])}`;
    await expectRefused('kindergartens', () => features.create('kindergartens', body, expired), 401, 'sign_in_required');
    await expectRefused('kindergartens', () => features.remove('kindergartens', mine.id, expired, 1), 401, 'sign_in_required');
  });

  it('refuses a signed-in write from another site', async () => {
    const place = await pointInCommunity(sql);
    const body = { type: 'Feature', geometry: { type: 'Point', coordinates: [place.lon, place.lat] }, properties: { name: 'x' } };
    await expectRefused('kindergartens', () => features.create('kindergartens', body, cookies.commission, { Origin: 'https://evil.example' }), 403, 'cross_site_request');
  });

  it('lets anyone read a feature, and staff read its history', async () => {
    const place = await pointInCommunity(sql);
    const mine = await kindergartenAt(place.lon, place.lat);
    expect((await features.read('kindergartens', mine.id)).status).toBe(200);
    expect((await features.history('kindergartens', mine.id, undefined)).status).toBe(401);
    for (const role of ['planner', 'town', 'inspector', 'commission', 'admin'] as const) {
      expect((await features.history('kindergartens', mine.id, cookies[role])).status, role).toBe(200);
    }
  });
});

describe('the audit trail', () => {
  it('keeps exactly one row per write, in order, with the actor, the action and the feature before and after', async () => {
    const place = await pointInCommunity(sql, 3);
    const [{ audit: start }] = await sql<{ audit: number }[]>`SELECT count(*)::int AS audit FROM audit_log`;
    const createResponse = await features.create('kindergartens', { type: 'Feature', geometry: { type: 'Point', coordinates: [place.lon, place.lat] }, properties: { name: '留痕园' } }, cookies.commission);
    const created = await add('kindergartens', createResponse);
    const [{ audit: afterCreate }] = await sql<{ audit: number }[]>`SELECT count(*)::int AS audit FROM audit_log`;
    expect(afterCreate).toBe(start + 1);
    const [row] = await sql<{ actor: string; actor_role: string; action: string; entity: string; entity_id: string; before: unknown; after: unknown; request_id: string }[]>`
      SELECT actor, actor_role, action, entity, entity_id, before, after, request_id FROM audit_log ORDER BY id DESC LIMIT 1`;
    expect(row).toEqual({
      actor: 'demo-commission', actor_role: 'commission', action: 'create', entity: 'feature:kindergartens', entity_id: String(created.id),
      before: null, after: created, request_id: createResponse.headers.get('X-Request-Id'),
    });
    const updated = (await (await features.patch('kindergartens', created.id, { properties: { seats: 90 } }, cookies.admin, 1)).json()) as FeatureRecord;
    expect((await features.remove('kindergartens', created.id, cookies.commission, updated.version)).status).toBe(204);
    const history = await (await features.history('kindergartens', created.id, cookies.inspector)).json();
    expect(history.total).toBe(3);
    expect(history.items.map((entry: { action: string; actor: string }) => [entry.action, entry.actor])).toEqual([
      ['delete', 'demo-commission'], ['update', 'demo-admin'], ['create', 'demo-commission'],
    ]);
    expect(history.items[1]).toMatchObject({ before: created, after: updated });
    expect(history.items[0]).toMatchObject({ before: updated, after: null });
    // The history of a deleted feature is kept; a feature that never was has none.
    expect((await features.history('kindergartens', 2_000_000_000, cookies.admin)).status).toBe(404);
  });
});

describe('changing and deleting', () => {
  it('moves a feature and changes its properties, with a new version and ETag; null clears an optional one', async () => {
    const here = await pointInCommunity(sql, 2);
    const there = await pointInCommunity(sql, 60);
    const created = await kindergartenAt(here.lon, here.lat, { seats: 180, ownership: 'public' });
    const response = await features.patch('kindergartens', created.id, { geometry: { type: 'Point', coordinates: [there.lon, there.lat] }, properties: { seats: 240, ownership: null } }, cookies.commission, 1);
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toBe('"v2"');
    const moved = (await response.json()) as FeatureRecord;
    expect(moved).toMatchObject({ id: created.id, version: 2, properties: { name: '测试幼儿园', seats: 240, ownership: null, community_code: there.code, town_code: there.town_code, demo: false } });
    expect(moved.geometry.coordinates).toEqual([expect.closeTo(there.lon, 6), expect.closeTo(there.lat, 6)]);
    expect(await (await features.read('kindergartens', created.id)).json()).toEqual(moved);
  });

  it('needs If-Match (428), a readable one (400), and a change (400); refuses a move outside the district', async () => {
    const place = await pointInCommunity(sql, 4);
    const created = await kindergartenAt(place.lon, place.lat);
    await expectRefused('kindergartens', () => features.patch('kindergartens', created.id, { properties: { seats: 10 } }, cookies.commission), 428, 'if_match_required');
    await expectRefused('kindergartens', () => features.remove('kindergartens', created.id, cookies.commission), 428, 'if_match_required');
    const weak = async () => app.request(`/api/layers/kindergartens/features/${created.id}`, { method: 'PATCH', headers: { Cookie: cookies.commission, 'Content-Type': 'application/json', 'If-Match': 'W/"v1"' }, body: JSON.stringify({ properties: { seats: 10 } }) });
    await expectRefused('kindergartens', weak, 400, 'invalid_if_match');
    await expectRefused('kindergartens', () => features.patch('kindergartens', created.id, {}, cookies.commission, 1), 400, 'invalid_request');
    await expectRefused('kindergartens', () => features.patch('kindergartens', created.id, { properties: { name: null } }, cookies.commission, 1), 400, 'invalid_request');
    await expectRefused('kindergartens', () => features.patch('kindergartens', created.id, { properties: { town_code: 'x' } }, cookies.commission, 1), 400, 'invalid_request');
    await expectRefused('kindergartens', () => features.patch('kindergartens', created.id, { geometry: { type: 'Point', coordinates: [100, 20] } }, cookies.commission, 1), 400, 'outside_district');
    await expectRefused('kindergartens', () => features.patch('kindergartens', 2_000_000_000, { properties: { seats: 1 } }, cookies.commission, 1), 404, 'unknown_feature');
    await expectRefused('kindergartens', () => features.remove('kindergartens', 2_000_000_000, cookies.commission, 1), 404, 'unknown_feature');
  });

  it('two editors read version 1: the first edit wins, the second gets 409 with the record as it is now, and nothing is lost', async () => {
    const place = await pointInCommunity(sql, 6);
    const created = await kindergartenAt(place.lon, place.lat, { seats: 100 });
    const first = await features.patch('kindergartens', created.id, { properties: { seats: 150 } }, cookies.commission, 1);
    expect(first.status).toBe(200);
    const error = await expectRefused('kindergartens', () => features.patch('kindergartens', created.id, { properties: { name: '改名园' } }, cookies.admin, 1), 409, 'version_conflict');
    expect(error.details).toEqual({ current: await first.json(), version: 2 });
    const retried = await features.patch('kindergartens', created.id, { properties: { name: '改名园' } }, cookies.admin, error.details.version);
    expect(retried.status).toBe(200);
    expect((await retried.json()).properties).toMatchObject({ name: '改名园', seats: 150 });
    await expectRefused('kindergartens', () => features.remove('kindergartens', created.id, cookies.commission, 2), 409, 'version_conflict');
  });

  it('two edits sent at once on the same version: exactly one is made', async () => {
    const place = await pointInCommunity(sql, 8);
    const created = await kindergartenAt(place.lon, place.lat, { seats: 100 });
    const before = await snapshotLayer(sql, 'kindergartens');
    const answers = await Promise.all([200, 300].map((seats, index) => features.patch('kindergartens', created.id, { properties: { seats } }, index ? cookies.admin : cookies.commission, 1)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = (await answers.find((answer) => answer.status === 200)!.json()) as FeatureRecord;
    const read = (await (await features.read('kindergartens', created.id)).json()) as FeatureRecord;
    expect(read).toEqual(winner);
    expect(read.version).toBe(2);
    expect((await snapshotLayer(sql, 'kindergartens')).audit).toBe(before.audit + 1);
  });

  it('deletes on the version read: 204, then the feature is gone', async () => {
    const place = await pointInCommunity(sql, 10);
    const created = await kindergartenAt(place.lon, place.lat);
    const response = await features.remove('kindergartens', created.id, cookies.admin, 1);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect((await features.read('kindergartens', created.id)).status).toBe(404);
    const [{ count }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM kindergartens WHERE id = ${created.id}`;
    expect(count).toBe(0);
  });
});
