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
