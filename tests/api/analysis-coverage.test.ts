import { describe, expect, it } from 'vitest';
import { measureFacilityDistance } from '../../core/analysis/facility.ts';
import { measureGeodesic } from '../../core/analysis/geodesic.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { SERVICE_STANDARDS } from '../../core/standards.ts';
import { readFacilities } from '../../server/analysis/analysis-sql.ts';
import { countCoveredWithPostgis } from '../../server/analysis/postgis-coverage-sql.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

async function coverage(body: object, query = '') {
  const response = await app.request(`/api/analysis/coverage${query}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  expect(response.status).toBe(200);
  return response.json();
}

describe('straight-line coverage against PostGIS', () => {
  it('measures each distance like ST_Distance on geography, to a micrometre', async () => {
    const pairs = await sql<Array<{ lon: number; lat: number; flon: number; flat: number; distance: number }>>`
      SELECT ST_X(c) AS lon, ST_Y(c) AS lat, ST_X(k.geom) AS flon, ST_Y(k.geom) AS flat, ST_Distance(c::geography, k.geom::geography) AS distance
      FROM (SELECT ST_Centroid(geom) AS c FROM population ORDER BY id LIMIT 40) p CROSS JOIN (SELECT geom FROM kindergartens ORDER BY id LIMIT 10) k`;
    for (const pair of pairs) expect(Math.abs(measureGeodesic(pair.lon, pair.lat, pair.flon, pair.flat) - pair.distance)).toBeLessThan(1e-6);
  });

  it.each(['slope_greening', 'trails'])('measures distances to %s (areas and lines) like PostGIS, to a micrometre', async (layerId) => {
    const facilities = await readFacilities(sql, findLayer(layerId)!);
    const rows = await sql.unsafe<Array<{ lon: number; lat: number; facility: number; distance: number }>>(`
      SELECT ST_X(c) AS lon, ST_Y(c) AS lat, f.rank - 1 AS facility, ST_Distance(c::geography, f.geom::geography) AS distance
      FROM (SELECT ST_Centroid(geom) AS c FROM population ORDER BY id LIMIT 400) p
      CROSS JOIN (SELECT geom, row_number() OVER (ORDER BY id) AS rank FROM ${layerId} ORDER BY id LIMIT 5) f`);
    for (const row of rows) expect(Math.abs(measureFacilityDistance(facilities[Number(row.facility)], row.lon, row.lat) - row.distance)).toBeLessThan(1e-6);
  });

  const cases: Array<[string, number]> = [
    ['kindergartens', 300], ['primary_schools', 500], ['middle_schools', 1000], ['bus_bay_stops', 500],
    ['health_centres', 1000], ['slope_greening', 300], ['trails', 400], ['sports_parks', 777.5],
  ];
  it.each(cases)('%s within %d m: exactly the population ST_DWithin(geography) finds, in total and per community', async (layerId, radius) => {
    const [body, expected] = await Promise.all([coverage({ layer: layerId, radius }), countCoveredWithPostgis(sql, findLayer(layerId)!, radius)]);
    const expectedCovered = [...expected.values()].reduce((sum, row) => sum + row.covered, 0);
    const expectedTotal = [...expected.values()].reduce((sum, row) => sum + row.population, 0);
    expect(body).toMatchObject({ layer: layerId, radius, mode: 'euclidean', totalPopulation: expectedTotal, coveredPopulation: expectedCovered });
    expect(body.coveredShare).toBeCloseTo(expectedCovered / expectedTotal, 12);
    for (const community of body.byCommunity) {
      expect({ code: community.code, population: community.population, covered: community.coveredPopulation })
        .toEqual({ code: community.code, population: expected.get(community.code)?.population ?? 0, covered: expected.get(community.code)?.covered ?? 0 });
    }
  });
});

describe('coverage request defaults and shape', () => {
  it('takes the radius from the standards table and straight-line mode by default', async () => {
    const body = await coverage({ layer: 'primary_schools' });
    expect(body.radius).toBe(SERVICE_STANDARDS.find((standard) => standard.layer === 'primary_schools')!.radiusM);
    expect(body.mode).toBe('euclidean');
    expect(body.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(body.versions).toMatchObject({ primary_schools: expect.any(Number), population: expect.any(Number), communities: expect.any(Number) });
    const [{ count }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM communities`;
    expect(body.byCommunity.length).toBeGreaterThanOrEqual(count);
    expect(body.byCommunity[0]).toEqual({ code: expect.any(String), name: expect.any(String), population: expect.any(Number), coveredPopulation: expect.any(Number), coveredShare: expect.any(Number) });
  });

  it('maps the uncovered cells as GeoJSON squares that hold exactly the uncovered population', async () => {
    const summary = await coverage({ layer: 'kindergartens', radius: 300 });
    const response = await app.request('/api/analysis/coverage?format=geojson', { method: 'POST', body: JSON.stringify({ layer: 'kindergartens', radius: 300 }) });
    expect(response.headers.get('Content-Type')).toContain('application/geo+json');
    const collection = await response.json();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.every((feature: { geometry: { type: string } }) => feature.geometry.type === 'Polygon')).toBe(true);
    const population = collection.features.reduce((sum: number, feature: { properties: { population: number } }) => sum + feature.properties.population, 0);
    expect(population).toBe(summary.totalPopulation - summary.coveredPopulation);
  });
});

