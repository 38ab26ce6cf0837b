import { describe, expect, it } from 'vitest';
import { CITY_CHECK_INDICATORS, type WalkingCoverageIndicator } from '../../core/city-check/city-check-catalogue.ts';
import type { CityCheckResponse } from '../../core/city-check/city-check-contract.ts';
import { readError } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { useFeatureEditing } from '../support/features.ts';

/**
 * The city-check indicators (城市体检) against the coverage API for the same layers and walk,
 * and against plain SQL sums: the same residents, by another path.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { features, cookies, add } = useFeatureEditing(app, sql);

const walking = CITY_CHECK_INDICATORS.filter((indicator): indicator is WalkingCoverageIndicator => indicator.kind === 'walking_coverage');

async function cityCheck(query: string, cookie = cookies.inspector): Promise<CityCheckResponse> {
  const response = await app.request(`/api/city-check${query}`, { headers: { Cookie: cookie } });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as CityCheckResponse;
}

interface UncoveredCell { id: number; properties: { population: number; community_code: string; reachable: boolean } }

/** The cells the coverage API leaves uncovered for one layer at one walk (its map of gaps). */
async function uncoveredCells(layer: string, radius: number): Promise<Map<number, UncoveredCell['properties']>> {
  const response = await app.request('/api/analysis/coverage?format=geojson', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ layer, radius, mode: 'network' }),
  });
  expect(response.status).toBe(200);
  const collection = (await response.json()) as { features: UncoveredCell[] };
  return new Map(collection.features.map((feature) => [feature.id, feature.properties]));
}

/** Per community: residents, and residents the coverage API leaves uncovered by every layer of the indicator. */
async function coverageByCommunity(indicator: WalkingCoverageIndicator, radius: number): Promise<Map<string, { population: number; covered: number }>> {
  const gaps = await Promise.all(indicator.layers.map((layer) => uncoveredCells(layer, radius)));
  const rows = await sql<{ community: string; population: number }[]>`SELECT community_code AS community, sum(population)::float8 AS population FROM population GROUP BY 1`;
  const result = new Map(rows.map((row) => [row.community, { population: row.population, covered: row.population }]));
  for (const [id, cell] of gaps[0]) {
    if (gaps.every((gap) => gap.has(id))) result.get(cell.community_code)!.covered -= cell.population;
  }
  return result;
}

const communityTowns = async () => new Map((await sql<{ code: string; town_code: string }[]>`SELECT code, town_code FROM communities`).map((row) => [row.code, row.town_code]));

