import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/accounts/roles.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/exchange/export-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { createDemandClient, demandAt, readPlaces } from '../support/demands.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/**
 * Exports read back by GDAL's own ogr2ogr (gdal-bin, an independent reader) and compared with
 * what the API serves: the same features, fields and coordinates, in the asked system.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const cookies = {} as Record<Role, string>;
const folder = mkdtempSync(join(tmpdir(), 'atlas-export-test-'));
const FORMULA_TITLE = '=HYPERLINK("http://example.invalid","打开")';

beforeAll(async () => {
  for (const role of Object.keys(DEMO_USERNAMES) as Role[]) cookies[role] = await signIn(app, DEMO_USERNAMES[role]);
  // A resident's text that a spreadsheet would run as a formula.
  const { home } = await readPlaces(sql);
  const submitted = await createDemandClient(app).submit(demandAt(home, { title: FORMULA_TITLE }));
  expect(submitted.status).toBe(201);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface ReadFeature {
  id?: number;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

const download = (target: string, query: string, role: Role | 'public' = 'commission') =>
  app.request(`/api/export/${target}?${query}`, { headers: role === 'public' ? {} : { Cookie: cookies[role] } });

let fileNumber = 0;
/** The exported file as GDAL reads it: ogr2ogr to GeoJSON, and ogrinfo's account of its coordinate system. */
async function readBack(response: Response, format: ExportFormat): Promise<{ features: ReadFeature[]; srs: string; bytes: Uint8Array }> {
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const file = join(folder, `export-${(fileNumber += 1)}.${format === 'shp' ? 'zip' : format}`);
  writeFileSync(file, bytes);
  const source = format === 'shp' ? `/vsizip/${file}` : file;
  const open = format === 'csv' ? ['-oo', 'X_POSSIBLE_NAMES=lon', '-oo', 'Y_POSSIBLE_NAMES=lat', '-oo', 'GEOM_POSSIBLE_NAMES=wkt', '-oo', 'KEEP_GEOM_COLUMNS=NO', '-oo', 'AUTODETECT_TYPE=YES']
    : format === 'xlsx' ? ['-oo', 'HEADERS=FORCE', '-oo', 'FIELD_TYPES=AUTO'] : format === 'gpkg' ? ['-preserve_fid'] : [];
  const geojson = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', ...open, source], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const srs = format === 'csv' || format === 'xlsx' ? '' : execFileSync('ogrinfo', ['-so', '-al', source], { encoding: 'utf8' });
  return { features: (JSON.parse(geojson) as { features: ReadFeature[] }).features, srs, bytes };
}

/** The layer as OGC API – Features serves it, by id. */
async function apiFeatures(layer: string): Promise<Map<number, ReadFeature>> {
  const response = await app.request(`/ogc/collections/${layer}/items?limit=10000&f=json`);
  const body = (await response.json()) as { features: (ReadFeature & { id: number })[] };
  return new Map(body.features.map((feature) => [feature.id, feature]));
}

/** A value as the formats store it: booleans as 0/1 or true/false, numbers as text in a CSV. */
function normalize(value: unknown): unknown {
  if (value === true || value === 'true' || value === 'T') return 1;
  if (value === false || value === 'false' || value === 'F') return 0;
  if (value === '' || value === undefined) return null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

function idOf(feature: ReadFeature): number {
  return Number(feature.properties.id ?? feature.id);
}

/** Every position of a geometry, flattened. */
function positions(coordinates: unknown): number[][] {
  if (Array.isArray(coordinates) && typeof coordinates[0] === 'number') return [coordinates as number[]];
  return (coordinates as unknown[]).flatMap(positions);
}

/** The file's features are the API's: same ids, same fields (in order: a shapefile shortens names), same places. */
function expectSameFeatures(read: ReadFeature[], api: Map<number, ReadFeature>, options: { shift?: (position: number[]) => number[]; geometry: boolean; anyOrder?: boolean }) {
  expect(read.length).toBe(api.size);
  for (const feature of read) {
    const expected = api.get(idOf(feature))!;
    expect(expected, `feature ${idOf(feature)}`).toBeDefined();
    // A spreadsheet's place columns are compared with the geometry below.
    const values = Object.entries(feature.properties).filter(([name]) => !['id', 'lon', 'lat'].includes(name)).map(([, value]) => normalize(value));
    expect(values).toEqual(Object.values(expected.properties).map(normalize));
    if (!options.geometry) continue;
    // A shapefile turns rings clockwise: the same vertices, another order.
    const order = (list: number[][]) => (options.anyOrder ? [...list].sort((a, b) => a[0] - b[0] || a[1] - b[1]) : list);
    const got = order(positions(feature.geometry!.coordinates));
    const want = order(positions(expected.geometry!.coordinates).map(options.shift ?? ((position) => position)));
    expect(got.length).toBe(want.length);
    got.forEach((position, index) => {
      expect(position[0]).toBeCloseTo(want[index][0], 6);
      expect(position[1]).toBeCloseTo(want[index][1], 6);
    });
  }
}

describe('exports in the formats planning offices use', () => {
  it.each(EXPORT_FORMATS)('%s of a point layer reads back as the API serves it', async (format) => {
    const { features } = await readBack(await download('kindergartens', `format=${format}`), format);
    expectSameFeatures(features, await apiFeatures('kindergartens'), { geometry: format !== 'xlsx' });
  });

  it.each(['shp', 'gpkg', 'csv'] as const)('%s of a polygon layer keeps every ring and vertex', async (format) => {
    const { features } = await readBack(await download('towns', `format=${format}`), format);
    expectSameFeatures(features, await apiFeatures('towns'), { geometry: true, anyOrder: format === 'shp' });
  });

  it('XLSX holds the places as lon/lat columns, and the fields with Chinese names intact', async () => {
    const { features } = await readBack(await download('kindergartens', 'format=xlsx'), 'xlsx');
    const api = await apiFeatures('kindergartens');
    for (const feature of features) {
      const [lon, lat] = api.get(idOf(feature))!.geometry!.coordinates as number[];
      expect([feature.properties.lon, feature.properties.lat]).toEqual([lon, lat]);
    }
  });

  it('a shapefile comes zipped with its .cpg (UTF-8) and .prj; CGCS2000 files say EPSG:4490 and keep the coordinates', async () => {
    const response = await download('kindergartens', 'format=shp&crs=cgcs2000');
    expect(response.headers.get('Content-Type')).toBe('application/zip');
    expect(response.headers.get('Content-Disposition')).toMatch(/filename="kindergartens-cgcs2000-\d{8}\.shp\.zip"/);
    const { features, srs, bytes } = await readBack(response, 'shp');
    const listing = execFileSync('unzip', ['-l', join(folder, `export-${fileNumber}.zip`)], { encoding: 'utf8' });
    for (const part of ['shp', 'shx', 'dbf', 'prj', 'cpg']) expect(listing).toContain(`kindergartens.${part}`);
    expect(execFileSync('unzip', ['-p', join(folder, `export-${fileNumber}.zip`), 'kindergartens.cpg'], { encoding: 'utf8' }).trim()).toBe('UTF-8');
    expect(bytes.length).toBeGreaterThan(0);
    expect(srs).toMatch(/ID\["EPSG",4490\]/);
    expectSameFeatures(features, await apiFeatures('kindergartens'), { geometry: true });

    const gpkg = await readBack(await download('towns', 'format=gpkg&crs=cgcs2000'), 'gpkg');
    expect(gpkg.srs).toMatch(/ID\["EPSG",4490\]/);
    expectSameFeatures(gpkg.features, await apiFeatures('towns'), { geometry: true });
  });

  it('GCJ-02 shifts every position as gcoord does, in every spatial format', async () => {
    const toGcj02 = (position: number[]) => gcoord.transform([position[0], position[1]], gcoord.WGS84, gcoord.GCJ02) as number[];
    for (const format of ['geojson', 'shp', 'gpkg', 'csv'] as const) {
      const { features } = await readBack(await download('kindergartens', `format=${format}&crs=gcj02`), format);
      expectSameFeatures(features, await apiFeatures('kindergartens'), { geometry: true, shift: toGcj02 });
    }
  });

  it('the demand list: the staff API fields, a town office its own town only, contacts only for the roles that answer residents', async () => {
    const commission = await readBack(await download('demands', 'format=gpkg'), 'gpkg');
    const listed = await app.request('/api/demands?limit=1', { headers: { Cookie: cookies.commission } });
    const { items: demands } = (await listed.json()) as { items: Record<string, unknown>[] };
    const newest = commission.features.find((feature) => idOf(feature) === demands[0].id)!;
    for (const [name, value] of Object.entries(demands[0])) {
      if (name === 'id' || name === 'lon' || name === 'lat') continue;
      expect(normalize(newest.properties[name]), name).toEqual(normalize(value));
    }
    expect((newest.geometry!.coordinates as number[]).slice(0, 2)).toEqual([demands[0].lon, demands[0].lat]);

    const [{ town }] = await sql<{ town: string }[]>`SELECT town_code AS town FROM users WHERE username = ${DEMO_USERNAMES.town}`;
    const [{ count: inTown }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM demands WHERE town_code = ${town}`;
    const townOffice = await readBack(await download('demands', 'format=geojson', 'town'), 'geojson');
    expect(townOffice.features.length).toBe(inTown);
    expect(townOffice.features.every((feature) => feature.properties.town === town)).toBe(true);

    const inspector = await readBack(await download('demands', 'format=csv', 'inspector'), 'csv');
    expect(inspector.features.every((feature) => normalize(feature.properties.contact) === null)).toBe(true);
  });

  it('the project library: the staff API fields (nested ones as JSON), mixed shapes one shapefile per kind', async () => {
    const listed = await app.request('/api/projects?limit=500', { headers: { Cookie: cookies.commission } });
    const { items } = (await listed.json()) as { items: (Record<string, unknown> & { id: number; geometry: ReadFeature['geometry'] })[] };
    const api = new Map(items.map((item) => [item.id, item]));
    const { features } = await readBack(await download('projects', 'format=gpkg'), 'gpkg');
    expect(features.length).toBe(items.length);
    for (const feature of features) {
      const expected = api.get(idOf(feature))!;
      for (const name of ['code', 'name', 'phase', 'progress', 'primaryTown', 'published']) expect(normalize(feature.properties[name]), name).toEqual(normalize(expected[name]));
      // JSON text in the file (ogr2ogr's GeoJSON may write a JSON field back as the value itself).
      const funding = feature.properties.funding;
      expect(typeof funding === 'string' ? JSON.parse(funding) : funding).toEqual(expected.funding);
      expect(feature.geometry!.type).toBe(expected.geometry!.type);
      expect(positions(feature.geometry!.coordinates)[0][0]).toBeCloseTo(positions(expected.geometry!.coordinates)[0][0], 6);
    }

    const shapes = new Set(items.map((item) => ({ Point: 'points', LineString: 'lines', Polygon: 'polygons' } as Record<string, string>)[item.geometry!.type.replace('Multi', '')]));
    const response = await download('projects', 'format=shp');
    expect(response.status).toBe(200);
    const file = join(folder, 'projects.zip');
    writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    let total = 0;
    for (const shape of shapes) {
      for (const part of ['shp', 'shx', 'dbf', 'prj', 'cpg']) expect(listing).toContain(`projects_${shape}.${part}`);
      total += Number(/Feature Count: (\d+)/.exec(execFileSync('ogrinfo', ['-so', `/vsizip/${file}/projects_${shape}.shp`, `projects_${shape}`], { encoding: 'utf8' }))![1]);
    }
    expect(shapes.size).toBeGreaterThan(1);
    expect(total).toBe(items.length);
  });

  it('CSV has a BOM and is formula-safe; XLSX holds the text as text', async () => {
    const csv = await download('demands', 'format=csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFFid,')).toBe(true);
    expect(text).toContain(`"'${FORMULA_TITLE.replaceAll('"', '""')}"`);
    const { features } = await readBack(await download('demands', 'format=xlsx'), 'xlsx');
    expect(features.some((feature) => feature.properties.title === FORMULA_TITLE)).toBe(true);
  });

  it('records who exported what in the trail', async () => {
    await download('towns', 'format=gpkg&crs=cgcs2000', 'planner');
    const [row] = await sql<{ actor: string; action: string; entity: string; entity_id: string; after: Record<string, unknown> }[]>`
      SELECT actor, action, entity, entity_id, after FROM audit_log ORDER BY id DESC LIMIT 1`;
    expect(row).toEqual({ actor: DEMO_USERNAMES.planner, action: 'export', entity: 'export', entity_id: 'towns', after: expect.objectContaining({ format: 'gpkg', crs: 'cgcs2000' }) });
  });

  it('is for staff only, and refuses an unknown target, format or coordinate system in the standard shape', async () => {
    expect((await download('kindergartens', 'format=csv', 'public')).status).toBe(401);
    const refusals = [
      ['nowhere', 'format=csv', 404, 'unknown_export_target'],
      ['kindergartens', 'format=pdf', 400, 'invalid_query'],
      ['kindergartens', 'format=csv&crs=bd09', 400, 'invalid_query'],
      ['kindergartens', 'crs=wgs84', 400, 'invalid_query'],
      ['kindergartens', 'format=csv&extra=1', 400, 'invalid_query'],
    ] as const;
    for (const [target, query, status, code] of refusals) {
      const response = await download(target, query);
      expect(response.status, `${target}?${query}`).toBe(status);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message).not.toMatch(/\n\s+at /);
    }
  });
});
