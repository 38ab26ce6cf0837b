import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

interface Hit {
  kind: 'town' | 'community';
  code: string;
  name: string;
  name_en: string | null;
  town_name: string | null;
  bbox: number[];
}

async function search(query: string): Promise<Hit[]> {
  const response = await app.request(`/api/search?q=${encodeURIComponent(query)}`);
  expect(response.status, query).toBe(200);
  return response.json();
}

async function someCommunity() {
  const [row] = await sql<{ code: string; name: string; name_en: string; town_name: string }[]>`
    SELECT c.code, c.name, c.name_en, t.name AS town_name
    FROM communities c JOIN towns t ON t.code = c.town_code
    WHERE c.name_en IS NOT NULL ORDER BY c.code LIMIT 1 OFFSET 7`;
  return row;
}

describe('GET /api/search', () => {
  it('finds a community by part of its Chinese name, with its town by name and its extent', async () => {
    const community = await someCommunity();
    const hits = await search(community.name.slice(0, 2));
    const hit = hits.find((candidate) => candidate.code === community.code);
    expect(hit).toMatchObject({ kind: 'community', name: community.name, town_name: community.town_name });
    const [extent] = await sql<{ bbox: number[] }[]>`
      SELECT ARRAY[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)] AS bbox FROM communities WHERE code = ${community.code}`;
    hit!.bbox.forEach((edge, index) => expect(edge).toBeCloseTo(extent.bbox[index], 5));
  });

  it('finds a community by its English / pinyin name, whatever the case and spacing', async () => {
    const community = await someCommunity();
    const word = community.name_en.split(/\s+/)[0];
    for (const query of [word.toLowerCase(), word.toUpperCase(), word.slice(1, 5)]) {
      const hits = await search(query);
      const expected = await sql<{ count: number }[]>`
        SELECT (SELECT count(*) FROM towns WHERE strpos(lower(name_en), lower(${query})) > 0)
             + (SELECT count(*) FROM communities WHERE strpos(lower(name_en), lower(${query})) > 0) AS count`;
      // Folding (spaces, apostrophes, hyphens) can only add matches to a plain substring search.
      expect(hits.length, query).toBeGreaterThanOrEqual(Math.min(10, expected[0].count));
      expect(hits.length, query).toBeLessThanOrEqual(10);
      if (expected[0].count <= 10) expect(hits.map((hit) => hit.code), query).toContain(community.code);
    }
  });

  it('finds a town, towns before communities on an equal match', async () => {
    const [town] = await sql<{ code: string; name: string }[]>`SELECT code, name FROM towns ORDER BY code LIMIT 1`;
    const hits = await search(town.name);
    expect(hits[0]).toMatchObject({ kind: 'town', code: town.code, name: town.name, town_name: null });
  });

  it('returns at most ten places', async () => {
    expect((await search('社区')).length).toBeLessThanOrEqual(10);
    expect((await search('a')).length).toBe(10);
  });

  it.each([[''], ['   '], ['x'.repeat(101)]])('rejects the query %j with 400 in the standard shape', async (query) => {
    const response = await app.request(`/api/search?q=${encodeURIComponent(query)}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'invalid_query', message: expect.any(String), details: expect.anything() } });
  });

  it('rejects a missing query with 400', async () => {
    expect((await app.request('/api/search')).status).toBe(400);
  });

  it.each([['%'], ['_'], ['-'], ["'; DROP TABLE towns; --"], ['\\'], ['社区\u0000']])('treats %j as plain text and changes nothing', async (query) => {
    const before = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM towns`;
    const response = await app.request(`/api/search?q=${encodeURIComponent(query)}`);
    expect([200, 400]).toContain(response.status);
    if (response.status === 200) expect(await response.json()).toEqual([]);
    expect(await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM towns`).toEqual(before);
  });
});
