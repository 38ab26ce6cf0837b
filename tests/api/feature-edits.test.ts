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

describe('what a new feature must be', () => {
  const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
  let inside: { lon: number; lat: number };
  let outside: { lon: number; lat: number };
  beforeAll(async () => {
    inside = await pointInCommunity(sql, 1);
    // West of the district's westernmost point: a valid place on earth, outside our remit.
    [outside] = await sql<{ lon: number; lat: number }[]>`SELECT ST_XMin(geom) - 0.02 AS lon, ST_Y(ST_Centroid(geom)) AS lat FROM district`;
  });
  const feature = (overrides: Record<string, unknown> = {}, properties: Record<string, unknown> = {}) => ({
    type: 'Feature', geometry: point(inside.lon, inside.lat), properties: { name: '园', ...properties }, ...overrides,
  });

  const cases: Array<[string, () => unknown, string, RegExp]> = [
    ['text that is not JSON', () => '{"type": "Feature",', 'invalid_json', /not valid JSON/],
    ['NaN, which JSON has not', () => JSON.stringify(feature()).replace(/\[[^\]]+\]/, '[NaN, 29.5]'), 'invalid_json', /not valid JSON/],
    ['an array', () => [feature()], 'invalid_request', /expected object/],
    ['a geometry alone', () => point(106.6, 29.5), 'invalid_request', /Feature/],
    ['no geometry', () => ({ type: 'Feature', properties: { name: '园' } }), 'invalid_request', /geometry/],
    ['an id of its own', () => feature({ id: 7 }), 'invalid_request', /Unrecognized key: "id"/],
    ['a polygon on a point layer', () => feature({ geometry: { type: 'Polygon', coordinates: [[[106.6, 29.5], [106.61, 29.5], [106.61, 29.51], [106.6, 29.5]]] } }), 'invalid_request', /kindergartens holds Point geometries, not Polygon/],
    ['a multipoint', () => feature({ geometry: { type: 'MultiPoint', coordinates: [[106.6, 29.5]] } }), 'invalid_request', /kindergartens holds Point geometries/],
    ['a longitude past 180', () => feature({ geometry: point(186.6, 29.5) }), 'invalid_request', /longitude lies within/],
    ['a latitude past 90', () => feature({ geometry: point(106.6, 95) }), 'invalid_request', /latitude lies within/],
    ['an infinite coordinate (1e999)', () => JSON.stringify(feature()).replace(/\[[^\]]+\]/, '[1e999, 29.5]'), 'invalid_request', /longitude is a finite number/],
    ['a coordinate given as text', () => feature({ geometry: { type: 'Point', coordinates: ['106.6', 29.5] } }), 'invalid_request', /longitude is a finite number/],
    ['three coordinates', () => feature({ geometry: { type: 'Point', coordinates: [106.6, 29.5, 200] } }), 'invalid_request', /coordinates/],
    ['an unknown property', () => feature({}, { colour: 'red' }), 'invalid_request', /kindergartens has no settable property "colour"/],
    ['its community', () => feature({}, { community_code: '500108001001' }), 'invalid_request', /community_code is derived from the feature's location/],
    ['its town', () => feature({}, { town_code: '500108001' }), 'invalid_request', /town_code is derived/],
    ['the demo flag', () => feature({}, { demo: true }), 'invalid_request', /demo marks generated data/],
    ['seats as text', () => feature({}, { seats: 'many' }), 'invalid_request', /seats is a number/],
    ['a fraction of a seat', () => feature({}, { seats: 2.5 }), 'invalid_request', /seats is a whole number/],
    ['negative seats', () => feature({}, { seats: -30 }), 'invalid_request', /seats is not negative/],
    ['more seats than an integer holds', () => feature({}, { seats: 3_000_000_000 }), 'invalid_request', /seats is at most/],
    ['an ownership not in the list', () => feature({}, { ownership: 'state' }), 'invalid_request', /ownership is one of public, inclusive, private/],
    ['no name', () => ({ type: 'Feature', geometry: point(inside.lon, inside.lat), properties: { seats: 30 } }), 'invalid_request', /name is required/],
    ['a blank name', () => feature({}, { name: '   ' }), 'invalid_request', /name cannot be blank/],
    ['a name of 201 characters', () => feature({}, { name: '园'.repeat(201) }), 'invalid_request', /name is at most 200 characters/],
    ['a NUL character in the name', () => feature({}, { name: 'a\u0000b' }), 'invalid_request', /NUL/],
    ['a body over the limit', () => feature({}, { name: 'x'.repeat(300_000) }), 'body_too_large', /limited to 262,144 characters/],
  ];
  it.each(cases)('refuses %s with a 400 naming it, and writes nothing', async (_case, body, code, message) => {
    const error = await expectRefused('kindergartens', () => features.create('kindergartens', body(), cookies.commission), 400, code);
    expect(error.message).toMatch(message);
  });

  it('refuses a place outside the district, and a line that leaves it', async () => {
    const error = await expectRefused('kindergartens', () => features.create('kindergartens', feature({ geometry: point(outside.lon, outside.lat) }), cookies.commission), 400, 'outside_district');
    expect(error.details).toEqual({ layer: 'kindergartens' });
    const line = { type: 'LineString', coordinates: [[inside.lon, inside.lat], [outside.lon, outside.lat]] };
    await expectRefused('trails', () => features.create('trails', { type: 'Feature', geometry: line, properties: { name: '出界步道' } }, cookies.commission), 400, 'outside_district');
  });

  it('refuses an open ring, a self-crossing polygon and a line of one place', async () => {
    const { lon, lat } = inside;
    const d = 0.001;
    const open = { type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d]]] };
    expect((await expectRefused('idle_plots', () => features.create('idle_plots', { type: 'Feature', geometry: open, properties: { name: '地块' } }, cookies.commission), 400, 'invalid_request')).message).toMatch(/ring is closed/);
    const bowtie = { type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat + d], [lon + d, lat], [lon, lat + d], [lon, lat]]] };
    const invalid = await expectRefused('idle_plots', () => features.create('idle_plots', { type: 'Feature', geometry: bowtie, properties: { name: '地块' } }, cookies.commission), 400, 'invalid_geometry');
    expect(invalid.details.reason).toMatch(/self-intersection/i);
    const dot = { type: 'LineString', coordinates: [[lon, lat], [lon, lat]] };
    expect((await expectRefused('trails', () => features.create('trails', { type: 'Feature', geometry: dot, properties: { name: '点' } }, cookies.commission), 400, 'invalid_request')).message).toMatch(/two different positions/);
  });

  it('refuses more vertices than a feature may have', async () => {
    const { lon, lat } = inside;
    const coordinates = Array.from({ length: 5_001 }, (_, index) => [lon + (index % 2) * 1e-5, lat + index * 1e-7]);
    const body = { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { name: '长' } };
    expect((await expectRefused('trails', () => features.create('trails', body, cookies.commission), 400, 'invalid_request')).message).toMatch(/at most 5,000 positions/);
  });

  it('answers an unknown layer with 404 and a frame layer with 403 not_editable', async () => {
    await expectRefused('kindergartens', () => features.create('schools_of_magic', feature(), cookies.commission), 404, 'unknown_layer');
    const polygon = { type: 'MultiPolygon', coordinates: [[[[inside.lon, inside.lat], [inside.lon + 0.01, inside.lat], [inside.lon, inside.lat + 0.01], [inside.lon, inside.lat]]]] };
    await expectRefused('communities', () => features.create('communities', { type: 'Feature', geometry: polygon, properties: { name: '新社区' } }, cookies.admin), 403, 'not_editable');
    expect((await features.read('roads', 1)).status).toBe(403);
    expect((await features.read('kindergartens', 'abc')).status).toBe(404);
    expect((await features.read('kindergartens', 2_000_000_000)).status).toBe(404);
  });
});

