import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictSummary } from '../../core/district/district-contract.ts';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import { addUser } from '../../server/accounts/add-user.ts';
import { createDatabase, type Sql } from '../../server/db/client.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/db/embedded.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { createDemandClient } from '../support/demands.ts';
import { createFeatureClient, expectCreated } from '../support/features.ts';
import { createImportClient } from '../support/imports.ts';
import { signIn } from '../support/session.ts';
import { runSiting } from '../support/siting.ts';

/**
 * Another district, end to end through the API: the small made-up district of
 * tests/fixtures/small-district (2 towns, 6 communities, a 100-cell population grid) loaded by
 * the administrator on a database of its own (the shared test database keeps Nan'an for the
 * other files): a new deployment's first administrator, then check, apply, and the product
 * serving it: divisions, layers and tiles, coverage, siting and public demands.
 */
const { kind, url } = useTestDatabase();
const fixture = (name: string) => readFileSync(new URL(`../fixtures/small-district/${name}`, import.meta.url), 'utf8');
const ADMIN = 'district-admin';
const PASSWORD = 'district-admin-password';
const INSIDE = { lon: 103.905, lat: 30.503 };
/** 南坪, in Nan'an: the district served before, now outside. */
const NAN_AN = { lon: 106.57, lat: 29.53 };

let sql: Sql;
let embedded: EmbeddedDatabase | undefined;
let app: ReturnType<typeof createTestApp>;
let cookie: string;

