import { beforeAll, describe, expect, it } from 'vitest';
import { createPointFacility } from '../../core/analysis/facility.ts';
import { measureGeodesic } from '../../core/analysis/geodesic.ts';
import { computeNetworkDistances, snapPoints } from '../../core/analysis/network-distance.ts';
import { createNetworkSnapper } from '../../core/analysis/network-snap.ts';
import { createRoadGraph } from '../../core/analysis/road-graph.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { ANALYSIS_DEFAULTS } from '../../core/standards.ts';
import { readDemandSet, readFacilities, readRoadEdges } from '../../server/analysis/analysis-sql.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { runSiting } from '../support/siting.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

const plotIds = (chosen: string[]) => chosen.map((id) => Number(/^idle_plots:(\d+)$/.exec(id)![1]));

/**
 * Population whose cell centre lies within the radius of a kept kindergarten or a chosen plot,
 * by PostGIS alone (the box test only lets the index prune: radius / 90 000 degrees is more
 * than the radius at this latitude).
 */
async function coveredByPostgis(chosen: string[], radiusM: number, keepExisting: boolean): Promise<number> {
  const [row] = await sql<{ covered: number }[]>`
    SELECT coalesce(sum(p.population), 0)::float8 AS covered FROM population p
    WHERE (${keepExisting} AND EXISTS (SELECT 1 FROM kindergartens k
             WHERE k.geom && ST_Expand(ST_Centroid(p.geom), ${radiusM / 90000}::float8) AND ST_DWithin(ST_Centroid(p.geom)::geography, k.geom::geography, ${radiusM}::float8)))
       OR EXISTS (SELECT 1 FROM idle_plots i WHERE i.id = ANY(${sql.array(plotIds(chosen), 23)}::int[])
                  AND i.geom && ST_Expand(ST_Centroid(p.geom), ${radiusM / 90000}::float8) AND ST_DWithin(ST_Centroid(p.geom)::geography, ST_PointOnSurface(i.geom)::geography, ${radiusM}::float8))`;
  return row.covered;
}

async function populationOf(cellIds: number[]): Promise<number> {
  const [row] = await sql<{ total: number }[]>`SELECT coalesce(sum(population), 0)::float8 AS total FROM population WHERE id = ANY(${sql.array(cellIds, 23)}::int[])`;
  return row.total;
}

beforeAll(() => runSiting(app, { model: 'mclp', p: 1, facilityLayer: 'kindergartens', method: 'heuristic' }));