describe('text is data', () => {
  const hostile = [`'); DROP TABLE kindergartens; --`, `<script>alert("x")</script>`, `Robert"); DELETE FROM audit_log; --`, `\${7*7} {{7*7}} %s \\x00 ☃ 𠀋`];

  it.each(hostile)('stores %s verbatim in every text property of a line, and reads it back unchanged', async (text) => {
    const place = await pointInCommunity(sql, 5);
    const line = { type: 'LineString', coordinates: [[place.lon, place.lat], [place.lon + 0.0005, place.lat + 0.0003]] };
    const response = await features.create('trails', { type: 'Feature', geometry: line, properties: { name: text, name_en: `${text} (en)` } }, cookies.commission);
    const created = await expectCreated(response);
    added.push({ layer: 'trails', id: created.id });
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(created.properties).toMatchObject({ name: text, name_en: `${text} (en)` });
    const read = (await (await features.read('trails', created.id)).json()) as FeatureRecord;
    expect(read.properties).toMatchObject({ name: text, name_en: `${text} (en)` });
    const [stored] = await sql<{ name: string; name_en: string }[]>`SELECT name, name_en FROM trails WHERE id = ${created.id}`;
    expect(stored).toEqual({ name: text, name_en: `${text} (en)` });
    const [{ tables }] = await sql<{ tables: number }[]>`SELECT count(*)::int AS tables FROM kindergartens`;
    expect(tables).toBeGreaterThan(0);
  });
});

