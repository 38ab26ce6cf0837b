import { describe, expect, it } from 'vitest';
import { SERVICE_STANDARDS } from '../../core/standards.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

async function lifeCircle(query = '') {
  const response = await app.request(`/api/analysis/life-circle${query}`);
  expect(response.status).toBe(200);
  return response;
}

async function coveredShare(layer: string, radius: number, mode = 'euclidean') {
  const response = await app.request('/api/analysis/coverage', { method: 'POST', body: JSON.stringify({ layer, radius, mode }) });
  return (await response.json()).coveredShare as number;
}

describe('life-circle matrix', () => {
  it('gives every community a share per facility type of the standards table, and a score', async () => {
    const body = await (await lifeCircle()).json();
    expect(body.columns).toEqual(SERVICE_STANDARDS.map((standard) => ({ layer: standard.layer, radiusM: standard.radiusM, lifeCircle: standard.lifeCircle })));
    const [{ count }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM communities`;
    expect(body.communities.length).toBeGreaterThanOrEqual(count);
    for (const community of body.communities) {
      expect(Object.keys(community.shares)).toEqual(SERVICE_STANDARDS.map((standard) => standard.layer));
      const shares = Object.values(community.shares) as Array<number | null>;
      if (community.population > 0) {
        expect(community.score).toBeCloseTo((100 * shares.reduce((sum: number, share) => sum + share!, 0)) / shares.length, 1);
        for (const share of shares) expect(share).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('agrees with the coverage endpoint for the district, layer by layer', async () => {
    const body = await (await lifeCircle()).json();
    for (const standard of SERVICE_STANDARDS.slice(0, 5)) {
      expect(body.district.shares[standard.layer]).toBe(await coveredShare(standard.layer, standard.radiusM));
    }
  });

  it('narrows to one community, takes overridden radii, and the network mode', async () => {
    const [{ code }] = await sql<{ code: string }[]>`SELECT code FROM communities ORDER BY code LIMIT 1`;
    const one = await (await lifeCircle(`?community=${code}`)).json();
    expect(one.communities.map((row: { code: string }) => row.code)).toEqual([code]);
    const wider = await (await lifeCircle('?radii=kindergartens:400,primary_schools:650.5')).json();
    expect(wider.columns.find((column: { layer: string }) => column.layer === 'kindergartens').radiusM).toBe(400);
    expect(wider.district.shares.kindergartens).toBe(await coveredShare('kindergartens', 400));
    expect(wider.district.shares.primary_schools).toBe(await coveredShare('primary_schools', 650.5));
    const network = await (await lifeCircle('?mode=network')).json();
    expect(network.mode).toBe('network');
    expect(network.district.shares.kindergartens).toBe(await coveredShare('kindergartens', 300, 'network'));
  });

  it('exports the same matrix as CSV', async () => {
    const [json, csvResponse] = await Promise.all([lifeCircle().then((response) => response.json()), lifeCircle('?format=csv')]);
    expect(csvResponse.headers.get('Content-Type')).toContain('text/csv');
    const lines = (await csvResponse.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0].split(',')).toEqual(['code', 'name', 'population', ...SERVICE_STANDARDS.map((standard) => `${standard.layer}_${standard.radiusM}m`), 'score']);
    expect(lines.length).toBe(json.communities.length + 2);
    const first = json.communities[0];
    const cells = lines[1].split(',');
    expect(cells[0]).toBe(first.code);
    expect(Number(cells[3])).toBeCloseTo(first.shares[SERVICE_STANDARDS[0].layer], 6);
    expect(lines[lines.length - 1].startsWith('district,district,')).toBe(true);
  });
});
