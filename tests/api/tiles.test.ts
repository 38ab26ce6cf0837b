import { describe, expect, it } from 'vitest';
import { DATASET_LAYERS, LAYERS } from '../../core/layers/registry.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { decodeTile, tileContaining } from '../support/mvt.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

async function tileJson(layer: string) {
  const response = await app.request(`/tiles/${layer}.json`);
  expect(response.status).toBe(200);
  return response.json();
}

async function firstKindergarten() {
  const [row] = await sql<{ id: number; lon: number; lat: number; name: string }[]>`
    SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, name FROM kindergartens ORDER BY id LIMIT 1`;
  return row;
}

describe('TileJSON', () => {
  it.each(LAYERS.map((layer) => layer.id))('describes %s with zooms, fields and a versioned URL', async (id) => {
    const body = await tileJson(id);
    const [{ version }] = await sql<{ version: number }[]>`SELECT version::int FROM layer_versions WHERE layer = ${id}`;
    expect(body.tilejson).toBe('3.0.0');
    expect(body.tiles[0]).toMatch(new RegExp(`/tiles/${id}/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=${version}$`));
    expect(body.vector_layers.map((layer: { id: string }) => layer.id)).toEqual([id]);
  });

  // Workflow layers are bounded once something is published (tests/api/demands-map.test.ts).
  it.each(DATASET_LAYERS.map((layer) => layer.id))('bounds %s within the district', async (id) => {
    const [west, south, east, north] = (await tileJson(id)).bounds;
    expect(west).toBeGreaterThan(106.5);
    expect(east).toBeLessThan(106.85);
    expect(south).toBeGreaterThan(29.4);
    expect(north).toBeLessThan(29.65);
  });

  it('has one basemap with every base layer', async () => {
    const body = await tileJson('basemap');
    expect(body.vector_layers.map((layer: { id: string }) => layer.id)).toEqual(['district', 'towns', 'communities', 'roads', 'population']);
  });
});