describe('what the server derives', () => {
  it('measures a line on the ellipsoid and gives it the community holding most of it', async () => {
    const [start] = await sql<{ lon: number; lat: number }[]>`
      SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM communities ORDER BY code OFFSET 7 LIMIT 1) AS c`;
    const coordinates = [[start.lon, start.lat], [start.lon + 0.004, start.lat + 0.001], [start.lon + 0.006, start.lat - 0.002]];
    const created = await expectCreated(await features.create('trails', { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { name: '新步道' } }, cookies.commission));
    added.push({ layer: 'trails', id: created.id });
    const geojson = JSON.stringify({ type: 'LineString', coordinates });
    const [expected] = await sql<{ length: number; code: string; town_code: string }[]>`
      WITH line AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326) AS g)
      SELECT ST_Length(g::geography) AS length, c.code, c.town_code FROM line, communities c
      ORDER BY ST_Length(ST_Intersection(c.geom, g)::geography) DESC LIMIT 1`;
    expect(created.properties.length_m).toBeCloseTo(expected.length, 1);
    expect(created.properties).toMatchObject({ name: '新步道', name_en: null, community_code: expected.code, town_code: expected.town_code, demo: false });
  });

  it('measures a polygon’s area, and recomputes place and area when it is moved', async () => {
    const here = await pointInCommunity(sql, 9);
    const there = await pointInCommunity(sql, 40);
    const square = (lon: number, lat: number, d: number) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });
    const created = await expectCreated(await features.create('idle_plots', { type: 'Feature', geometry: square(here.lon, here.lat, 0.0005), properties: { name: '新地块' } }, cookies.commission));
    added.push({ layer: 'idle_plots', id: created.id });
    const areaOf = async (geometry: object) => (await sql<{ area: number }[]>`SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)::geography) AS area`)[0].area;
    expect(created.properties.area_m2).toBe(Math.round(await areaOf(square(here.lon, here.lat, 0.0005))));
    expect(created.properties.community_code).toBe(here.code);
    const moved = await features.patch('idle_plots', created.id, { geometry: square(there.lon, there.lat, 0.001) }, cookies.commission, 1);
    expect(moved.status).toBe(200);
    const body = (await moved.json()) as FeatureRecord;
    expect(body.properties).toMatchObject({ name: '新地块', community_code: there.code, town_code: there.town_code, area_m2: Math.round(await areaOf(square(there.lon, there.lat, 0.001))) });
    expect(body.version).toBe(2);
  });

  it('lets a point layer’s area (a sports park’s) be set, since no point has one to measure', async () => {
    const place = await pointInCommunity(sql, 11);
    const created = await expectCreated(await features.create('sports_parks', { type: 'Feature', geometry: { type: 'Point', coordinates: [place.lon, place.lat] }, properties: { name: '新公园', area_m2: 5200.5 } }, cookies.admin));
    added.push({ layer: 'sports_parks', id: created.id });
    expect(created.properties.area_m2).toBe(5200.5);
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
