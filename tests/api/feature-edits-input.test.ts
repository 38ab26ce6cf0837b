import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureRecord } from '../../core/layers/feature-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { pointInCommunity, useFeatureEditing } from '../support/features.ts';

/** What a new or changed feature must be, what the server derives from it, and text kept as data. */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { features, cookies, add, expectRefused } = useFeatureEditing(app, sql);

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
    const created = await add('trails', response);
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
    const created = await add('trails', await features.create('trails', { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { name: '新步道' } }, cookies.commission));
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
    const created = await add('idle_plots', await features.create('idle_plots', { type: 'Feature', geometry: square(here.lon, here.lat, 0.0005), properties: { name: '新地块' } }, cookies.commission));
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
    const created = await add('sports_parks', await features.create('sports_parks', { type: 'Feature', geometry: { type: 'Point', coordinates: [place.lon, place.lat] }, properties: { name: '新公园', area_m2: 5200.5 } }, cookies.admin));
    expect(created.properties.area_m2).toBe(5200.5);
  });
});