/** A database of its own: a fresh in-memory one, or `<test database>_district` emptied. */
async function openOwnDatabase(): Promise<Sql> {
  if (kind === 'embedded') {
    embedded = await startEmbeddedDatabase(':memory:');
    return createDatabase({ url: embedded.url, embedded: true });
  }
  const source = createDatabase({ url, embedded: false, max: 1 });
  const own = new URL(url);
  const name = `${own.pathname.slice(1)}_district`;
  own.pathname = `/${name}`;
  try {
    const [exists] = await source<{ found: boolean }[]>`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ${name}) AS found`;
    if (!exists.found) await source.unsafe(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await source.end();
  }
  const database = createDatabase({ url: own.toString(), embedded: false, max: 4 });
  await database.unsafe('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  return database;
}

beforeAll(async () => {
  sql = await openOwnDatabase();
  await migrate(sql);
  await addUser(sql, { userId: null, name: 'cli', role: 'cli', requestId: 'district-test' }, { username: ADMIN, displayName: ADMIN, role: 'admin', password: PASSWORD });
  app = createTestApp(sql, kind);
  cookie = await signIn(app, ADMIN, PASSWORD);
});

afterAll(async () => {
  await sql.end();
  await embedded?.stop();
});

type Files = Partial<Record<'boundary' | 'divisions' | 'population' | 'roads', string>>;

function post(path: string, files: Files, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [role, text] of Object.entries(files)) form.append(role, new File([text], `${role}.geojson`));
  return app.request(path, { method: 'POST', body: form, headers: { Cookie: cookie, ...headers } });
}

/** A crossing of the made-up street grid (tests/fixtures/small-district/roads.geojson). */
const CROSSING = { lon: 103.905, lat: 30.506 };
const isochrone = (at: { lon: number; lat: number }, minutes = [5]) =>
  app.request('/api/analysis/isochrone', { method: 'POST', body: JSON.stringify({ ...at, minutes }), headers: { 'Content-Type': 'application/json' } });
const coverageBy = async (mode: 'euclidean' | 'network') =>
  (await app.request('/api/analysis/coverage', { method: 'POST', body: JSON.stringify({ layer: 'kindergartens', radius: 300, mode }), headers: { 'Content-Type': 'application/json' } })).json();

const goodFiles: Files = { boundary: fixture('boundary.geojson'), divisions: fixture('divisions.geojson'), population: fixture('population-grid.geojson') };

/** A place `east` and `north` metres from another (near enough on a 2 km district). */
function offset(at: { lon: number; lat: number }, east: number, north: number) {
  return { lon: at.lon + east / (111_320 * Math.cos((at.lat * Math.PI) / 180)), lat: at.lat + north / 110_850 };
}

/** Is the place inside the isochrone band (a Polygon or MultiPolygon, by its outer rings)? */
function inBand(band: { geometry: { type: string; coordinates: unknown } }, at: { lon: number; lat: number }): boolean {
  const polygons = (band.geometry.type === 'Polygon' ? [band.geometry.coordinates] : band.geometry.coordinates) as number[][][][];
  return polygons.some((polygon) => pointInRing(at.lon, at.lat, polygon[0]));
}

/** Ray casting: is the point inside the ring? */
function pointInRing(lon: number, lat: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A commission account on this database, signed in. */
async function addCommission(): Promise<string> {
  await addUser(sql, { userId: null, name: 'cli', role: 'cli', requestId: 'district-test' }, { username: 'district-commission', displayName: 'district-commission', role: 'commission', password: PASSWORD });
  return signIn(app, 'district-commission', PASSWORD);
}

async function state() {
  const [row] = await sql<{ dataset: string | null; district: number; audit: number; towns: string | null }[]>`
    SELECT (SELECT sha256 FROM dataset) AS dataset, (SELECT coalesce(max(version), 0)::int FROM layer_versions WHERE layer = 'district') AS district,
           (SELECT count(*)::int FROM audit_log) AS audit, (SELECT string_agg(name, ',' ORDER BY code) FROM towns) AS towns`;
  return row;
}

describe(`another district on the ${kind} database`, { timeout: 180_000 }, () => {
  it('is checked, then applied with If-Match, audited, and served: divisions, layers, tiles', async () => {
    const check = await post('/api/district/check', goodFiles);
    expect(check.status, await check.clone().text()).toBe(200);
    const summary = (await check.json()) as DistrictSummary;
    expect(summary).toMatchObject({
      district: { code: '510999', name: '试验区', nameEn: 'Test District' },
      towns: [{ code: '510999001000', name: '西山镇', communities: 3 }, { code: '510999002000', name: '东湖街道', communities: 3 }],
      communities: 6, communityShape: 'polygons', population: { kind: 'grid', cells: 100, total: 3440 }, replaces: null, applied: false,
    });
    expect(summary.district.areaKm2).toBeCloseTo(3.83, 1);
    expect(await state()).toMatchObject({ dataset: null, towns: null });

    expect((await post('/api/district', goodFiles)).status).toBe(428);
    const applied = await post('/api/district', goodFiles, { 'If-Match': check.headers.get('ETag')! });
    expect(applied.status, await applied.clone().text()).toBe(200);
    expect(await applied.json()).toMatchObject({ applied: true, population: { total: 3440 }, roads: null });
    // Without a roads file the district has no walking network: the isochrone says so.
    const offNetwork = await isochrone(CROSSING);
    expect({ status: offNetwork.status, code: (await offNetwork.json()).error.code }).toEqual({ status: 400, code: 'off_network' });
    expect(await sql`SELECT name FROM dataset`).toEqual([{ name: 'district:510999' }]);
    expect(await sql`SELECT actor, action, entity, entity_id FROM audit_log WHERE entity = 'district'`).toEqual([{ actor: ADMIN, action: 'replace', entity: 'district', entity_id: '510999' }]);

    const divisions = await (await app.request('/api/divisions')).json();
    expect(divisions.towns.map((town: { name: string }) => town.name)).toEqual(['西山镇', '东湖街道']);
    expect(divisions.communities).toHaveLength(6);
    // The map frames the district on its towns' boxes (client/src/map/public-map.ts).
    const west = Math.min(...divisions.towns.map((town: { bbox: number[] }) => town.bbox[0]));
    const east = Math.max(...divisions.towns.map((town: { bbox: number[] }) => town.bbox[2]));
    expect([west, east]).toEqual([103.9, 103.92]);
    const layers = await (await app.request('/api/layers')).json();
    const count = (id: string) => layers.layers.find((layer: { id: string }) => layer.id === id).count;
    expect([count('district'), count('towns'), count('communities'), count('population'), count('kindergartens')]).toEqual([1, 2, 6, 100, 0]);
    // Its own divisions and people are not demo data: the map marks none.
    expect(layers.layers.filter((layer: { demoCount: number }) => layer.demoCount > 0)).toEqual([]);
    const tileJson = await (await app.request('/tiles/communities.json')).json();
    // z14 tile holding the district: communities are drawn there.
    const x = Math.floor(((103.91 + 180) / 360) * 2 ** 14);
    const latRad = (30.509 * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * 2 ** 14);
    const tile = await app.request(String(tileJson.tiles[0]).replace(/^https?:\/\/[^/]+/, '').replace('{z}', '14').replace('{x}', String(x)).replace('{y}', String(y)));
    expect(tile.status).toBe(200);
    expect((await tile.arrayBuffer()).byteLength).toBeGreaterThan(100);
    // Pages and the map's header name the district the data holds, not Nan'an.
    expect((await (await app.request('/api/client-config')).json()).district).toEqual({ name: '试验区', nameEn: 'Test District' });
    for (const lang of ['zh', 'en']) {
      const page = await (await app.request(`/ogc/collections/communities/items?f=html&lang=${lang}`)).text();
      expect(page).toContain(lang === 'zh' ? '试验区“七个优化”' : 'Test District “Seven Optimizations”');
      expect(page).not.toMatch(/南岸|Nan’an/);
    }
  });

  it('refuses bad input with the reason and changes nothing', async () => {
    const before = await state();
    const divisions = JSON.parse(goodFiles.divisions!);
    const refused = async (files: Files, code: string, pattern: RegExp, headers = { 'If-Match': formatEntityTag(before.district) }) => {
      const response = await post('/api/district', files, headers);
      const body = await response.json();
      expect({ status: response.status, code: body.error.code }).toEqual({ status: 400, code });
      expect(body.error.message).toMatch(pattern);
      expect(await state()).toEqual(before);
    };
    await refused({ divisions: goodFiles.divisions, population: goodFiles.population }, 'district_refused', /no boundary file/);
    const moved = structuredClone(divisions);
    moved.features[5].geometry.coordinates = [[[106.56, 29.52], [106.58, 29.52], [106.58, 29.54], [106.56, 29.54], [106.56, 29.52]]];
    await refused({ ...goodFiles, divisions: JSON.stringify(moved) }, 'district_refused', /community 510999002003 lies outside the boundary \(all of it\)/);
    const nameless = structuredClone(divisions);
    for (const feature of nameless.features) if (feature.properties.town_code === '510999002000') delete feature.properties.town_name;
    await refused({ ...goodFiles, divisions: JSON.stringify(nameless) }, 'district_refused', /town 510999002000 has no name/);
    await refused({ ...goodFiles, boundary: '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[103.9,30.5]}}]}' }, 'district_refused', /the boundary must be polygons.*the boundary has no name/);
    await refused({ ...goodFiles, boundary: 'not json' }, 'file_not_as_named', /boundary file "boundary.geojson": .* is named as GeoJSON but is text/);
    // Made on an old version: someone else replaced the district since.
    const stale = await post('/api/district', goodFiles, { 'If-Match': formatEntityTag(before.district - 1) });
    expect(stale.status).toBe(409);
    expect(await state()).toEqual(before);
  });

  it('answers coverage and siting for its people, and takes public demands inside it only', async () => {
    const features = createFeatureClient(app);
    await expectCreated(await features.create('kindergartens', { type: 'Feature', geometry: { type: 'Point', coordinates: [INSIDE.lon, INSIDE.lat] }, properties: { name: '西山幼儿园', seats: 180, ownership: 'public' } }, cookie));
    const coverage = await (await app.request('/api/analysis/coverage', { method: 'POST', body: JSON.stringify({ layer: 'kindergartens', radius: 300 }), headers: { 'Content-Type': 'application/json' } })).json();
    expect(coverage.totalPopulation).toBe(3440);
    expect(coverage.coveredPopulation).toBeGreaterThan(0);
    expect(coverage.coveredPopulation).toBeLessThan(3440);

    const siting = await runSiting(app, { model: 'mclp', p: 2, facilityLayer: 'kindergartens', candidates: { grid: 400 }, method: 'heuristic' });
    expect(siting.sites).toHaveLength(2);
    for (const site of siting.sites as Array<{ lon: number; lat: number }>) {
      expect(site.lon).toBeGreaterThanOrEqual(103.9);
      expect(site.lon).toBeLessThanOrEqual(103.92);
    }

    const demands = createDemandClient(app);
    const body = { optimization: 7, type: 'elevator_retrofit', text: '老楼加装电梯' };
    const inside = await demands.submit({ ...body, ...INSIDE });
    expect(inside.status, await inside.clone().text()).toBe(201);
    expect(await inside.json()).toMatchObject({ community: '510999001001', town: '510999001000' });
    const outside = await demands.submit({ ...body, ...NAN_AN });
    expect(outside.status).toBe(400);
  });

  it('walks along its own roads: loaded with the district, then replaced by the administrator\'s import', async () => {
    const version = (await state()).district;
    const withRoads = await post('/api/district', { ...goodFiles, roads: fixture('roads.geojson') }, { 'If-Match': formatEntityTag(version) });
    expect(withRoads.status, await withRoads.clone().text()).toBe(200);
    const summary = (await withRoads.json()) as DistrictSummary;
    expect(summary.roads).toEqual({ edges: 32, nodes: 21, km: expect.closeTo(18.07, 1) });
    expect(summary.files.roads).toMatchObject({ name: 'roads.geojson', features: 10 });
    expect(await sql`SELECT road_class, count(*)::int AS edges FROM roads GROUP BY road_class ORDER BY road_class`).toEqual([
      { road_class: 'arterial', edges: 3 }, { road_class: 'path', edges: 1 }, { road_class: 'street', edges: 28 },
    ]);

    // Five minutes' walk (375 m) from a crossing: 320 m along the street east is in reach; a place
    // 368 m away into the block north-east, inside a disc of 375 m, is not (walking there takes a
    // street first, and at most 300 m off a road).
    const walked = await isochrone(CROSSING);
    expect(walked.status, await walked.clone().text()).toBe(200);
    const reach = await walked.json();
    expect(reach.origin.connectorM).toBeLessThan(1);
    const [band] = reach.features;
    expect(band.properties).toMatchObject({ minutes: 5, distanceM: 375 });
    expect(band.properties.areaM2).toBeGreaterThan(0);
    expect(inBand(band, offset(CROSSING, 320, 0))).toBe(true);
    expect(inBand(band, offset(CROSSING, 260, 260))).toBe(false);

    const features = createFeatureClient(app);
    await expectCreated(await features.create('kindergartens', { type: 'Feature', geometry: { type: 'Point', coordinates: [CROSSING.lon, CROSSING.lat] }, properties: { name: '路口幼儿园', seats: 120, ownership: 'public' } }, cookie));
    const byNetwork = await coverageBy('network');
    const straight = await coverageBy('euclidean');
    expect(byNetwork.coveredPopulation).toBeGreaterThan(0);
    expect(byNetwork.coveredPopulation).toBeLessThan(straight.coveredPopulation);

    // The network replaced by a file of one road (the arterial): walking sees it at once, by the roads' data version.
    const imports = createImportClient(app, cookie);
    const arterial = JSON.parse(fixture('roads.geojson'));
    arterial.features = arterial.features.filter((feature: { properties: { road_class?: string } }) => feature.properties.road_class === 'arterial');
    const commission = await addCommission();
    const refused = await createImportClient(app, commission).upload('roads.geojson', JSON.stringify(arterial), 'roads');
    expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 403, code: 'import_not_allowed' });
    const { status, body: preview } = await imports.upload('roads.geojson', JSON.stringify(arterial), 'roads');
    expect(status, JSON.stringify(preview.error)).toBe(201);
    expect(preview).toMatchObject({ target: 'roads', featureCount: 1, invalidRows: [], mapping: { road_class: 'road_class' } });
    expect(preview.targetVersion).toBeGreaterThan(0);
    const committed = await imports.commit(preview);
    expect(committed.status, JSON.stringify(committed.body.error)).toBe(200);
    // Alone, the arterial has no junction left along it: one edge.
    expect(committed.body.committed).toBe(1);
    expect(await sql`SELECT count(*)::int AS edges, sum(length_m)::int AS metres FROM roads`).toEqual([{ edges: 1, metres: 1996 }]);
    expect(await sql`SELECT actor, action, entity FROM audit_log WHERE entity_id = ${preview.id}`).toEqual([{ actor: ADMIN, action: 'import', entity: 'feature:roads' }]);
    // The crossing is 480 m from the arterial now; from the arterial, the street that ran east is gone.
    const offArterial = await isochrone(CROSSING);
    expect({ status: offArterial.status, code: (await offArterial.json()).error.code }).toEqual({ status: 400, code: 'off_network' });
    const onArterial = { lon: 103.91, lat: 30.506 };
    const alongArterial = await (await isochrone(onArterial)).json();
    expect(alongArterial.versions.roads).toBeGreaterThan(reach.versions.roads);
    expect(inBand(alongArterial.features[0], offset(onArterial, 0, 320))).toBe(true);
    expect(inBand(alongArterial.features[0], offset(onArterial, 320, 0))).toBe(false);
  });
});
