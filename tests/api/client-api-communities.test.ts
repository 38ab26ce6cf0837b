import { describe, expect, it } from 'vitest';
import { LAYERS, isFacilityLayer } from '../../core/layers/registry.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const FACILITY_LAYERS = LAYERS.filter(isFacilityLayer);

/** The community with the most kindergartens: one whose profile has something to compare. */
async function busyCommunity() {
  const [row] = await sql<{ code: string }[]>`
    SELECT community_code AS code FROM kindergartens GROUP BY community_code ORDER BY count(*) DESC, community_code LIMIT 1`;
  return row.code;
}

async function expectError(path: string, status: number, code: string) {
  const response = await app.request(path);
  expect(response.status, path).toBe(status);
  const body = await response.json();
  expect(body, path).toEqual({ error: { code, message: expect.any(String), details: expect.anything() } });
}

describe('GET /api/communities/{code}', () => {
  it('reports population from the grid, area on the spheroid and the town by name', async () => {
    const code = await busyCommunity();
    const response = await app.request(`/api/communities/${code}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    const [expected] = await sql<{ name: string; town_code: string; town_name: string; population: number; area_km2: number }[]>`
      SELECT c.name, c.town_code, t.name AS town_name,
             (SELECT sum(population)::float8 FROM population WHERE community_code = c.code) AS population,
             ST_Area(c.geom::geography) / 1e6 AS area_km2
      FROM communities c JOIN towns t ON t.code = c.town_code WHERE c.code = ${code}`;
    expect(body.code).toBe(code);
    expect(body.name).toBe(expected.name);
    expect(body.town).toMatchObject({ code: expected.town_code, name: expected.town_name });
    expect(body.population).toBe(expected.population);
    expect(body.population).toBeGreaterThan(0);
    expect(body.area_km2).toBeCloseTo(expected.area_km2, 3);
  });

  it('counts every facility layer, with capacity sums where the layer declares a capacity', async () => {
    const code = await busyCommunity();
    const body = await (await app.request(`/api/communities/${code}`)).json();
    expect(body.facilities.map((facility: { layer: string }) => facility.layer)).toEqual(FACILITY_LAYERS.map((layer) => layer.id));
    for (const layer of FACILITY_LAYERS) {
      const capacity = layer.capacity ? `coalesce(sum(${layer.capacity.column}), 0)::float8` : 'NULL::float8';
      const [expected] = await sql.unsafe<{ count: number; capacity: number | null }[]>(
        `SELECT count(*)::int AS count, ${capacity} AS capacity FROM ${layer.id} WHERE community_code = $1`, [code]);
      expect(body.facilities.find((facility: { layer: string }) => facility.layer === layer.id), layer.id).toEqual({ layer: layer.id, ...expected });
    }
    expect(body.facilities.find((facility: { layer: string }) => facility.layer === 'kindergartens').count).toBeGreaterThan(0);
  });

  it('answers an unknown code with 404 in the standard error shape', async () => {
    await expectError('/api/communities/999999999999', 404, 'unknown_community');
  });

  it.each([
    ["quote' OR '1'='1"],
    ['a%20b'],
    ['..%2F..%2Fetc'],
    ['x'.repeat(41)],
    ['%3Bdrop%20table%20communities'],
  ])('answers a malformed code %s with 400 and changes nothing', async (code) => {
    const before = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM communities`;
    await expectError(`/api/communities/${code}`, 400, 'invalid_code');
    expect(await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM communities`).toEqual(before);
  });
});
