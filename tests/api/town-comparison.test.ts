import { describe, expect, it } from 'vitest';
import { RANKED_FIGURES, type TownComparison } from '../../core/towns/town-comparison.ts';
import { readError } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { useDemands } from '../support/demands.ts';
import { dayFromToday, useProjects } from '../support/projects.ts';

/** The towns side by side (拉练互评): figures computed from the records, and ranks over them. */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { cookies } = useDemands(app, sql);
const { create, moveThrough } = useProjects(app, sql);

async function compare(query: string, cookie = cookies.inspector): Promise<TownComparison> {
  const response = await app.request(`/api/towns/comparison${query}`, { headers: { Cookie: cookie } });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as TownComparison;
}

describe('GET /api/towns/comparison', () => {
  it('puts every town side by side for a year, each figure as SQL counts it, and ranks them', async () => {
    const comparison = await compare('?period=2026');
    expect(comparison).toMatchObject({ period: '2026', start: '2026-01-01', end: '2026-12-31', surveyQuarter: '2026Q3' });
    const towns = await sql<{ code: string }[]>`SELECT code FROM towns ORDER BY code`;
    expect(comparison.towns.map((town) => town.town).sort()).toEqual(towns.map((town) => town.code));

    const demands = await sql<{ town: string; received: number; answered: number }[]>`
      SELECT town_code AS town, count(*)::int AS received, count(*) FILTER (WHERE status <> 'submitted')::int AS answered
      FROM demands WHERE status <> 'hidden' AND (created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY 1`;
    const satisfaction = await sql<{ town: string; overall: number }[]>`
      SELECT town_code AS town, sum(overall * respondents) / sum(respondents) AS overall FROM surveys WHERE quarter = '2026Q3' GROUP BY 1`;
    for (const town of comparison.towns) {
      const demand = demands.find((row) => row.town === town.town);
      expect(town.demandsReceived, town.town).toBe(demand?.received ?? 0);
      expect(town.demandsAnswered, town.town).toBe(demand?.answered ?? 0);
      expect(town.satisfaction).toBeCloseTo(satisfaction.find((row) => row.town === town.town)!.overall, 1);
      expect(town.targets).toBeGreaterThan(0);
    }
    expect(comparison.towns.some((town) => town.demandsReceived > 0)).toBe(true);

    // Ranks: 1 is the best figure; the most satisfied town ranks first on satisfaction.
    const best = Math.max(...comparison.towns.map((town) => town.satisfaction ?? -1));
    expect(comparison.towns.find((town) => town.satisfaction === best)!.ranks.satisfaction).toBe(1);
    for (const figure of RANKED_FIGURES) {
      for (const town of comparison.towns) {
        if (town[figure] === null) expect(town.ranks[figure]).toBeNull();
        else expect(town.ranks[figure]).toBeGreaterThanOrEqual(1);
      }
    }
    expect(comparison.towns[0].overallRank).toBe(1);
    expect(comparison.towns.map((town) => town.overallRank)).toEqual([...comparison.towns.map((town) => town.overallRank)].sort((a, b) => a - b));
  });

  it('takes a quarter, with that quarter\'s surveys and the change since the one before', async () => {
    const comparison = await compare('?period=2026Q2');
    expect(comparison).toMatchObject({ start: '2026-04-01', end: '2026-06-30', surveyQuarter: '2026Q2' });
    const [row] = await sql<{ change: number }[]>`
      SELECT (sum(overall * respondents) FILTER (WHERE quarter = '2026Q2') / sum(respondents) FILTER (WHERE quarter = '2026Q2'))
           - (sum(overall * respondents) FILTER (WHERE quarter = '2026Q1') / sum(respondents) FILTER (WHERE quarter = '2026Q1')) AS change
      FROM surveys WHERE town_code = ${comparison.towns[0].town}`;
    expect(comparison.towns[0].satisfactionChange).toBeCloseTo(row.change, 1);
  });

  it('refuses a period it cannot read, and callers without a staff session', async () => {
    expect((await readError(await app.request('/api/towns/comparison?period=2026-05', { headers: { Cookie: cookies.town } }))).code).toBe('invalid_query');
    expect((await app.request('/api/towns/comparison')).status).toBe(401);
    expect((await compare('', cookies.planner)).period).toMatch(/^\d{4}$/);
  });
});