describe('GET /api/city-check', () => {
  it('gives the district the walking coverage the coverage API gives for the same layer and walk', async () => {
    const answer = await cityCheck('');
    expect(answer).toMatchObject({ level: 'district', town: null, walkingSpeedKmh: 4.5 });
    expect(answer.indicators.map((indicator) => indicator.id)).toEqual(CITY_CHECK_INDICATORS.map((indicator) => indicator.id));
    for (const indicator of walking) {
      const figure = answer.indicators.find((entry) => entry.id === indicator.id)!;
      const standard = figure.standard as { distanceM: number; minutes: number };
      expect(standard.distanceM).toBeCloseTo((indicator.minutes * 4500) / 60, 9);
      const [district] = figure.perArea;
      if (indicator.layers.length === 1) {
        const coverage = await (await app.request('/api/analysis/coverage', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ layer: indicator.layers[0], radius: standard.distanceM, mode: 'network' }),
        })).json();
        expect(district.coveredPopulation, indicator.id).toBe(coverage.coveredPopulation);
        expect(district.population).toBe(coverage.totalPopulation);
        expect(figure.value).toBeCloseTo(coverage.coveredShare * 100, 2);
      }
      const byCommunity = await coverageByCommunity(indicator, standard.distanceM);
      const covered = [...byCommunity.values()].reduce((sum, entry) => sum + entry.covered, 0);
      expect(district.coveredPopulation, indicator.id).toBe(covered);
      expect(district.coveredPopulation).toBeGreaterThan(0);
      expect(district.coveredPopulation).toBeLessThan(district.population);
    }
  });

  it('sums towns and communities as the coverage API\'s cells do, and lists the communities of one town', async () => {
    const towns = await communityTowns();
    const byTown = await cityCheck('?level=town');
    const [{ count: townCount }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM towns`;
    const health = walking.find((indicator) => indicator.id === 'health_service_walk_15')!;
    const radius = (byTown.indicators[0].standard as { distanceM: number }).distanceM;
    const cells = await coverageByCommunity(health, radius);
    const figure = byTown.indicators.find((entry) => entry.id === health.id)!;
    expect(figure.perArea).toHaveLength(townCount);
    for (const area of figure.perArea) {
      const mine = [...cells].filter(([community]) => towns.get(community) === area.code).map(([, entry]) => entry);
      expect(area.coveredPopulation, area.code).toBe(mine.reduce((sum, entry) => sum + entry.covered, 0));
      expect(area.population, area.code).toBe(mine.reduce((sum, entry) => sum + entry.population, 0));
    }

    const town = figure.perArea[0].code;
    const communities = await cityCheck(`?level=community&town=${town}`);
    const communityFigure = communities.indicators.find((entry) => entry.id === health.id)!;
    expect(communityFigure.value).toBe(figure.perArea[0].value);
    expect(communityFigure.perArea.length).toBe([...towns.values()].filter((code) => code === town).length);
    for (const area of communityFigure.perArea) {
      expect(area.town).toBe(town);
      expect(area.coveredPopulation, area.code).toBe(cells.get(area.code)?.covered ?? 0);
    }
  });

  it('counts kindergarten places per 10,000 residents as SQL sums them, and says which figures the data cannot give', async () => {
    const answer = await cityCheck('?level=town');
    const places = answer.indicators.find((entry) => entry.id === 'kindergarten_places_per_10k')!;
    const rows = await sql<{ town: string; seats: number }[]>`SELECT town_code AS town, coalesce(sum(seats), 0)::float8 AS seats FROM kindergartens GROUP BY 1`;
    const residents = await sql<{ town: string; population: number }[]>`
      SELECT c.town_code AS town, sum(p.population)::float8 AS population FROM population p JOIN communities c ON c.code = p.community_code GROUP BY 1`;
    for (const area of places.perArea) {
      const seats = rows.find((row) => row.town === area.code)?.seats ?? 0;
      const population = residents.find((row) => row.town === area.code)!.population;
      expect(area.amount, area.code).toBe(seats);
      expect(area.value, area.code).toBeCloseTo((seats / population) * 10_000, 2);
    }
    const [{ seats, population }] = await sql<{ seats: number; population: number }[]>`
      SELECT (SELECT sum(seats) FROM kindergartens)::float8 AS seats, (SELECT sum(population) FROM population)::float8 AS population`;
    expect(places.value).toBeCloseTo((seats / population) * 10_000, 2);
    for (const id of ['kindergarten_classes_per_10k', 'elderly_beds_per_1k_older']) {
      const figure = answer.indicators.find((entry) => entry.id === id)!;
      expect(figure).toMatchObject({ value: null, perArea: [], unavailable: { zh: expect.any(String), en: expect.any(String) } });
    }
  });

  it('moves when a fresh market is added where people had none within the walk', async () => {
    const before = await cityCheck('?level=community');
    const market = before.indicators.find((entry) => entry.id === 'fresh_market_walk_10')!;
    const radius = (market.standard as { distanceM: number }).distanceM;
    const gaps = await uncoveredCells('fresh_markets', radius);
    const [cellId, cell] = [...gaps].filter(([, properties]) => properties.reachable).sort((a, b) => b[1].population - a[1].population || a[0] - b[0])[0];
    const [centre] = await sql<{ lon: number; lat: number }[]>`SELECT ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat FROM population WHERE id = ${cellId}`;
    await add('fresh_markets', await features.create('fresh_markets', {
      type: 'Feature', geometry: { type: 'Point', coordinates: [centre.lon, centre.lat] }, properties: { name: '测试生鲜市场', stalls: 40 },
    }, cookies.commission));

    const after = await cityCheck('?level=community');
    const moved = after.indicators.find((entry) => entry.id === 'fresh_market_walk_10')!;
    const community = (figure: typeof market) => figure.perArea.find((area) => area.code === cell.community_code)!;
    expect(community(moved).coveredPopulation! - community(market).coveredPopulation!).toBeGreaterThanOrEqual(cell.population);
    expect(moved.value!).toBeGreaterThan(market.value!);
    expect(after.versions.fresh_markets).toBeGreaterThan(before.versions.fresh_markets);
  });

  it('refuses a level or town it does not know, and callers without a staff session', async () => {
    const get = (query: string, cookie?: string) => app.request(`/api/city-check${query}`, { headers: cookie ? { Cookie: cookie } : {} });
    expect((await readError(await get('?level=street', cookies.inspector))).code).toBe('invalid_query');
    const unknown = await get('?level=town&town=nowhere', cookies.inspector);
    expect(unknown.status).toBe(404);
    expect((await readError(unknown)).code).toBe('unknown_town');
    expect((await get('')).status).toBe(401);
  });
});