describe('results follow the data', () => {
  it('recompute after an edit of the facility layer, and again after it is undone', async () => {
    const before = await coverage({ layer: 'kindergartens', radius: 300 });
    // The most populated uncovered cell: a kindergarten at its centre must cover it.
    const uncovered = await (await app.request('/api/analysis/coverage?format=geojson', { method: 'POST', body: JSON.stringify({ layer: 'kindergartens', radius: 300 }) })).json();
    const target = uncovered.features.reduce((best: { id: number; properties: { population: number } }, feature: typeof best) => (feature.properties.population > best.properties.population ? feature : best));
    const [cell] = await sql<Array<{ lon: number; lat: number; community_code: string }>>`
      SELECT ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat, community_code FROM population WHERE id = ${target.id}`;
    const [added] = await sql<{ id: number }[]>`
      INSERT INTO kindergartens (name, community_code, town_code, demo, geom)
      VALUES ('测试幼儿园', ${cell.community_code}, 'test', true, ST_SetSRID(ST_MakePoint(${cell.lon}, ${cell.lat}), 4326)) RETURNING id`;
    try {
      const after = await coverage({ layer: 'kindergartens', radius: 300 });
      expect(after.versions.kindergartens).toBeGreaterThan(before.versions.kindergartens);
      expect(after.coveredPopulation).toBeGreaterThanOrEqual(before.coveredPopulation + target.properties.population);
      const expected = await countCoveredWithPostgis(sql, findLayer('kindergartens')!, 300);
      expect(after.coveredPopulation).toBe([...expected.values()].reduce((sum, row) => sum + row.covered, 0));
    } finally {
      await sql`DELETE FROM kindergartens WHERE id = ${added.id}`;
    }
    const undone = await coverage({ layer: 'kindergartens', radius: 300 });
    expect(undone.coveredPopulation).toBe(before.coveredPopulation);
  });

  it('recompute after an edit of the population', async () => {
    const before = await coverage({ layer: 'kindergartens', radius: 300 });
    const [cell] = await sql<{ id: number }[]>`SELECT id FROM population ORDER BY id LIMIT 1`;
    await sql`UPDATE population SET population = population + 1000 WHERE id = ${cell.id}`;
    try {
      expect((await coverage({ layer: 'kindergartens', radius: 300 })).totalPopulation).toBe(before.totalPopulation + 1000);
    } finally {
      await sql`UPDATE population SET population = population - 1000 WHERE id = ${cell.id}`;
    }
  });
});