interface CoverageAnswer { coveredPopulation: number; byCommunity: Array<{ code: string; coveredPopulation: number }> }

/** The coverage API along the walking network at the standards table's radius. */
async function networkCoverage(layer: string, format = ''): Promise<Response> {
  return app.request(`/api/analysis/coverage${format}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ layer, mode: 'network' }) });
}

describe('coverage gained in the comparison', () => {
  it('sums, over the layers, what each town gained from the period\'s completed projects', async () => {
    const comparison = await compare('?period=2026');
    const layers = Object.keys(comparison.coverageGainedByLayer);
    expect(layers.length).toBeGreaterThan(0);
    // Only layers with a walking standard count: the year's completed trails and security pilots add none.
    expect(layers).not.toContain('trails');
    const total = Object.values(comparison.coverageGainedByLayer).reduce((sum, gained) => sum + gained, 0);
    expect(comparison.towns.reduce((sum, town) => sum + town.coverageGained!, 0)).toBe(total);
    expect(total).toBeGreaterThan(0);
    const best = Math.max(...comparison.towns.map((town) => town.coverageGained!));
    expect(comparison.towns.find((town) => town.coverageGained === best)!.ranks.coverageGained).toBe(1);
    // A period in which no project added a facility ranks no town on it.
    const empty = await compare('?period=2019');
    expect(empty.towns.every((town) => town.coverageGained === null && town.ranks.coverageGained === null)).toBe(true);
  });

  it('moves, town by town, by what the coverage API gains when a project completed now adds a fresh market', async () => {
    const period = dayFromToday(0).slice(0, 4);
    const towns = new Map((await sql<{ code: string; town_code: string }[]>`SELECT code, town_code FROM communities`).map((row) => [row.code, row.town_code]));
    const gaps = (await (await networkCoverage('fresh_markets', '?format=geojson')).json()) as { features: Array<{ id: number; properties: { population: number; reachable: boolean } }> };
    const [cell] = gaps.features.filter((feature) => feature.properties.reachable).sort((a, b) => b.properties.population - a.properties.population || a.id - b.id);
    const [centre] = await sql<{ lon: number; lat: number }[]>`SELECT ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat FROM population WHERE id = ${cell.id}`;

    const coverageBefore = (await (await networkCoverage('fresh_markets')).json()) as CoverageAnswer;
    const before = await compare(`?period=${period}`);
    const project = await create({
      name: '生鲜市场新建工程', optimization: 4, type: 'fresh_market', geometry: { type: 'Point', coordinates: [centre.lon, centre.lat] },
      sizeClass: 'small', responsibleUnit: '区商务委', funding: [{ source: 'fiscal', amount: 3_000_000 }],
      facility: { layer: 'fresh_markets', properties: { name: '新建生鲜市场', stalls: 60 } },
    }, cookies.commission);
    await moveThrough(project.id, cookies.commission, 'approved', 'construction', 'completed');
    const coverageAfter = (await (await networkCoverage('fresh_markets')).json()) as CoverageAnswer;
    const after = await compare(`?period=${period}`);

    const gained = coverageAfter.coveredPopulation - coverageBefore.coveredPopulation;
    expect(gained).toBeGreaterThanOrEqual(cell.properties.population);
    expect(after.coverageGainedByLayer.fresh_markets - (before.coverageGainedByLayer.fresh_markets ?? 0)).toBe(gained);
    const expected = new Map<string, number>();
    coverageAfter.byCommunity.forEach((community, index) => {
      const delta = community.coveredPopulation - coverageBefore.byCommunity[index].coveredPopulation;
      const town = towns.get(community.code)!;
      expected.set(town, (expected.get(town) ?? 0) + delta);
    });
    for (const town of after.towns) {
      const earlier = before.towns.find((row) => row.town === town.town)!;
      expect(town.coverageGained! - (earlier.coverageGained ?? 0), town.town).toBe(expected.get(town.town) ?? 0);
    }
  });
});
