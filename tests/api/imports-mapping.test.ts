import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../core/exchange/import-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { createImportClient } from '../support/imports.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/**
 * The import dialog's field mapping: a changed mapping is kept with the preview and answered
 * with the invalid rows it makes over the whole file, and the commit writes what was shown.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
let cookie: string;
let commission: ReturnType<typeof createImportClient>;
let inside: [number, number];

beforeAll(async () => {
  cookie = await signIn(app, DEMO_USERNAMES.commission);
  commission = createImportClient(app, cookie);
  const [row] = await sql<{ lon: number; lat: number }[]>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM communities ORDER BY code LIMIT 1) AS place`;
  inside = [row.lon, row.lat];
});

async function remap(id: string, body: unknown, as = cookie) {
  const response = await app.request(`/api/imports/${id}`, { method: 'PATCH', body: JSON.stringify(body), headers: { Cookie: as, 'Content-Type': 'application/json' } });
  return { status: response.status, body: (await response.json()) as ImportPreview & { error?: { code: string; details?: unknown } } };
}

describe('PATCH /api/imports/{id}: the mapping changed before the commit', () => {
  // 名称 is the name's Chinese title; 学位数 is not proposed for seats, 学位 is a text column of words.
  const file = () => `名称,学位,学位数,lon,lat\n映射幼儿园甲,九十,90,${inside[0]},${inside[1]}\n映射幼儿园乙,一百,abc,${inside[0]},${inside[1]}\n`;

  it('lists the invalid rows of the new mapping over every row, keeps it, and the commit writes it', async () => {
    const { status, body: preview } = await commission.upload('mapping.csv', file(), 'kindergartens');
    expect(status, JSON.stringify(preview.error)).toBe(201);
    expect(preview.mapping).toMatchObject({ name: '名称', seats: '学位' });
    expect(preview.invalidRows.map((row) => row.row)).toEqual([1, 2]);

    const changed = await remap(preview.id, { mapping: { seats: '学位数' } });
    expect(changed.status, JSON.stringify(changed.body.error)).toBe(200);
    expect(changed.body.mapping).toMatchObject({ name: '名称', seats: '学位数' });
    expect(changed.body.invalidRows).toEqual([{
      row: 2,
      reason: expect.stringMatching(/seats \(学位数\): "abc" is not a number/),
      problems: [{ code: 'not_a_number', params: { property: 'seats', field: '学位数', value: 'abc' }, message: expect.any(String) }],
    }]);
    expect(changed.body.sample.features.map((feature) => feature.properties.invalid)).toEqual([false, true]);
    // Kept: read back as changed.
    const again = (await (await commission.get(preview.id)).json()) as ImportPreview;
    expect(again.mapping.seats).toBe('学位数');
    expect(again.invalidRows).toHaveLength(1);

    // A required property left empty is not refused here: every row says why.
    const unnamed = await remap(preview.id, { mapping: { name: null } });
    expect(unnamed.status).toBe(200);
    expect(unnamed.body.invalidRows).toHaveLength(2);
    await remap(preview.id, { mapping: { name: '名称' } });

    const committed = await commission.commit(preview, { skipInvalid: true });
    expect(committed.status, JSON.stringify(committed.body.error)).toBe(200);
    expect(committed.body).toMatchObject({ committed: 1, skipped: [{ row: 2 }] });
    const [added] = await sql<{ seats: number }[]>`SELECT seats FROM kindergartens WHERE name = '映射幼儿园甲'`;
    expect(added.seats).toBe(90);
    await sql`DELETE FROM kindergartens WHERE name = '映射幼儿园甲'`;
  });

  it('refuses a field the file lacks, a property the target lacks, an unknown body field; another user’s preview is not found', async () => {
    const { body: preview } = await commission.upload('mapping.csv', file(), 'kindergartens');
    const noField = await remap(preview.id, { mapping: { seats: 'nowhere' } });
    expect(noField.status).toBe(400);
    expect(noField.body.error!.code).toBe('invalid_mapping');
    expect((await remap(preview.id, { mapping: { beds: '学位数' } })).body.error!.code).toBe('invalid_mapping');
    expect((await remap(preview.id, { mapping: {}, skipInvalid: true })).status).toBe(400);
    const admin = await signIn(app, DEMO_USERNAMES.admin);
    expect((await remap(preview.id, { mapping: { seats: '学位数' } }, admin)).status).toBe(404);
    // Nothing of the refused changes was kept.
    const kept = (await (await commission.get(preview.id)).json()) as ImportPreview;
    expect(kept.mapping.seats).toBe('学位');
    expect((await commission.drop(preview.id)).status).toBe(204);
    expect((await remap(preview.id, { mapping: { seats: '学位数' } })).status).toBe(404);
  });
});