describe('vector tiles', () => {
  it('hold exactly the features PostGIS finds in the tile and its 64-unit buffer, with their properties', async () => {
    const kindergarten = await firstKindergarten();
    const z = 14;
    const { x, y } = tileContaining(kindergarten.lon, kindergarten.lat, z);
    const response = await app.request(`/tiles/kindergartens/${z}/${x}/${y}.mvt`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile');
    const decoded = decodeTile(await response.arrayBuffer(), z, x, y);
    const expected = await sql<{ id: number }[]>`
      SELECT id FROM kindergartens
      WHERE ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope(${z}, ${x}, ${y}, margin => ${64 / 4096})) ORDER BY id`;
    const ids = decoded.kindergartens.map((feature) => Number(feature.id)).sort((a, b) => a - b);
    expect(ids).toEqual(expected.map((row) => row.id));
    const feature = decoded.kindergartens.find((candidate) => candidate.id === kindergarten.id)!;
    expect(feature.properties?.name).toBe(kindergarten.name);
    const [lon, lat] = (feature.geometry as { coordinates: number[] }).coordinates;
    expect(Math.abs(lon - kindergarten.lon)).toBeLessThan(1e-4);
    expect(Math.abs(lat - kindergarten.lat)).toBeLessThan(1e-4);
  });

  it('are gzipped for clients that accept it, and equal to the plain bytes', async () => {
    const { lon, lat } = await firstKindergarten();
    const { x, y } = tileContaining(lon, lat, 13);
    const zipped = await app.request(`/tiles/communities/13/${x}/${y}.mvt`, { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip');
    const { gunzipSync } = await import('node:zlib');
    const unzipped = gunzipSync(new Uint8Array(await zipped.arrayBuffer()));
    const plain = await app.request(`/tiles/communities/13/${x}/${y}.mvt`);
    expect(Buffer.from(await plain.arrayBuffer()).equals(unzipped)).toBe(true);
    expect(Object.keys(decodeTile(unzipped, 13, x, y))).toEqual(['communities']);
  });

  it('combine the base layers in the basemap tile', async () => {
    const { lon, lat } = await firstKindergarten();
    const { x, y } = tileContaining(lon, lat, 14);
    const response = await app.request(`/tiles/basemap/14/${x}/${y}.mvt`);
    const layers = Object.keys(decodeTile(await response.arrayBuffer(), 14, x, y));
    expect(layers).toEqual(expect.arrayContaining(['communities', 'roads', 'population', 'towns']));
  });

  it('answer an empty tile outside the data or the zoom range with 200 and no body', async () => {
    for (const path of ['/tiles/kindergartens/14/0/0.mvt', '/tiles/roads/3/6/3.mvt']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect((await response.arrayBuffer()).byteLength, path).toBe(0);
    }
  });

  it('are immutable under the current version, revalidated otherwise, and answer 304 to a matching ETag', async () => {
    const { tiles } = await tileJson('kindergartens');
    const current = tiles[0].replace(/^https?:\/\/[^/]+/, '').replace('{z}/{x}/{y}', '12/3329/1719');
    const fresh = await app.request(current);
    expect(fresh.headers.get('Cache-Control')).toContain('immutable');
    const unversioned = await app.request('/tiles/kindergartens/12/3329/1719.mvt');
    expect(unversioned.headers.get('Cache-Control')).toBe('no-cache');
    const etag = fresh.headers.get('ETag')!;
    const again = await app.request(current, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('get a new version in their URL after any write to the layer, and show the edit at once', async () => {
    const kindergarten = await firstKindergarten();
    const before = await tileJson('kindergartens');
    const untouched = await tileJson('communities');
    const { x, y } = tileContaining(kindergarten.lon, kindergarten.lat, 15);
    await app.request(`/tiles/kindergartens/15/${x}/${y}.mvt`); // warm the cache under the old version
    const renamed = `${kindergarten.name}（测试）`;
    await sql`UPDATE kindergartens SET name = ${renamed} WHERE id = ${kindergarten.id}`;
    try {
      const after = await tileJson('kindergartens');
      expect(after.tiles[0]).not.toBe(before.tiles[0]);
      const response = await app.request(`/tiles/kindergartens/15/${x}/${y}.mvt`);
      const feature = decodeTile(await response.arrayBuffer(), 15, x, y).kindergartens.find((candidate) => candidate.id === kindergarten.id);
      expect(feature?.properties?.name).toBe(renamed);
      // Other layers keep their URLs, so their cached tiles stay valid.
      expect((await tileJson('communities')).tiles[0]).toBe(untouched.tiles[0]);
    } finally {
      await sql`UPDATE kindergartens SET name = ${kindergarten.name} WHERE id = ${kindergarten.id}`;
    }
  });
});

describe('bad tile requests', () => {
  const cases: Array<[string, number, string]> = [
    ['/tiles/no_such_layer/1/0/0.mvt', 404, 'unknown_layer'],
    ['/tiles/no_such_layer.json', 404, 'unknown_layer'],
    ["/tiles/population';DROP TABLE population;--/1/0/0.mvt", 404, 'unknown_layer'],
    ['/tiles/kindergartens/23/0/0.mvt', 400, 'invalid_tile'],
    ['/tiles/kindergartens/2/4/0.mvt', 400, 'invalid_tile'],
    ['/tiles/kindergartens/2/0/4.mvt', 400, 'invalid_tile'],
    ['/tiles/kindergartens/-1/0/0.mvt', 400, 'invalid_tile'],
    ['/tiles/kindergartens/a/b/c.mvt', 400, 'invalid_tile'],
    ['/tiles/kindergartens/1/0/0.png', 400, 'invalid_tile'],
    ['/tiles/kindergartens/1/0/99999999999999.mvt', 400, 'invalid_tile'],
  ];
  it.each(cases)('%s → %i %s', async (path, status, code) => {
    const response = await app.request(path);
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/SELECT|postgres:\/\/|\n\s+at /);
  });

  it('leave the data intact', async () => {
    const [row] = await sql<{ cells: number }[]>`SELECT count(*)::int AS cells FROM population`;
    expect(row.cells).toBeGreaterThan(1000);
  });
});
