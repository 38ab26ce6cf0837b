import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureRecord } from '../../core/layers/feature-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { createFeatureClient, expectCreated } from '../support/features.ts';
import { decodeTile, tileContaining } from '../support/mvt.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';
import { runSiting } from '../support/siting.ts';

/**
 * An edit on the map reaches everything built on the layer at once: its data version bumps, so
 * tile URLs, tiles, OGC, coverage and siting answer from the new data; undoing it restores them.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const features = createFeatureClient(app);
const RADIUS = 300;

let cookie = '';
/** The most populous cell whose centre no kindergarten reaches, and the kindergarten put there. */
let spot: { lon: number; lat: number; population: number };
let added: FeatureRecord | undefined;

beforeAll(async () => {
  cookie = await signIn(app, DEMO_USERNAMES.commission);
  // The box test only lets the index prune (radius / 90 000 degrees exceeds the radius here).
  [spot] = await sql<{ lon: number; lat: number; population: number }[]>`
    SELECT ST_X(c) AS lon, ST_Y(c) AS lat, population FROM (SELECT ST_Centroid(geom) AS c, population FROM population) AS cells
    WHERE NOT EXISTS (SELECT 1 FROM kindergartens k WHERE k.geom && ST_Expand(c, ${RADIUS / 90000}::float8) AND ST_DWithin(k.geom::geography, c::geography, ${RADIUS}))
      AND EXISTS (SELECT 1 FROM district d WHERE ST_Covers(d.geom, c))
    ORDER BY population DESC, ST_X(c), ST_Y(c) LIMIT 1`;
});

afterAll(async () => {
  if (added && (await features.read('kindergartens', added.id)).status === 200) await features.remove('kindergartens', added.id, cookie, added.version);
});

async function coverage() {
  const response = await app.request('/api/analysis/coverage', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ layer: 'kindergartens', radius: RADIUS }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { coveredPopulation: number; totalPopulation: number; versions: Record<string, number> };
}

const siting = () => runSiting(app, { model: 'mclp', p: 1, facilityLayer: 'kindergartens', radius: RADIUS, method: 'heuristic' });

async function layerVersion() {
  const [{ version }] = await sql<{ version: number }[]>`SELECT version::int FROM layer_versions WHERE layer = 'kindergartens'`;
  return version;
}

async function tileUrl() {
  return ((await (await app.request('/tiles/kindergartens.json')).json()) as { tiles: string[] }).tiles[0];
}

async function kindergartensInTile(lon: number, lat: number) {
  const z = 15;
  const { x, y } = tileContaining(lon, lat, z);
  const response = await app.request(`/tiles/kindergartens/${z}/${x}/${y}.mvt`, { headers: { 'Accept-Encoding': 'identity' } });
  expect(response.status).toBe(200);
  const bytes = await response.arrayBuffer();
  return bytes.byteLength ? (decodeTile(bytes, z, x, y).kindergartens ?? []) : [];
}

describe('a kindergarten added on the map', () => {
  it('is seen at once by tiles, OGC, coverage and siting, and deleting it restores every figure', async () => {
    expect(spot.population).toBeGreaterThan(0);
    const [versionBefore, urlBefore, coverageBefore, sitingBefore] = [await layerVersion(), await tileUrl(), await coverage(), await siting()];
    expect(sitingBefore.baselineCoveredWeight).toBe(coverageBefore.coveredPopulation);

    added = await expectCreated(await features.create('kindergartens', { type: 'Feature', geometry: { type: 'Point', coordinates: [spot.lon, spot.lat] }, properties: { name: '普惠新园', seats: 270, ownership: 'inclusive' } }, cookie));

    // The layer's data version grows, and with it the tile URL.
    expect(await layerVersion()).toBeGreaterThan(versionBefore);
    const urlAfter = await tileUrl();
    expect(urlAfter).not.toBe(urlBefore);
    expect(urlAfter).toMatch(new RegExp(`\\?v=${await layerVersion()}$`));

    // The tile at its place holds it, where it was put, with its properties.
    const inTile = (await kindergartensInTile(spot.lon, spot.lat)).find((feature) => Number(feature.id) === added!.id);
    expect(inTile?.properties).toMatchObject({ name: '普惠新园', seats: 270 });
    const [lon, lat] = (inTile!.geometry as { coordinates: number[] }).coordinates;
    expect(Math.abs(lon - spot.lon)).toBeLessThan(1e-4);
    expect(Math.abs(lat - spot.lat)).toBeLessThan(1e-4);

    // OGC serves it too.
    const item = await app.request(`/ogc/collections/kindergartens/items/${added.id}?f=json`);
    expect(item.status).toBe(200);
    expect((await item.json()).properties).toMatchObject({ name: '普惠新园', seats: 270, demo: false });

    // Coverage counts the people it reaches; siting keeps it as an existing facility.
    const coverageAfter = await coverage();
    expect(coverageAfter.versions.kindergartens).toBe(await layerVersion());
    expect(coverageAfter.coveredPopulation).toBeGreaterThanOrEqual(coverageBefore.coveredPopulation + spot.population);
    const sitingAfter = await siting();
    expect(sitingAfter.baselineCoveredWeight).toBe(coverageAfter.coveredPopulation);
    expect(sitingAfter.baselineCoveredWeight).toBeGreaterThan(sitingBefore.baselineCoveredWeight);

    // Deleting it: a newer version still, and every figure as it was.
    expect((await features.remove('kindergartens', added.id, cookie, added.version)).status).toBe(204);
    expect(await layerVersion()).toBeGreaterThan(coverageAfter.versions.kindergartens);
    expect(await tileUrl()).not.toBe(urlAfter);
    expect((await kindergartensInTile(spot.lon, spot.lat)).some((feature) => Number(feature.id) === added!.id)).toBe(false);
    expect((await app.request(`/ogc/collections/kindergartens/items/${added.id}?f=json`)).status).toBe(404);
    const coverageRestored = await coverage();
    expect(coverageRestored.coveredPopulation).toBe(coverageBefore.coveredPopulation);
    expect(coverageRestored.totalPopulation).toBe(coverageBefore.totalPopulation);
    expect((await siting()).baselineCoveredWeight).toBe(sitingBefore.baselineCoveredWeight);
  });
});
