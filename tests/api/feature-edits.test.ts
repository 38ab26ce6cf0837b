import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/accounts/roles.ts';
import type { FeatureRecord } from '../../core/layers/feature-contract.ts';
import { hashSessionToken } from '../../server/accounts/session-token.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { createFeatureClient, expectCreated, pointInCommunity, snapshotLayer } from '../support/features.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const features = createFeatureClient(app);

const cookies = {} as Record<Role, string>;
/** Every feature a test adds, deleted through the API afterwards so other files see the demo data. */
const added: Array<{ layer: string; id: number }> = [];

beforeAll(async () => {
  for (const role of Object.keys(DEMO_USERNAMES) as Role[]) cookies[role] = await signIn(app, DEMO_USERNAMES[role]);
});

afterAll(async () => {
  for (const { layer, id } of added) {
    const response = await features.read(layer, id);
    if (response.status !== 200) continue;
    const { version } = (await response.json()) as FeatureRecord;
    expect((await features.remove(layer, id, cookies.admin, version)).status).toBe(204);
  }
});

async function kindergartenAt(lon: number, lat: number, properties: Record<string, unknown> = {}, role: Role = 'commission') {
  const feature = await expectCreated(
    await features.create('kindergartens', { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { name: '测试幼儿园', ...properties } }, cookies[role]),
  );
  added.push({ layer: 'kindergartens', id: feature.id });
  return feature;
}

/** A refused write: the status and error code, and nothing changed in the layer or the trail. */
async function expectRefused(layer: string, write: () => Promise<Response>, status: number, code?: string) {
  const before = await snapshotLayer(sql, layer);
  const response = await write();
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(body.error).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String) });
  expect(await snapshotLayer(sql, layer)).toEqual(before);
  return body.error;
}

describe('who may edit facility features', () => {
  it.each(['commission', 'admin'] as const)('%s adds a kindergarten: 201 with its id, derived properties, version, ETag and Location', async (role) => {
    const place = await pointInCommunity(sql);
    const response = await features.create('kindergartens', { type: 'Feature', geometry: { type: 'Point', coordinates: [place.lon, place.lat] }, properties: { name: `新园（${role}）`, seats: 270, ownership: 'inclusive' } }, cookies[role]);
    const feature = await expectCreated(response);
    added.push({ layer: 'kindergartens', id: feature.id });
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
    const created = await expectCreated(createResponse);
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
