import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

const send = (path: string, body: string) => app.request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });

/** Every refusal has the one error shape and gives nothing internal away. */
async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const text = await response.text();
  const body = JSON.parse(text);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(text).not.toMatch(/SELECT|FROM |postgres:\/\/|\bat [\w.<>]+ \(|\.ts:\d+/);
  return body;
}

describe('coverage refuses bad requests', () => {
  it.each([
    ['an unknown layer', { layer: 'schools' }, 404, 'unknown_layer'],
    ['SQL in the layer name', { layer: "kindergartens'; DROP TABLE population; --" }, 404, 'unknown_layer'],
    ['markup in the layer name', { layer: '<script>alert(1)</script>' }, 404, 'unknown_layer'],
    ['a frame layer (roads)', { layer: 'roads' }, 400, 'not_a_facility_layer'],
    ['a frame layer (population)', { layer: 'population' }, 400, 'not_a_facility_layer'],
    ['a zero radius', { layer: 'kindergartens', radius: 0 }, 400, 'invalid_request'],
    ['a negative radius', { layer: 'kindergartens', radius: -300 }, 400, 'invalid_request'],
    ['an absurd radius', { layer: 'kindergartens', radius: 1e9 }, 400, 'invalid_request'],
    ['a radius as text', { layer: 'kindergartens', radius: '300' }, 400, 'invalid_request'],
    ['an unknown mode', { layer: 'kindergartens', mode: 'flying' }, 400, 'invalid_request'],
    ['an unknown field', { layer: 'kindergartens', where: '1=1' }, 400, 'invalid_request'],
    ['no layer', { radius: 300 }, 400, 'invalid_request'],
    ['a layer without a standard radius, and none given', { layer: 'idle_plots' }, 400, 'radius_required'],
  ])('%s', async (_, body, status, code) => {
    await expectError(await send('/api/analysis/coverage', JSON.stringify(body)), status, code);
  });

  it.each([
    ['malformed JSON', '{"layer": "kindergartens"'],
    ['an empty body', ''],
    ['not JSON at all', "layer=kindergartens' OR 1=1"],
  ])('%s', async (_, body) => {
    await expectError(await send('/api/analysis/coverage', body), 400, 'invalid_json');
  });

  it('an array or a bare value instead of an object', async () => {
    await expectError(await send('/api/analysis/coverage', '["kindergartens"]'), 400, 'invalid_request');
    await expectError(await send('/api/analysis/coverage', '42'), 400, 'invalid_request');
  });

  it('an oversized body', async () => {
    await expectError(await send('/api/analysis/coverage', JSON.stringify({ layer: 'kindergartens', padding: 'x'.repeat(10_000) })), 400, 'body_too_large');
  });

  it('an unknown output format', async () => {
    await expectError(await send('/api/analysis/coverage?format=xml', JSON.stringify({ layer: 'kindergartens' })), 400, 'invalid_format');
  });

  it('quotes a hostile name instead of echoing it raw, and the table is still there', async () => {
    const body = await expectError(await send('/api/analysis/coverage', JSON.stringify({ layer: 'x"\n<b>' })), 404, 'unknown_layer');
    expect(body.error.message).toBe('no layer named "x\\"\\n<b>"');
    const [{ count }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM population`;
    expect(count).toBeGreaterThan(0);
  });

  it('but takes a layer without a standard radius when one is given', async () => {
    expect((await send('/api/analysis/coverage', JSON.stringify({ layer: 'idle_plots', radius: 500 }))).status).toBe(200);
  });
});

describe('isochrone refuses bad requests', () => {
  it.each([
    ['a point outside the district', { lon: 0, lat: 0 }, 'outside_district'],
    ['a longitude off the globe', { lon: 200, lat: 29.5 }, 'invalid_request'],
    ['coordinates as text', { lon: '106.57', lat: '29.53' }, 'invalid_request'],
    ['no bands', { lon: 106.57, lat: 29.53, minutes: [] }, 'invalid_request'],
    ['repeated bands', { lon: 106.57, lat: 29.53, minutes: [5, 5] }, 'invalid_request'],
    ['a zero band', { lon: 106.57, lat: 29.53, minutes: [0] }, 'invalid_request'],
    ['an absurd band', { lon: 106.57, lat: 29.53, minutes: [10_000] }, 'invalid_request'],
    ['too many bands', { lon: 106.57, lat: 29.53, minutes: [1, 2, 3, 4, 5, 6, 7] }, 'invalid_request'],
    ['a standing walker', { lon: 106.57, lat: 29.53, walkingSpeedKmh: 0 }, 'invalid_request'],
  ])('%s', async (_, body, code) => {
    await expectError(await send('/api/analysis/isochrone', JSON.stringify(body)), 400, code);
  });

  it('a point in the district but beyond walking reach of every road', async () => {
    // A population cell centre far from every road, if the dataset has one.
    const [far] = await sql<{ lon: number; lat: number }[]>`
      SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Centroid(geom) AS c FROM population) p
      WHERE NOT EXISTS (SELECT 1 FROM roads r WHERE r.geom && ST_Expand(c, 400.0 / 90000) AND ST_DWithin(c::geography, r.geom::geography, 400))
      LIMIT 1`;
    if (!far) return;
    await expectError(await send('/api/analysis/isochrone', JSON.stringify(far)), 400, 'off_network');
  });
});

describe('life circle refuses bad queries', () => {
  it.each([
    ['a malformed community code', "?community=1' OR '1'='1", 400, 'invalid_code'],
    ['an unknown community', '?community=000000000000', 404, 'unknown_community'],
    ['an unknown mode', '?mode=drive', 400, 'invalid_mode'],
    ['an unknown format', '?format=xlsx', 400, 'invalid_format'],
    ['a radius for a layer outside the standards table', '?radii=roads:300', 400, 'invalid_radii'],
    ['a zero radius', '?radii=kindergartens:0', 400, 'invalid_radii'],
    ['an absurd radius', '?radii=kindergartens:99999', 400, 'invalid_radii'],
    ['a radius that is not a number', '?radii=kindergartens:far', 400, 'invalid_radii'],
  ])('%s', async (_, query, status, code) => {
    await expectError(await app.request(`/api/analysis/life-circle${query.replace(/ /g, '%20')}`), status, code);
  });
});
