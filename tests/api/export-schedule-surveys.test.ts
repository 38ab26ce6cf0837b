import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/accounts/roles.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/exchange/export-contract.ts';
import type { ProjectSchedulePage } from '../../core/projects/project-contract.ts';
import type { SurveysResponse } from '../../core/surveys/survey-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/**
 * The construction schedule and the survey table as files, read back by GDAL's own ogr2ogr
 * (gdal-bin) and compared with what `GET /api/projects/schedule` and `GET /api/surveys` say:
 * the same rows, the same figures, in every format and coordinate system.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const cookies = {} as Record<Role, string>;
const folder = mkdtempSync(join(tmpdir(), 'atlas-export-schedule-'));

beforeAll(async () => {
  for (const role of ['commission', 'inspector', 'town'] as const) cookies[role] = await signIn(app, DEMO_USERNAMES[role]);
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
async function readBack(response: Response, format: ExportFormat): Promise<{ features: ReadFeature[]; srs: string }> {
  expect(response.status).toBe(200);
  const file = join(folder, `export-${(fileNumber += 1)}.${format === 'shp' ? 'zip' : format}`);
  writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
  const open = format === 'csv' ? ['-oo', 'X_POSSIBLE_NAMES=lon', '-oo', 'Y_POSSIBLE_NAMES=lat', '-oo', 'GEOM_POSSIBLE_NAMES=wkt', '-oo', 'KEEP_GEOM_COLUMNS=NO', '-oo', 'AUTODETECT_TYPE=YES']
    : format === 'xlsx' ? ['-oo', 'HEADERS=FORCE', '-oo', 'FIELD_TYPES=AUTO'] : format === 'gpkg' ? ['-preserve_fid'] : [];
  // A zipped shapefile of mixed shapes is a shapefile per kind: every one of them is read.
  const sources = format === 'shp'
    ? execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter((name) => name.endsWith('.shp')).map((name) => `/vsizip/${file}/${name}`)
    : [file];
  const features: ReadFeature[] = [];
  let srs = '';
  for (const source of sources) {
    const geojson = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', ...open, source], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    features.push(...(JSON.parse(geojson) as { features: ReadFeature[] }).features);
    if (format !== 'csv' && format !== 'xlsx') srs = execFileSync('ogrinfo', ['-so', '-al', source], { encoding: 'utf8' });
  }
  return { features, srs };
}

/** A value as the formats store it: booleans as 0/1, numbers as text in a CSV, nested values as JSON (parsed to compare). */
function normalize(value: unknown): unknown {
  if (value === true || value === 'true' || value === 'T') return 1;
  if (value === false || value === 'false' || value === 'F') return 0;
  if (value === '' || value === undefined || value === null) return null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** A file's row against the API's record: the same values, field by field in the API's order (a shapefile shortens names). */
function expectSameValues(read: ReadFeature, expected: Record<string, unknown>, format: ExportFormat, label: string) {
  // GDAL's XLSX reader leaves out a column with no value in any row (a schedule's parentId): read by name there, absent as empty.
  const values = format === 'xlsx'
    ? Object.keys(expected).map((name) => read.properties[name] ?? null)
    : Object.entries(read.properties).filter(([name]) => !['id', 'lon', 'lat', 'wkt'].includes(name)).map(([, value]) => value);
  const wanted = Object.values(expected);
  expect(values.length, label).toBe(wanted.length);
  wanted.forEach((value, index) => {
    const text = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
    // A .dbf text field holds 254 bytes: longer JSON comes back cut there (the format's limit).
    if (format === 'shp' && typeof text === 'string' && new TextEncoder().encode(text).length > 254) {
      expect(text.startsWith(String(values[index]).slice(0, 200)), `${label}: field ${index}`).toBe(true);
      return;
    }
    expect(normalize(values[index]), `${label}: field ${index}`).toEqual(normalize(text));
  });
}

const idOf = (feature: ReadFeature) => Number(feature.properties.id ?? feature.id);

async function scheduleItems() {
  const response = await app.request('/api/projects/schedule?limit=2000', { headers: { Cookie: cookies.commission } });
  expect(response.status).toBe(200);
  const page = (await response.json()) as ProjectSchedulePage;
  expect(page.items.length).toBe(page.total);
  return page.items;
}

async function surveyItems() {
  const first = (await (await app.request('/api/surveys', { headers: { Cookie: cookies.commission } })).json()) as SurveysResponse;
  expect(first.quarters.length).toBeGreaterThan(0);
  const items = [];
  for (const quarter of first.quarters) {
    const page = (await (await app.request(`/api/surveys?quarter=${quarter}`, { headers: { Cookie: cookies.commission } })).json()) as SurveysResponse;
    items.push(...page.items);
  }
  return items;
}

describe('the construction schedule as a file', () => {
  it.each(EXPORT_FORMATS)('%s: every bar of the timeline with its dates, lateness and progress', async (format) => {
    const items = await scheduleItems();
    const { features } = await readBack(await download('schedule', `format=${format}`), format);
    expect(features.length).toBe(items.length);
    const byId = new Map(items.map((item) => [item.id, item]));
    for (const feature of features) {
      const item = byId.get(idOf(feature));
      expect(item, `bar ${idOf(feature)}`).toBeDefined();
      const { id: _id, ...fields } = item!;
      expectSameValues(feature, fields, format, item!.code);
    }
    // The timeline's order: earliest start first (a GeoPackage lists by id, a shapefile by kind of shape).
    if (format === 'geojson' || format === 'csv' || format === 'xlsx') expect(features.map(idOf)).toEqual(items.map((item) => item.id));
    expect(features.some((feature) => normalize(feature.properties.late) !== null && (normalize(feature.properties.late) as { isLate: boolean }).isLate)).toBe(true);
  });

  it('in GCJ-02 each project is shifted as gcoord shifts it; in CGCS2000 the file says EPSG:4490', async () => {
    const plain = await readBack(await download('schedule', 'format=geojson'), 'geojson');
    const shifted = await readBack(await download('schedule', 'format=geojson&crs=gcj02'), 'geojson');
    const point = plain.features.find((feature) => feature.geometry?.type === 'Point')!;
    const moved = shifted.features.find((feature) => idOf(feature) === idOf(point))!;
    const [lon, lat] = gcoord.transform(point.geometry!.coordinates as [number, number], gcoord.WGS84, gcoord.GCJ02) as number[];
    expect((moved.geometry!.coordinates as number[])[0]).toBeCloseTo(lon, 6);
    expect((moved.geometry!.coordinates as number[])[1]).toBeCloseTo(lat, 6);
    const { srs } = await readBack(await download('schedule', 'format=gpkg&crs=cgcs2000'), 'gpkg');
    expect(srs).toMatch(/ID\["EPSG",4490\]/);
  });
});

describe('the survey table as a file', () => {
  it.each(EXPORT_FORMATS)('%s: every community and quarter with the API figures', async (format) => {
    const items = await surveyItems();
    const { features } = await readBack(await download('surveys', `format=${format}`), format);
    expect(features.length).toBe(items.length);
    const byKey = new Map(items.map((item) => [`${item.community}|${item.quarter}`, item]));
    for (const feature of features) {
      const { community, quarter } = feature.properties;
      const item = byKey.get(`${community}|${quarter}`);
      expect(item, `${community} ${quarter}`).toBeDefined();
      expectSameValues(feature, { ...item! }, format, `${community} ${quarter}`);
    }
  });

  it("each row is its community's polygon, as the grid holds it", async () => {
    const { features } = await readBack(await download('surveys', 'format=geojson'), 'geojson');
    const codes = [...new Set(features.map((feature) => String(feature.properties.community)))].slice(0, 5);
    const outlines = await sql<{ code: string; geometry: { type: string; coordinates: unknown } }[]>`
      SELECT code, ST_AsGeoJSON(geom, 7)::json AS geometry FROM communities WHERE code IN ${sql(codes)}`;
    for (const outline of outlines) {
      const feature = features.find((candidate) => candidate.properties.community === outline.code)!;
      expect(feature.geometry).toEqual(outline.geometry);
    }
  });

  it('staff take them, the public does not; an unknown target is named', async () => {
    expect((await download('surveys', 'format=csv', 'inspector')).status).toBe(200);
    expect((await download('schedule', 'format=csv', 'town')).status).toBe(200);
    expect((await download('schedule', 'format=csv', 'public')).status).toBe(401);
    expect((await download('surveys', 'format=csv', 'public')).status).toBe(401);
    const unknown = await download('timeline', 'format=csv');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('schedule or surveys');
  });
});
