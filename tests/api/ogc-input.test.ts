import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../core/layers/registry.ts';
import { useTestDatabase } from '../support/database.ts';
import { createTestApp } from '../support/app.ts';

/** Hostile and malformed input: always a 400 or 404 in the standard shape, and the data untouched. */

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

const HOSTILE = [
  "'; DROP TABLE population;--",
  'population; DELETE FROM kindergartens',
  '../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '%00',
  '99999999999999999999999999',
  '-1',
  '1e309',
  'NaN',
  '社区😀',
  '<script>alert(1)</script>',
  '"id" = 1 OR 1=1',
  'x'.repeat(5000),
];

async function countAll(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const layer of LAYERS) {
    const [row] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM ${sql(layer.id)}`;
    counts[layer.id] = row.count;
  }
  return counts;
}

let before: Record<string, number>;
beforeAll(async () => {
  before = await countAll();
});

async function expectError(path: string, status: 400 | 404, code?: string) {
  const response = await app.request(path);
  const text = await response.text();
  expect(response.status, path.slice(0, 120)).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  if (code) expect(body.error.code).toBe(code);
  // Client text may be echoed (JSON-escaped); the server's own SQL and stack never are.
  expect(text).not.toMatch(/ST_AsGeoJSON|ORDER BY|count\(\*\)|syntax error|relation "|\.ts:\d+/);
}

const q = encodeURIComponent;

describe.each(HOSTILE.map((value) => [value.slice(0, 40), value]))('hostile value %j', (_label, value) => {
  it('as a collection id: 404', async () => {
    await expectError(`/ogc/collections/${q(value)}`, 404);
    await expectError(`/ogc/collections/${q(value)}/items`, 404);
  });

  it('as a feature id: 404', async () => {
    await expectError(`/ogc/collections/population/items/${q(value)}`, 404);
  });

  it('as bbox, offset, properties, an integer or boolean filter, or a parameter name: 400', async () => {
    await expectError(`/ogc/collections/population/items?bbox=${q(value)}`, 400, 'invalid_parameter');
    await expectError(`/ogc/collections/population/items?offset=${q(value)}`, 400, 'invalid_parameter');
    await expectError(`/ogc/collections/population/items?properties=${q(value)}`, 400, 'unknown_property');
    if (value !== '-1') await expectError(`/ogc/collections/population/items?population=${q(value)}`, 400, 'invalid_parameter');
    await expectError(`/ogc/collections/population/items?demo=${q(value)}`, 400, 'invalid_parameter');
    await expectError(`/ogc/collections/population/items?${q(value)}=1`, 400, 'unknown_parameter');
    await expectError(`/ogc/collections/population/items?f=${q(value)}`, 400, 'invalid_parameter');
  });

  it('as limit: 400, except a huge integer, which is clamped', async () => {
    if (/^\d+$/.test(value)) {
      expect((await app.request(`/ogc/collections/kindergartens/items?limit=${value}`)).status).toBe(200);
    } else {
      await expectError(`/ogc/collections/population/items?limit=${q(value)}`, 400, 'invalid_parameter');
    }
  });

  it('as a text filter value: no match, or 400 when PostgreSQL text could not hold it', async () => {
    const response = await app.request(`/ogc/collections/population/items?community_code=${q(value)}`);
    if (value.includes('\u0000') || value.length > 1000) {
      await expectError(`/ogc/collections/population/items?community_code=${q(value)}`, 400, 'invalid_parameter');
    } else {
      expect(response.status).toBe(200);
      expect((await response.json()).numberMatched).toBe(0);
    }
  });
});

describe('malformed parameters', () => {
  it.each([
    '1,2,3', '1,2,3,4,5', '1,2,3,4,5,6,7', ',,,', '1,,2,3', 'a,b,c,d', '107,29,106,30', '106,30,107,29',
    '0,-91,1,0', '181,0,182,1', '-181,0,0,1', 'Infinity,0,1,1', '0x10,0,1,1', '1 2 3 4', '',
  ])('bbox=%s → 400', async (bbox) => {
    await expectError(`/ogc/collections/kindergartens/items?bbox=${q(bbox)}`, 400, 'invalid_parameter');
  });

  it('accepts a 6-number bbox (heights ignored) and the CRS84 bbox-crs', async () => {
    const crs = q('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
    expect((await app.request(`/ogc/collections/kindergartens/items?bbox=106.5,29.4,0,106.9,29.7,100&bbox-crs=${crs}`)).status).toBe(200);
  });

  it.each(['0', '-5', '1.5', '1e3', '+3', ' 3', '', 'ten'])('limit=%j → 400', async (limit) => {
    await expectError(`/ogc/collections/kindergartens/items?limit=${q(limit)}`, 400, 'invalid_parameter');
  });

  it.each(['-1', '1.5', '', '2147483648'])('offset=%j → 400', async (offset) => {
    await expectError(`/ogc/collections/kindergartens/items?offset=${q(offset)}`, 400, 'invalid_parameter');
  });

  it('refuses unknown and repeated parameters, other formats, languages and CRSs', async () => {
    await expectError('/ogc/collections/kindergartens/items?foo=1', 400, 'unknown_parameter');
    await expectError('/ogc/collections/kindergartens/items?id=1', 400, 'unknown_parameter');
    await expectError('/ogc/collections/kindergartens/items?population=1', 400, 'unknown_parameter');
    await expectError('/ogc/collections/kindergartens?limit=1', 400, 'unknown_parameter');
    await expectError('/ogc?bbox=1,2,3,4', 400, 'unknown_parameter');
    await expectError('/ogc/collections/kindergartens/items?limit=1&limit=2', 400, 'invalid_parameter');
    await expectError('/ogc/collections?f=xml', 400, 'invalid_parameter');
    await expectError('/ogc/conformance?lang=fr', 400, 'invalid_parameter');
    await expectError('/ogc/collections/kindergartens/items?bbox-crs=EPSG:4326', 400, 'unsupported_crs');
    await expectError('/ogc/collections/kindergartens/items?ownership=state', 400, 'invalid_parameter');
    await expectError('/ogc/collections/roads/items?length_m=long', 400, 'invalid_parameter');
    await expectError('/ogc/collections/kindergartens/items?properties=name,nope', 400, 'unknown_property');
    await expectError('/ogc/collections/kindergartens/items?seats=2147483648', 400, 'invalid_parameter');
  });

  it('validates datetime but, with no time-stamped layer, does not filter by it', async () => {
    for (const datetime of ['tomorrow', '2020-13', '../..', '2020-01-01/2020-02-01/2020-03-01']) {
      await expectError(`/ogc/collections/kindergartens/items?datetime=${q(datetime)}`, 400, 'invalid_parameter');
    }
    for (const datetime of ['2020-01-01T00:00:00Z', '2020-01-01/..', '../2021-06-30T12:00:00+08:00']) {
      const response = await app.request(`/ogc/collections/kindergartens/items?datetime=${q(datetime)}`);
      expect(response.status, datetime).toBe(200);
    }
  });

  it.each(['abc', '1.5', '-1', '0', '2147483648', '1e2'])('feature id %j → 404', async (id) => {
    await expectError(`/ogc/collections/kindergartens/items/${q(id)}`, 404, 'feature_not_found');
  });

  it('answers 503 in the standard shape until the data is loaded', async () => {
    const loading = createTestApp(sql, kind, { state: { phase: 'loading', reason: 'loading the demo dataset' } });
    const response = await loading.request('/ogc/collections');
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe('not_ready');
  });
});

describe('afterwards', () => {
  it('every table holds exactly the rows it held before', async () => {
    expect(await countAll()).toEqual(before);
    expect(before.population).toBeGreaterThan(0);
  });
});
