import { describe, expect, it } from 'vitest';
import { LAYERS, isFacilityLayer } from '../../core/layers/registry.ts';
import type { SearchHit } from '../../core/api/responses.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

async function search(query: string): Promise<SearchHit[]> {
  const response = await app.request(`/api/search?q=${encodeURIComponent(query)}`);
  expect(response.status, query).toBe(200);
  return response.json();
}

describe('GET /api/search finds facilities by name', () => {
  it('finds a kindergarten and a market by their names, with their layer, id, town and place', async () => {
    for (const layer of ['kindergartens', 'fresh_markets']) {
      const [row] = await sql.unsafe<{ id: number; name: string; town: string; lon: number; lat: number }[]>(
        `SELECT f.id, f.name, t.name AS town, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat FROM ${layer} f JOIN towns t ON t.code = f.town_code ORDER BY f.id LIMIT 1 OFFSET 3`);
      const hits = await search(row.name);
      const hit = hits.find((candidate) => candidate.kind === 'facility' && candidate.layer === layer && candidate.code === String(row.id));
      expect(hit, row.name).toMatchObject({ name: row.name, town_name: row.town });
      expect(hit!.bbox[0]).toBeCloseTo(row.lon, 5);
      expect(hit!.bbox[1]).toBeCloseTo(row.lat, 5);
    }
  });

  it('puts towns and communities before facilities of the same match', async () => {
    const [town] = await sql<{ name: string }[]>`SELECT name FROM towns ORDER BY code LIMIT 1`;
    const kinds = (await search(town.name.slice(0, 2))).map((hit) => hit.kind);
    const firstFacility = kinds.indexOf('facility');
    if (firstFacility >= 0) expect(kinds.slice(firstFacility).every((each) => each === 'facility')).toBe(true);
  });

  it('searches every facility layer of the registry', async () => {
    for (const layer of LAYERS.filter(isFacilityLayer)) {
      const [row] = await sql.unsafe<{ id: number; name: string }[]>(`SELECT id, name FROM ${layer.id} WHERE name <> '' ORDER BY id LIMIT 1`);
      if (!row) continue;
      const hits = await search(row.name);
      expect(hits.some((hit) => hit.layer === layer.id), `${layer.id}: ${row.name}`).toBe(true);
    }
  });
});
