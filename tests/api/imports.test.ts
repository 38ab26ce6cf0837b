import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { createImportClient } from '../support/imports.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/**
 * Imports as planning offices bring them: a GBK shapefile without .cpg, Gauss-Krüger metres in
 * a table, GCJ-02 from an online map; the commit's If-Match on the layer version, its audit row,
 * and who sees and writes what.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const folder = mkdtempSync(join(tmpdir(), 'atlas-import-test-'));
let commission: ReturnType<typeof createImportClient>;
let admin: ReturnType<typeof createImportClient>;
let inside: [number, number];

beforeAll(async () => {
  commission = createImportClient(app, await signIn(app, DEMO_USERNAMES.commission));
  admin = createImportClient(app, await signIn(app, DEMO_USERNAMES.admin));
  const [row] = await sql<{ lon: number; lat: number }[]>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM communities ORDER BY code DESC LIMIT 1) AS place`;
  inside = [row.lon, row.lat];
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A shapefile written by GDAL's own ogr2ogr in GBK (code page 936), zipped without its .cpg. */
function gbkShapefile(): Uint8Array {
  const csv = join(folder, 'gbk.csv');
  writeFileSync(csv, `name,seats,lon,lat\n南坪幼儿园,120,${inside[0]},${inside[1]}\n`);
  const out = join(folder, 'gbk');
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP936', '-a_srs', 'EPSG:4490', out, csv, '-oo', 'X_POSSIBLE_NAMES=lon', '-oo', 'Y_POSSIBLE_NAMES=lat', '-nln', 'gbk']);
  return zipSync(Object.fromEntries(readdirSync(out).filter((name) => !name.endsWith('.cpg')).map((name) => [name, new Uint8Array(readFileSync(join(out, name)))])));
}

describe('coordinate systems and encodings', () => {
  it('a GBK shapefile without .cpg: detected as GB18030 and said so; read as UTF-8 when asked, the names are garbled', async () => {
    const bytes = gbkShapefile();
    const { status, body } = await commission.upload('gbk.zip', bytes, 'kindergartens');
    expect(status, JSON.stringify(body.error)).toBe(201);
    expect(body.encoding).toMatchObject({ name: 'gb18030', source: 'detected' });
    expect(body.encoding.note).toMatch(/not UTF-8/);
    expect(body.encoding.notice).toEqual({ code: 'encoding_no_cpg_not_utf8', params: {}, message: body.encoding.note });
    expect(body.crs.notice).toMatchObject({ code: 'crs_from_file', params: { name: expect.stringContaining('4490') } });
    expect(body.rows[0].name).toBe('南坪幼儿园');
    expect(body.crs).toMatchObject({ source: 'file' });
    const forced = await commission.upload('gbk.zip', bytes, 'kindergartens', { encoding: 'utf-8' });
    expect(forced.body.encoding).toMatchObject({ name: 'utf-8', source: 'override', notice: { code: 'encoding_override', params: { encoding: 'utf-8' } } });
    expect(forced.body.rows[0].name).not.toBe('南坪幼儿园');
    await commission.drop(body.id);
    await commission.drop(forced.body.id);
  });

  it('Gauss-Krüger metres in a table: the zone from the prefix, or the district’s zone without it', async () => {
    const project = (zone: number, prefix: boolean) => {
      const out = execFileSync('gdaltransform', ['-s_srs', '+proj=longlat +ellps=GRS80', '-t_srs', `+proj=tmerc +lon_0=${zone * 3} +k=1 +x_0=${prefix ? zone * 1e6 + 500000 : 500000} +ellps=GRS80`], { input: `${inside[0]} ${inside[1]}\n`, encoding: 'utf8' });
      return out.trim().split(/\s+/).slice(0, 2).map(Number);
    };
    const zone = Math.round(inside[0] / 3);
    for (const [prefixed, epsg] of [[true, 4513 + zone - 25], [false, 4534 + zone - 25]] as const) {
      const [x, y] = project(zone, prefixed);
      const { status, body } = await commission.upload('gk.csv', `name,x,y\n甲,${x},${y}\n`, 'kindergartens');
      expect(status, JSON.stringify(body.error)).toBe(201);
      expect(body.crs).toMatchObject({ source: 'guessed', code: `EPSG:${epsg}`, notice: { code: 'crs_guessed', params: { name: expect.stringContaining(`EPSG:${epsg}`) } } });
      const [lon, lat] = (body.sample.features[0].geometry as { coordinates: number[] }).coordinates;
      expect(lon).toBeCloseTo(inside[0], 6);
      expect(lat).toBeCloseTo(inside[1], 6);
      await commission.drop(body.id);
    }
    const named = await commission.upload('gk.csv', `name,x,y\n甲,${project(zone, false).join(',')}\n`, 'kindergartens', { crs: `EPSG:${4534 + zone - 25}` });
    expect(named.body.crs.source).toBe('override');
    await commission.drop(named.body.id);
  });

  it('GCJ-02 (AMap, Tencent) and BD-09 (Baidu) named by the user are brought back to WGS84', async () => {
    for (const crs of ['gcj02', 'bd09'] as const) {
      const shifted = gcoord.transform(inside, gcoord.WGS84, crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09) as number[];
      const { body } = await commission.upload('amap.csv', `name,lng,lat\n甲,${shifted[0]},${shifted[1]}\n`, 'kindergartens', { crs });
      expect(body.crs.code).toBe(crs);
      const [lon, lat] = (body.sample.features[0].geometry as { coordinates: number[] }).coordinates;
      expect(lon).toBeCloseTo(inside[0], 5);
      expect(lat).toBeCloseTo(inside[1], 5);
      await commission.drop(body.id);
    }
    const guessed = await commission.upload('plain.csv', `name,lon,lat\n甲,${inside[0]},${inside[1]}\n`, 'kindergartens');
    expect(guessed.body.crs.note).toMatch(/GCJ-02/);
    expect(guessed.body.crs.notice).toEqual({ code: 'crs_guessed_degrees', params: { name: 'WGS 84 (EPSG:4326)' }, message: guessed.body.crs.note });
    expect(guessed.body.encoding.notice).toMatchObject({ code: 'encoding_valid_utf8', params: {} });
    await commission.drop(guessed.body.id);
  });
});

describe('the commit', () => {
  const file = () => `name,seats,ownership,lon,lat\n新建幼儿园甲,90,public,${inside[0]},${inside[1]}\n新建幼儿园乙,abc,public,${inside[0]},${inside[1]}\n`;

  it('asks for the layer version it was previewed on, lists invalid rows, writes all or none, with its audit row', async () => {
    const { body: preview } = await commission.upload('new.csv', file(), 'kindergartens');
    expect(preview.invalidRows).toEqual([{
      row: 2,
      reason: expect.stringMatching(/seats \(seats\): "abc" is not a number/),
      problems: [{ code: 'not_a_number', params: { property: 'seats', field: 'seats', value: 'abc' }, message: 'seats (seats): "abc" is not a number' }],
    }]);
    expect(preview.mapping).toMatchObject({ name: 'name', seats: 'seats', ownership: 'ownership' });

    const missing = await app.request(`/api/imports/${preview.id}/commit`, { method: 'POST', headers: { Cookie: await signIn(app, DEMO_USERNAMES.commission) } });
    expect(missing.status).toBe(428);
    const stale = await commission.commit({ id: preview.id, targetVersion: preview.targetVersion! - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error!.code).toBe('version_conflict');
    const refused = await commission.commit(preview);
    expect(refused.body.error!.code).toBe('import_has_invalid_rows');

    const [{ count: before }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM kindergartens`;
    const committed = await commission.commit(preview, { skipInvalid: true });
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({ committed: 1, skipped: [{ row: 2 }] });
    expect(committed.body.targetVersion).toBeGreaterThan(preview.targetVersion!);
    const [{ count: after }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM kindergartens`;
    expect(after).toBe(before + 1);
    const [added] = await sql<{ name: string; seats: number; community_code: string | null; demo: boolean }[]>`
      SELECT name, seats, community_code, demo FROM kindergartens WHERE name = '新建幼儿园甲'`;
    expect(added).toMatchObject({ name: '新建幼儿园甲', seats: 90, demo: false });
    expect(added.community_code).not.toBeNull();
    const [audit] = await sql<{ action: string; entity: string; entity_id: string; after: { committed: number } }[]>`
      SELECT action, entity, entity_id, after FROM audit_log WHERE entity_id = ${preview.id}`;
    expect(audit).toMatchObject({ action: 'import', entity: 'feature:kindergartens', after: { committed: 1 } });
    // Committed once: the preview is gone.
    expect((await commission.get(preview.id)).status).toBe(404);
    expect((await commission.commit(preview, { skipInvalid: true })).status).toBe(404);
  });

  it('says each row’s problems as codes with what they name, beside the English reason', async () => {
    const [lon, lat] = inside;
    const kindergartens = [
      'name,seats,ownership,lon,lat',
      `好幼儿园,90,public,${lon},${lat}`,
      `,90,public,${lon},${lat}`,
      `坏幼儿园乙,1.5,public,${lon},${lat}`,
      `坏幼儿园丙,60,state,${lon},${lat}`,
      `坏幼儿园丁,60,public,100.5,30.5`,
      `坏幼儿园戊,很多,state,100.5,30.5`,
    ].join('\n');
    const { status, body } = await commission.upload('bad-rows.csv', kindergartens, 'kindergartens');
    expect(status, JSON.stringify(body.error)).toBe(201);
    const problems = Object.fromEntries(body.invalidRows.map((bad) => [bad.row, bad.problems]));
    expect(Object.keys(problems)).toEqual(['2', '3', '4', '5', '6']);
    expect(problems[2]).toEqual([{ code: 'required_missing', params: { property: 'name', field: 'name' }, message: expect.any(String) }]);
    expect(problems[3]).toMatchObject([{ code: 'not_whole_number', params: { property: 'seats', field: 'seats', value: '1.5' } }]);
    expect(problems[4]).toMatchObject([{ code: 'unknown_choice', params: { property: 'ownership', field: 'ownership', value: 'state' } }]);
    expect(String(problems[4][0].params.choices)).toContain('inclusive');
    expect(problems[5]).toEqual([{ code: 'outside_district', params: {}, message: 'it lies outside the district' }]);
    // Several problems: the geometry's first, then the values'; the reason is their English in that order.
    expect(problems[6].map((item) => item.code)).toEqual(['outside_district', 'not_a_number']);
    const sixth = body.invalidRows.find((bad) => bad.row === 6)!;
    expect(sixth.reason).toBe(sixth.problems.map((item) => item.message).join('; '));

    const demands = `type,text,status,lon,lat\nno_such_type,要一个候车亭,,${lon},${lat}\nbus_shelter,要一个候车亭,rejected,${lon},${lat}\n`;
    const demandPreview = await commission.upload('bad-demands.csv', demands, 'demands');
    expect(demandPreview.status, JSON.stringify(demandPreview.body.error)).toBe(201);
    expect(demandPreview.body.invalidRows.map((bad) => bad.problems)).toEqual([
      [{ code: 'unknown_choice', params: { property: 'type', field: 'type', value: 'no_such_type' }, message: 'type "no_such_type" is not a demand type' }],
      [{ code: 'rejected_without_reason', params: {}, message: 'a rejected demand has a reason' }],
    ]);
    // A commit that refuses names the same codes; a preview stored before the codes (kept a day) has its words as a broken rule.
    const [stored] = await sql<{ features: string }[]>`SELECT features FROM import_previews WHERE id = ${body.id}`;
    const old = (JSON.parse(stored.features) as Array<{ problems: unknown[] }>).map((row) => ({ ...row, problems: row.problems.map((item) => (item as { message: string }).message) }));
    await sql`UPDATE import_previews SET features = ${JSON.stringify(old)} WHERE id = ${body.id}`;
    const refused = await commission.commit(body);
    const refusedRows = (refused.body.error!.details as { invalidRows: Array<{ row: number; problems: Array<{ code: string; params: object }> }> }).invalidRows;
    expect(refusedRows[0].problems[0].code).toBe('required_missing');
    expect(refusedRows.find((bad) => bad.row === 5)!.problems).toEqual([{ code: 'rule_broken', params: { rule: 'it lies outside the district' }, message: 'it lies outside the district' }]);
    await commission.drop(body.id);
    await commission.drop(demandPreview.body.id);
  });

  it('a changed mapping is checked again; a preview is seen only by its maker and expires', async () => {
    const { body: preview } = await commission.upload('new.csv', file(), 'kindergartens');
    const wrong = await commission.commit(preview, { mapping: { name: 'nowhere' } });
    expect(wrong.body.error!.code).toBe('invalid_mapping');
    expect((await admin.get(preview.id)).status).toBe(404);
    expect((await commission.get(preview.id)).status).toBe(200);
    await sql`UPDATE import_previews SET expires_at = now() - interval '1 minute' WHERE id = ${preview.id}`;
    expect((await commission.get(preview.id)).status).toBe(404);
    expect((await commission.drop(preview.id)).status).toBe(204);
  });

  it('targets: a town office may write neither a facility layer nor the project library, the frame is not a target', async () => {
    const town = createImportClient(app, await signIn(app, DEMO_USERNAMES.town));
    expect((await town.upload('new.csv', file(), 'kindergartens')).body.error!.code).toBe('import_not_allowed');
    expect((await town.upload('new.csv', file(), 'projects')).body.error!.code).toBe('import_not_allowed');
    expect((await commission.upload('new.csv', file(), 'towns')).body.error!.code).toBe('not_editable');
    expect((await commission.upload('new.csv', file(), 'nowhere')).status).toBe(404);
    const inspector = createImportClient(app, await signIn(app, DEMO_USERNAMES.inspector));
    expect((await inspector.upload('new.csv', file(), 'demands')).status).toBe(403);
  });
});
