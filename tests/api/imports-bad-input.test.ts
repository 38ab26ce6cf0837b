import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../../core/exchange/import-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { createImportClient } from '../support/imports.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/**
 * Files an import must refuse, each with a clear 4xx in the standard shape and nothing written:
 * not what it says, a zip bomb, a shapefile without .dbf or .prj, mixed shapes, invalid shapes,
 * places outside the district or with longitude and latitude swapped, an upload over the limit.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
let cookie = '';
let imports: ReturnType<typeof createImportClient>;
/** A place inside the district: a community's point on surface. */
let inside: [number, number];

beforeAll(async () => {
  cookie = await signIn(app, DEMO_USERNAMES.commission);
  imports = createImportClient(app, cookie);
  const [row] = await sql<{ lon: number; lat: number }[]>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM communities ORDER BY code LIMIT 1) AS place`;
  inside = [row.lon, row.lat];
});

async function counts(): Promise<string> {
  const rows = await sql<{ n: number }[]>`SELECT (SELECT count(*) FROM kindergartens) + (SELECT count(*) FROM idle_plots) + (SELECT count(*) FROM demands) + (SELECT count(*) FROM import_previews) AS n`;
  return String(rows[0].n);
}

/** The refusal: its status and code, a message without a stack, and nothing written anywhere. */
async function expectRefused(upload: Promise<{ status: number; body: { error?: { code: string; message: string } } }>, status: number, code: string): Promise<string> {
  const before = await counts();
  const { status: got, body } = await upload;
  expect(got, JSON.stringify(body)).toBe(status);
  expect(body.error!.code).toBe(code);
  expect(body.error!.message).not.toMatch(/\n\s+at /);
  expect(await counts()).toBe(before);
  return body.error!.message;
}

const points = (positions: number[][], properties: Record<string, unknown> = { name: '幼儿园' }) =>
  JSON.stringify({ type: 'FeatureCollection', features: positions.map((coordinates) => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties })) });

async function exportedShapefile(): Promise<Record<string, Uint8Array>> {
  const response = await app.request('/api/export/kindergartens?format=shp', { headers: { Cookie: cookie } });
  return unzipSync(new Uint8Array(await response.arrayBuffer()));
}

describe('bad input is refused with nothing written', () => {
  it('a file that is not what its name says', async () => {
    const message = await expectRefused(imports.upload('kindergartens.gpkg', 'name,lon,lat\nA,106.5,29.5\n', 'kindergartens'), 400, 'file_not_as_named');
    expect(message).toMatch(/named as a GeoPackage but is text/);
    await expectRefused(imports.upload('kindergartens.zip', '{"type":"FeatureCollection"}', 'kindergartens'), 400, 'file_not_as_named');
    await expectRefused(imports.upload('kindergartens.pdf', '%PDF-1.4', 'kindergartens'), 400, 'unsupported_import_format');
  });

  it('a zip bomb stops as it inflates', async () => {
    const bomb = zipSync({ 'bomb.dbf': new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(IMPORT_LIMITS.maxUploadBytes / 1000);
    const message = await expectRefused(imports.upload('bomb.zip', bomb, 'kindergartens'), 400, 'archive_too_large');
    expect(message).toMatch(/zip bomb/);
    await expectRefused(imports.upload('nested.zip', zipSync({ 'inner.zip': bomb }), 'kindergartens'), 400, 'nested_archive');
  });

  it('a shapefile without its .dbf, or without its .prj unless the coordinate system is named', async () => {
    const parts = await exportedShapefile();
    const without = (extension: string) => zipSync(Object.fromEntries(Object.entries(parts).filter(([name]) => !name.endsWith(extension))));
    expect(await expectRefused(imports.upload('k.zip', without('.dbf'), 'kindergartens'), 400, 'shapefile_incomplete')).toMatch(/kindergartens\.dbf/);
    expect(await expectRefused(imports.upload('k.zip', without('.prj'), 'kindergartens'), 400, 'shapefile_without_prj')).toMatch(/crs/);
    const named = await imports.upload('k.zip', without('.prj'), 'kindergartens', { crs: 'cgcs2000' });
    expect(named.status).toBe(201);
    expect(named.body.crs).toMatchObject({ source: 'override', code: 'cgcs2000' });
    expect((await imports.drop(named.body.id)).status).toBe(204);
  });

  it('a file mixing kinds of shape, or of another kind than the layer', async () => {
    const polygon = { type: 'Polygon', coordinates: [[inside, [inside[0] + 0.001, inside[1]], [inside[0], inside[1] + 0.001], inside]] };
    const mixed = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: inside }, properties: { name: 'a' } },
      { type: 'Feature', geometry: polygon, properties: { name: 'b' } },
    ] });
    expect(await expectRefused(imports.upload('mixed.geojson', mixed, 'kindergartens'), 400, 'mixed_geometry_types')).toMatch(/1 Point, 1 Polygon/);
    await expectRefused(imports.upload('plots.geojson', points([inside]), 'idle_plots'), 400, 'wrong_geometry_type');
  });

  it('an invalid polygon that ST_MakeValid cannot keep as one polygon is listed with its reason, and the commit refuses the file', async () => {
    const [x, y] = inside;
    const d = 0.001;
    const bowtie = [[x, y], [x + d, y + d], [x + d, y], [x, y + d], [x, y]];
    const file = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [bowtie] }, properties: { name: '蝴蝶形' } },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] }, properties: { name: '方形' } },
    ] });
    const before = await counts();
    const { status, body } = await imports.upload('plots.geojson', file, 'idle_plots');
    expect(status).toBe(201);
    expect(body.invalidRows).toEqual([{
      row: 1,
      reason: expect.stringMatching(/not valid \(Self-intersection.*MultiPolygon, not a Polygon/),
      problems: [{ code: 'invalid_geometry', params: { reason: expect.stringMatching(/^Self-intersection/), made: 'MultiPolygon', expected: 'Polygon' }, message: expect.any(String) }],
    }]);
    const committed = await imports.commit(body);
    expect(committed.status).toBe(400);
    expect(committed.body.error!.code).toBe('import_has_invalid_rows');
    expect(await counts()).toBe(before.replace(/\d+$/, (n) => String(Number(n) + 1)));
    expect((await imports.drop(body.id)).status).toBe(204);
  });

  it('places outside the district, or with longitude and latitude swapped, are detected and said', async () => {
    const message = await expectRefused(imports.upload('beijing.geojson', points([[116.39, 39.91]]), 'kindergartens'), 400, 'outside_district');
    expect(message).toMatch(/none of the 1 features lies in the district: they lie within 116\.39, 39\.91/);
    const swapped = `name,lon,lat\n甲,${inside[1]},${inside[0]}\n`;
    expect(await expectRefused(imports.upload('swapped.csv', swapped, 'kindergartens'), 400, 'swapped_coordinates')).toMatch(/swapped/);
  });

  it('an upload over the size limit is refused from its length, before its body is read', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 300) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const before = await counts();
    const response = await app.request('/api/imports', {
      method: 'POST',
      body,
      headers: { Cookie: cookie, 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(300 * 1024 * 1024) },
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('upload_too_large');
    // A stream is asked for its first chunks ahead of any reader; the body was not read through.
    expect(pulled).toBeLessThan(5);
    expect(await counts()).toBe(before);
  });
});