describe('MCLP on our data: kindergartens, the idle plots as candidates, p = 3', () => {
  it('straight-line: covers exactly what PostGIS finds within 300 m of a kindergarten or a chosen plot', async () => {
    const body = await runSiting(app, { model: 'mclp', p: 3, facilityLayer: 'kindergartens', method: 'exact' });
    expect(body).toMatchObject({ model: 'mclp', status: 'optimal', radius: 300, mode: 'euclidean', p: 3 });
    expect(body.chosen).toHaveLength(3);
    expect(body.sites.every((site: { source: string; lon: number; lat: number }) => site.source === 'idle_plots' && site.lon > 100 && site.lat > 20)).toBe(true);
    expect(body.coveredWeight).toBe(await coveredByPostgis(body.chosen, 300, true));
    const coverage = await (await app.request('/api/analysis/coverage', { method: 'POST', body: JSON.stringify({ layer: 'kindergartens', radius: 300 }) })).json();
    expect(body.baselineCoveredWeight).toBe(coverage.coveredPopulation);
    expect(body.totalWeight).toBe(coverage.totalPopulation);
    expect(await populationOf(body.newlyCoveredCells)).toBe(body.coveredWeight - body.baselineCoveredWeight);
    expect(body.curve.map((point: { coveredWeight: number }) => point.coveredWeight).at(-1)).toBe(body.coveredWeight);
    expect(body.versions).toMatchObject({ kindergartens: expect.any(Number), idle_plots: expect.any(Number), population: expect.any(Number) });
    expect(body.notes.join(' ')).toMatch(/40 candidate sites: 40 from idle_plots/);
  });

  it('keepExisting false: the chosen plots alone, baseline 0, and more new coverage than with the kindergartens kept', async () => {
    const kept = await runSiting(app, { model: 'mclp', p: 3, facilityLayer: 'kindergartens', method: 'exact' });
    const alone = await runSiting(app, { model: 'mclp', p: 3, facilityLayer: 'kindergartens', method: 'exact', keepExisting: false });
    expect(alone.baselineCoveredWeight).toBe(0);
    expect(alone.coveredWeight).toBe(await coveredByPostgis(alone.chosen, 300, false));
    expect(alone.coveredWeight).toBeGreaterThanOrEqual(kept.coveredWeight - kept.baselineCoveredWeight);
    expect(await populationOf(alone.newlyCoveredCells)).toBe(alone.coveredWeight);
  });

  it('walking: covers exactly what the coverage analysis finds once the chosen plots are built', async () => {
    const body = await runSiting(app, { model: 'mclp', p: 3, facilityLayer: 'kindergartens', mode: 'network', radius: 500, method: 'exact' });
    expect(body).toMatchObject({ status: 'optimal', mode: 'network', radius: 500 });
    const sites = await sql<{ lon: number; lat: number }[]>`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM idle_plots WHERE id = ANY(${sql.array(plotIds(body.chosen), 23)}::int[])`;
    const [demand, kindergartens, edges] = await Promise.all([readDemandSet(sql), readFacilities(sql, findLayer('kindergartens')!), readRoadEdges(sql)]);
    const snapper = createNetworkSnapper(createRoadGraph(edges), ANALYSIS_DEFAULTS.snapToleranceM);
    const facilities = [...kindergartens, ...sites.map((site) => createPointFacility(site.lon, site.lat))];
    const { distances } = computeNetworkDistances(snapper, demand, snapPoints(snapper, demand.lon, demand.lat), facilities, 500);
    let covered = 0;
    for (let cell = 0; cell < demand.count; cell += 1) if (distances[cell] <= 500) covered += demand.population[cell];
    expect(body.coveredWeight).toBe(covered);
    const baseline = await (await app.request('/api/analysis/coverage', { method: 'POST', body: JSON.stringify({ layer: 'kindergartens', radius: 500, mode: 'network' }) })).json();
    expect(body.baselineCoveredWeight).toBe(baseline.coveredPopulation);
  });

  it('grid and drawn points as candidates, with stable ids and the district as their frame', async () => {
    const points = [{ id: 'here', lon: 106.57, lat: 29.53 }, { lon: 106.6, lat: 29.55 }];
    const body = await runSiting(app, { model: 'mclp', p: 2, facilityLayer: 'kindergartens', candidates: [{ grid: 1000 }, { points }], method: 'heuristic' });
    const gridCount = body.candidateCount - 2;
    expect(gridCount).toBeGreaterThan(100);
    expect(body.notes.join(' ')).toContain(`${gridCount.toLocaleString('en-US')} from a 1000 m grid, 2 given as points`);
    expect(body.sites.every((site: { id: string }) => /^(grid:1000m:\d+:\d+|here|point:2)$/.test(site.id))).toBe(true);
    const again = await runSiting(app, { model: 'mclp', p: 2, facilityLayer: 'kindergartens', candidates: [{ grid: 1000 }, { points }], method: 'heuristic' });
    expect(again.chosen).toEqual(body.chosen);
  });

  it('capacitated: new sites and kept kindergartens (their seats) share the demand', async () => {
    const body = await runSiting(app, { model: 'mclp', p: 3, facilityLayer: 'kindergartens', capacity: { newSiteCapacity: 300, demandPerResident: 0.03 } });
    const [{ count }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM kindergartens`;
    expect(body.candidateCount).toBe(40 + count);
    expect(body.chosen.every((id: string) => id.startsWith('idle_plots:'))).toBe(true);
    const population = (await sql<{ total: number }[]>`SELECT sum(population)::float8 AS total FROM population`)[0].total;
    expect(body.totalWeight).toBeCloseTo(population * 0.03, 3);
    expect(body.coveredWeight).toBeLessThanOrEqual(body.totalWeight);
  });
});

describe('p-median on our data', () => {
  it('gathers cells into 500 m squares and assigns each to its nearest open site', async () => {
    const body = await runSiting(app, { model: 'pmedian', p: 3, facilityLayer: 'kindergartens', keepExisting: false });
    const [{ cells }] = await sql<{ cells: number }[]>`SELECT count(*)::int AS cells FROM population`;
    expect(body.notes.join(' ')).toContain(`${cells.toLocaleString('en-US')} cells → ${body.demandCount.toLocaleString('en-US')} demand points of 500 m`);
    expect(body.chosen).toHaveLength(3);
    expect(body.assignments).toHaveLength(body.demandCount);
    let weighted = 0;
    for (const assignment of body.assignments) {
      expect(body.chosen).toContain(assignment.facility);
      expect(Math.abs(measureGeodesic(assignment.lon, assignment.lat, assignment.facilityLon, assignment.facilityLat) - assignment.distance)).toBeLessThan(0.2);
      weighted += assignment.weight * assignment.distance;
    }
    expect(weighted / body.totalWeightedDistance).toBeCloseTo(1, 5);
    const total = (await sql<{ total: number }[]>`SELECT sum(population)::float8 AS total FROM population`)[0].total;
    expect(body.totalWeight).toBe(total);
  });

  it('keeps the kindergartens: demands nearer to one stay with it (facility null)', async () => {
    const body = await runSiting(app, { model: 'pmedian', p: 3, facilityLayer: 'kindergartens', aggregateCellM: 1000 });
    expect(body.notes.join(' ')).toContain('demand points of 1000 m');
    const kept = body.assignments.filter((assignment: { facility: string | null }) => assignment.facility === null);
    expect(kept.length).toBeGreaterThan(body.demandCount / 2);
    expect(body.assignments.length - kept.length).toBeGreaterThan(0);
  });

  it('walking distances from a coarse grid', async () => {
    const body = await runSiting(app, { model: 'pmedian', p: 2, facilityLayer: 'health_centres', candidates: { grid: 2000 }, mode: 'network', aggregateCellM: 1000, keepExisting: false });
    expect(body).toMatchObject({ model: 'pmedian', mode: 'network' });
    expect(body.chosen).toHaveLength(2);
    // A walk is never shorter than the straight line between its ends.
    for (const assignment of body.assignments.slice(0, 200)) {
      expect(assignment.distance + 0.2).toBeGreaterThanOrEqual(measureGeodesic(assignment.lon, assignment.lat, assignment.facilityLon, assignment.facilityLat) * 0.98);
    }
  });
});

describe('exports of a job on our data', () => {
  it('GeoJSON with the sites as points and the newly covered cells; CSV with a BOM and a row per site', async () => {
    const body = await runSiting(app, { model: 'mclp', p: 3, facilityLayer: 'kindergartens' });
    const geojson = await (await app.request(body.job.links.geojson)).json();
    const byKind = (name: string) => geojson.features.filter((feature: { properties: { kind: string } }) => feature.properties.kind === name);
    expect(byKind('site').map((feature: { geometry: { type: string; coordinates: number[] }; properties: { id: string; rank: number } }) =>
      [feature.properties.id, feature.properties.rank, feature.geometry.type])).toEqual(body.sites.map((site: { id: string }, index: number) => [site.id, index + 1, 'Point']));
    expect(byKind('newly_covered')).toHaveLength(body.newlyCoveredCells.length);
    expect(byKind('uncovered')).toHaveLength(body.uncoveredDemands);
    const bytes = new Uint8Array(await (await app.request(body.job.links.csv)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toBe('rank,id,name,lon,lat,source,marginal_gain');
    expect(lines).toHaveLength(4);
    expect(lines[1].startsWith(`1,${body.sites[0].id},`)).toBe(true);
  });

  it('p-median assignments as lines from each demand to its site', async () => {
    const body = await runSiting(app, { model: 'pmedian', p: 3, facilityLayer: 'kindergartens', keepExisting: false });
    const geojson = await (await app.request(body.job.links.geojson)).json();
    const lines = geojson.features.filter((feature: { properties: { kind: string } }) => feature.properties.kind === 'assignment');
    expect(lines).toHaveLength(body.demandCount);
    expect(lines[0].geometry.type).toBe('LineString');
  });
});

