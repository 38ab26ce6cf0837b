import { booleanPointInPolygon, bbox } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { computeNearestDistances } from '../../core/analysis/nearest-distance.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { ANALYSIS_DEFAULTS } from '../../core/standards.ts';
import { readFacilities, readRoadEdges } from '../../server/analysis/analysis-sql.ts';
import { loadConfig } from '../../server/config.ts';
import { AnalysisStore } from '../../server/analysis/analysis-store.ts';
import { referenceNetworkDistances } from '../core/analysis/reference.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const post = (path: string, body: object) => app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

async function populationBeyondRoads(metres: number): Promise<number> {
  const [row] = await sql<{ population: number }[]>`
    SELECT coalesce(sum(p.population), 0)::float8 AS population FROM population p
    WHERE NOT EXISTS (SELECT 1 FROM roads r WHERE r.geom && ST_Expand(ST_Centroid(p.geom), ${metres}::float8 / 90000)
      AND ST_DWithin(ST_Centroid(p.geom)::geography, r.geom::geography, ${metres}::float8))`;
  return row.population;
}

describe('network coverage on the full dataset', () => {
  const store = new AnalysisStore(sql);

  it('agrees with a plain Dijkstra on a graph split at every snap point, for a sample of cells', async () => {
    const layer = findLayer('kindergartens')!;
    const versions = await store.readVersions([layer.id], 'network');
    const [demand, nearest, edges, facilities] = await Promise.all([
      store.demand(versions), store.nearestDistances(layer, 'network', 1000, versions), readRoadEdges(sql), readFacilities(sql, layer),
    ]);
    const sample = Array.from({ length: 50 }, (_, index) => Math.floor((index * demand.count) / 50));
    const reference = referenceNetworkDistances(
      edges,
      sample.map((cell) => [demand.lon[cell], demand.lat[cell]] as const),
      facilities.map((facility) => [facility.paths[0][0], facility.paths[0][1]] as const),
      ANALYSIS_DEFAULTS.snapToleranceM,
    );
    sample.forEach((cell, index) => {
      if (reference[index] <= 1000) expect(nearest.distances[cell], `cell ${cell}`).toBeCloseTo(reference[index], 6);
      else expect(nearest.distances[cell], `cell ${cell}`).toBe(Infinity);
    });
    expect(reference.filter((distance) => distance <= 1000).length).toBeGreaterThan(5);
  });

  it('is never much shorter than the straight line (road lengths are within 1% of their lines)', async () => {
    const layer = findLayer('primary_schools')!;
    const versions = await store.readVersions([layer.id], 'network');
    const [demand, network, facilities] = await Promise.all([store.demand(versions), store.nearestDistances(layer, 'network', 1500, versions), store.facilities(layer, versions)]);
    const straight = computeNearestDistances(demand, facilities, 1500);
    for (let cell = 0; cell < demand.count; cell += 1) {
      if (Number.isFinite(network.distances[cell])) expect(network.distances[cell]).toBeGreaterThanOrEqual(straight[cell] * 0.99);
    }
  });

  it('reports coverage below straight-line coverage, and the people no road reaches', async () => {
    const network = await (await post('/api/analysis/coverage', { layer: 'kindergartens', mode: 'network' })).json();
    const straight = await (await post('/api/analysis/coverage', { layer: 'kindergartens' })).json();
    expect(network).toMatchObject({ mode: 'network', radius: 300, walkingSpeedKmh: 4.5, minutes: 4, snapToleranceM: ANALYSIS_DEFAULTS.snapToleranceM, unreachableFacilities: expect.any(Number) });
    expect(network.coveredPopulation).toBeLessThan(straight.coveredPopulation);
    expect(network.coveredPopulation).toBeGreaterThan(0);
    expect(network.versions.roads).toEqual(expect.any(Number));
    // Snapping measures to the nearest road point as PostGIS does, give or take a few centimetres.
    expect(network.unreachablePopulation).toBeGreaterThanOrEqual(await populationBeyondRoads(ANALYSIS_DEFAULTS.snapToleranceM + 0.05));
    expect(network.unreachablePopulation).toBeLessThanOrEqual(await populationBeyondRoads(ANALYSIS_DEFAULTS.snapToleranceM - 0.05));
  });

  it('marks cells no road reaches as unreachable in the uncovered map', async () => {
    const response = await app.request('/api/analysis/coverage?format=geojson', { method: 'POST', body: JSON.stringify({ layer: 'kindergartens', mode: 'network' }) });
    const collection = await response.json();
    const summary = await (await post('/api/analysis/coverage', { layer: 'kindergartens', mode: 'network' })).json();
    const unreachable = collection.features.filter((feature: { properties: { reachable: boolean } }) => !feature.properties.reachable);
    expect(unreachable.reduce((sum: number, feature: { properties: { population: number } }) => sum + feature.properties.population, 0)).toBe(summary.unreachablePopulation);
  });
});

describe('isochrones', () => {
  async function centreOfTown() {
    const [row] = await sql<{ lon: number; lat: number }[]>`
      SELECT ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat FROM population ORDER BY population DESC, id LIMIT 1`;
    return row;
  }

  it('give the life circles (5, 10, 15 minutes) as nested polygons by default', async () => {
    const { lon, lat } = await centreOfTown();
    const response = await post('/api/analysis/isochrone', { lon, lat });
    expect(response.status).toBe(200);
    const collection = await response.json();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((band: { properties: { minutes: number } }) => band.properties.minutes)).toEqual([5, 10, 15]);
    expect(collection.features.map((band: { properties: { distanceM: number } }) => band.properties.distanceM)).toEqual([375, 750, 1125]);
    expect(collection.origin.connectorM).toBeLessThanOrEqual(ANALYSIS_DEFAULTS.snapToleranceM);
    for (const band of collection.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(band.geometry.type);
      expect(booleanPointInPolygon([lon, lat], band)).toBe(true);
    }
    const [west, south, east, north] = bbox(collection.features[2]);
    for (let step = 0; step <= 40 * 40; step += 1) {
      const point = [west + ((east - west) * (step % 41)) / 40, south + ((north - south) * Math.floor(step / 41)) / 40];
      const within = collection.features.map((band: object) => booleanPointInPolygon(point, band as never));
      if (within[0]) expect(within[1]).toBe(true);
      if (within[1]) expect(within[2]).toBe(true);
    }
  });

  it('walk at the configured speed (WALKING_SPEED_KMH)', async () => {
    const { lon, lat } = await centreOfTown();
    const slow = createTestApp(sql, kind, { config: loadConfig({ WALKING_SPEED_KMH: '3.6' }) });
    const response = await slow.request('/api/analysis/isochrone', { method: 'POST', body: JSON.stringify({ lon, lat, minutes: [10] }) });
    const collection = await response.json();
    expect(collection.walkingSpeedKmh).toBe(3.6);
    expect(collection.features[0].properties.distanceM).toBe(600);
  });

  it('take other bands and a walking speed', async () => {
    const { lon, lat } = await centreOfTown();
    const collection = await (await post('/api/analysis/isochrone', { lon, lat, minutes: [12, 3], walkingSpeedKmh: 3 })).json();
    expect(collection.walkingSpeedKmh).toBe(3);
    expect(collection.features.map((band: { properties: { minutes: number; distanceM: number } }) => [band.properties.minutes, band.properties.distanceM])).toEqual([[3, 150], [12, 600]]);
  });
});
