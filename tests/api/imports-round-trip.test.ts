import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../core/exchange/export-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { createImportClient } from '../support/imports.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/**
 * What is exported imports back unchanged: each format of a facility layer and of the demand
 * list, exported, read into a preview, committed into the emptied target, gives the same rows
 * (ids, fields, places) as before. The target is emptied inside the test and ends as it began.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
let cookie = '';
let imports: ReturnType<typeof createImportClient>;
const LAYER = 'health_stations';

beforeAll(async () => {
  cookie = await signIn(app, DEMO_USERNAMES.commission);
  imports = createImportClient(app, cookie);
});

interface Row {
  id: number;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: number[] };
}

async function layerRows(): Promise<Row[]> {
  const response = await app.request(`/ogc/collections/${LAYER}/items?limit=10000&f=json`);
  const body = (await response.json()) as { features: Row[] };
  return body.features.map(({ id, properties, geometry }) => ({ id, properties, geometry })).sort((a, b) => a.id - b.id);
}

async function exportFile(target: string, format: string): Promise<Uint8Array> {
  const response = await app.request(`/api/export/${target}?format=${format}`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

const FILE_NAMES: Record<string, string> = { geojson: 'x.geojson', csv: 'x.csv', shp: 'x.zip', gpkg: 'x.gpkg', xlsx: 'x.xlsx' };

describe('a facility layer exported and imported back', () => {
  it.each(EXPORT_FORMATS)('%s: the same rows, ids and places', async (format) => {
    const before = await layerRows();
    expect(before.length).toBeGreaterThan(0);
    const bytes = await exportFile(LAYER, format);
    await sql.unsafe(`DROP TABLE IF EXISTS import_test_kept; CREATE TABLE import_test_kept AS SELECT * FROM ${LAYER}; DELETE FROM ${LAYER}`);
    try {
      const { status, body: preview } = await imports.upload(FILE_NAMES[format], bytes, LAYER);
      expect(status, JSON.stringify(preview.error)).toBe(201);
      expect(preview.featureCount).toBe(before.length);
      expect(preview.invalidRows).toEqual([]);
      expect(preview.mapping.id).toBe('id');
      expect(preview.mapping.name).toBe('name');
      const committed = await imports.commit(preview);
      expect(committed.status, JSON.stringify(committed.body.error)).toBe(200);
      expect(committed.body.committed).toBe(before.length);
    } finally {
      // Whatever happened, the layer ends with its rows.
      const [{ count }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM health_stations`;
      if (count !== before.length) await sql.unsafe(`DELETE FROM ${LAYER}; INSERT INTO ${LAYER} SELECT * FROM import_test_kept`);
      await sql.unsafe('DROP TABLE import_test_kept');
    }
    const after = await layerRows();
    expect(after).toEqual(before);
  });
});

/** Every demand as the staff API lists it, by id. */
async function demandList(): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  for (let offset = 0; ; offset += 500) {
    const response = await app.request(`/api/demands?limit=500&offset=${offset}`, { headers: { Cookie: cookie } });
    const page = (await response.json()) as { items: Array<Record<string, unknown>> };
    items.push(...page.items);
    if (page.items.length < 500) break;
  }
  return items.sort((a, b) => Number(a.id) - Number(b.id));
}

/** The tables that point at demands are set aside while the list is emptied, and put back after. */
const KEPT = ['demands', 'demand_supports', 'project_demands'] as const;

describe('the demand list exported and imported back', () => {
  it.each(EXPORT_FORMATS)('%s: the same demands, as the staff API lists them', async (format) => {
    const before = await demandList();
    expect(before.length).toBeGreaterThan(0);
    const bytes = await exportFile('demands', format);
    for (const table of KEPT) await sql.unsafe(`DROP TABLE IF EXISTS import_test_${table}; CREATE TABLE import_test_${table} AS SELECT * FROM ${table}`);
    await sql.unsafe('DELETE FROM project_demands; DELETE FROM demand_supports; DELETE FROM demands');
    try {
      const { status, body: preview } = await imports.upload(FILE_NAMES[format], bytes, 'demands');
      expect(status, JSON.stringify(preview.error)).toBe(201);
      expect(preview.invalidRows).toEqual([]);
      expect(preview.targetVersion).toBeNull();
      const committed = await imports.commit(preview);
      expect(committed.status, JSON.stringify(committed.body.error)).toBe(200);
      expect(committed.body.committed).toBe(before.length);
      const after = await demandList();
      for (const [index, demand] of before.entries()) {
        // A .dbf text field holds 254 bytes: a shapefile brings a longer text back cut there (the format's limit).
        const cut = format === 'shp' && new TextEncoder().encode(String(demand.text)).length > 254;
        if (cut) expect(String(demand.text).startsWith(String(after[index].text))).toBe(true);
        expect(cut ? { ...after[index], text: demand.text } : after[index]).toEqual(demand);
      }
    } finally {
      const [{ count }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM demands`;
      if (count !== before.length) await sql.unsafe('DELETE FROM demands; INSERT INTO demands SELECT * FROM import_test_demands');
      await sql.unsafe('INSERT INTO demand_supports SELECT * FROM import_test_demand_supports; INSERT INTO project_demands SELECT * FROM import_test_project_demands');
      for (const table of KEPT) await sql.unsafe(`DROP TABLE import_test_${table}`);
    }
  });
});
