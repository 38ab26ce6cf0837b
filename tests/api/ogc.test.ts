import { describe, expect, it } from 'vitest';
import { LAYERS, propertyNames } from '../../core/layers/registry.ts';
import { useTestDatabase } from '../support/database.ts';
import { createTestApp } from '../support/app.ts';

/** The service documents: landing page, conformance, API definition, collections, HTML views. */

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

const CONFORMANCE = ['core', 'geojson', 'html', 'oas30'].map((name) => `http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${name}`);
/** The district (Nan'an, Chongqing) with a little margin. */
const DISTRICT = { minx: 106.5, miny: 29.4, maxx: 106.85, maxy: 29.65 };

async function getJson(path: string, contentType = 'application/json') {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toContain(contentType);
  return response.json();
}

const byRel = (links: { rel: string; href: string; type: string }[], rel: string) => links.filter((link) => link.rel === rel);

describe('GET /ogc (landing page)', () => {
  it('has a title, a description and the required absolute links', async () => {
    const body = await getJson('/ogc');
    expect(body.title).toMatch(/城市更新/);
    expect(body.description).toBeTruthy();
    expect(byRel(body.links, 'self')[0]).toMatchObject({ href: 'http://localhost/ogc?f=json', type: 'application/json' });
    expect(byRel(body.links, 'alternate')[0]).toMatchObject({ href: 'http://localhost/ogc?f=html', type: 'text/html' });
    expect(byRel(body.links, 'service-desc')[0]).toMatchObject({ href: 'http://localhost/ogc/api?f=json', type: 'application/vnd.oai.openapi+json;version=3.0' });
    expect(byRel(body.links, 'conformance')[0].href).toBe('http://localhost/ogc/conformance?f=json');
    expect(byRel(body.links, 'data')[0].href).toBe('http://localhost/ogc/collections?f=json');
  });

  it('speaks English on request, and keeps the language in its links', async () => {
    const body = await getJson('/ogc?lang=en');
    expect(body.title).toMatch(/Renewal Atlas/);
    expect(byRel(body.links, 'data')[0].href).toBe('http://localhost/ogc/collections?f=json&lang=en');
  });
});

describe('GET /ogc/conformance', () => {
  it('declares Core, GeoJSON, HTML and OpenAPI 3.0', async () => {
    expect((await getJson('/ogc/conformance')).conformsTo).toEqual(expect.arrayContaining(CONFORMANCE));
  });
});

describe('GET /ogc/api', () => {
  it('is an OpenAPI 3.0 document with every path and each collection’s own filters', async () => {
    const api = await getJson('/ogc/api', 'application/vnd.oai.openapi+json;version=3.0');
    expect(api.openapi).toMatch(/^3\.0\./);
    expect(api.servers[0].url).toBe('http://localhost/ogc');
    expect(Object.keys(api.paths)).toEqual(expect.arrayContaining(['/', '/conformance', '/api', '/collections', '/collections/{collectionId}']));
    expect(api.components.parameters.limit.schema).toMatchObject({ minimum: 1, maximum: 10000, default: 10 });
    for (const layer of LAYERS) {
      const items = api.paths[`/collections/${layer.id}/items`].get;
      const names = items.parameters.map((parameter: { name?: string; $ref?: string }) => parameter.name ?? parameter.$ref!.split('/').pop());
      expect(names).toEqual(expect.arrayContaining(['bbox', 'limit', 'offset', 'properties', 'f', ...propertyNames(layer)]));
      expect(api.paths[`/collections/${layer.id}/items/{featureId}`]).toBeDefined();
      expect(api.components.schemas[`${layer.id}Feature`].properties.properties.properties).toHaveProperty(propertyNames(layer)[0]);
    }
  });
});

describe('GET /ogc/collections', () => {
  it('lists every registry layer, in registry order, with its metadata and an extent inside the district', async () => {
    const body = await getJson('/ogc/collections');
    expect(body.collections.map((collection: { id: string }) => collection.id)).toEqual(LAYERS.map((layer) => layer.id));
    for (const [index, layer] of LAYERS.entries()) {
      const collection = body.collections[index];
      expect(collection).toMatchObject({
        title: layer.title.zh, title_zh: layer.title.zh, title_en: layer.title.en, description: layer.description.zh,
        itemType: 'feature', crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'],
        category: layer.category, geometryType: layer.geometry, demo: layer.demo, attribution: layer.attribution,
      });
      // A workflow layer has an extent once something is published (tests/api/demands-map.test.ts).
      if (layer.kind !== 'workflow') {
        const [minx, miny, maxx, maxy] = collection.extent.spatial.bbox[0];
        expect(minx, layer.id).toBeGreaterThanOrEqual(DISTRICT.minx);
        expect(miny, layer.id).toBeGreaterThanOrEqual(DISTRICT.miny);
        expect(maxx, layer.id).toBeLessThanOrEqual(DISTRICT.maxx);
        expect(maxy, layer.id).toBeLessThanOrEqual(DISTRICT.maxy);
        expect(minx).toBeLessThanOrEqual(maxx);
        expect(miny).toBeLessThanOrEqual(maxy);
      }
      const items = byRel(collection.links, 'items').find((link) => link.type === 'application/geo+json');
      expect(items?.href).toBe(`http://localhost/ogc/collections/${layer.id}/items?f=json`);
    }
  });

  it('answers one collection with the same document as the list', async () => {
    const list = await getJson('/ogc/collections?lang=en');
    for (const collection of list.collections) {
      expect(await getJson(`/ogc/collections/${collection.id}?lang=en`)).toEqual(collection);
    }
    expect(list.collections[0].title).toBe(LAYERS[0].title.en);
  });

  it('computes the extent from the table', async () => {
    const [extent] = await sql<{ minx: number; maxy: number }[]>`SELECT ST_XMin(e) AS minx, ST_YMax(e) AS maxy FROM (SELECT ST_Extent(geom) AS e FROM kindergartens) s`;
    const [minx, , , maxy] = (await getJson('/ogc/collections/kindergartens')).extent.spatial.bbox[0];
    expect(minx).toBeCloseTo(extent.minx, 6);
    expect(maxy).toBeCloseTo(extent.maxy, 6);
  });

  it('follows an edit: the extent is kept per data version, not per process', async () => {
    const before = (await getJson('/ogc/collections')).collections.find((collection: { id: string }) => collection.id === 'kindergartens').extent.spatial.bbox[0];
    const northOfEverything = before[3] + 0.01;
    const [added] = await sql<{ id: number }[]>`
      INSERT INTO kindergartens (name, seats, community_code, town_code, demo, geom)
      SELECT name, seats, community_code, town_code, demo, ST_SetSRID(ST_MakePoint(ST_X(geom), ${northOfEverything}), 4326) FROM kindergartens ORDER BY id LIMIT 1
      RETURNING id`;
    try {
      const grown = (await getJson('/ogc/collections')).collections.find((collection: { id: string }) => collection.id === 'kindergartens').extent.spatial.bbox[0];
      expect(grown[3]).toBeCloseTo(northOfEverything, 9);
    } finally {
      await sql`DELETE FROM kindergartens WHERE id = ${added.id}`;
    }
    const after = (await getJson('/ogc/collections')).collections.find((collection: { id: string }) => collection.id === 'kindergartens').extent.spatial.bbox[0];
    expect(after).toEqual(before);
  });
});

describe('HTML', () => {
  const paths = ['/ogc', '/ogc/conformance', '/ogc/api', '/ogc/collections', '/ogc/collections/kindergartens',
    '/ogc/collections/kindergartens/items?limit=5', '/ogc/collections/roads/items?limit=2&lang=en', '/ogc/collections/communities/items/1'];

  it.each(paths)('%s answers f=html with a self-contained page', async (path) => {
    const response = await app.request(`${path}${path.includes('?') ? '&' : '?'}f=html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<(script|link)\b|src=/);
  });

  it('is chosen by a browser’s Accept header, while JSON clients get JSON', async () => {
    const browser = await app.request('/ogc/collections', { headers: { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(browser.headers.get('content-type')).toMatch(/^text\/html/);
    const gdal = await app.request('/ogc/collections', { headers: { Accept: 'application/json' } });
    expect(gdal.headers.get('content-type')).toMatch(/^application\/json/);
    const explicit = await app.request('/ogc/collections?f=json', { headers: { Accept: 'text/html' } });
    expect(explicit.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('escapes what it shows, including the client’s own filter values', async () => {
    const hostile = '<script>alert("x")</script>';
    const response = await app.request(`/ogc/collections/kindergartens/items?f=html&name=${encodeURIComponent(hostile)}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('hides internal columns (graph node ids) but shows declared ones', async () => {
    const page = await (await app.request('/ogc/collections/roads/items?f=html&lang=en&limit=3')).text();
    expect(page).toContain('Length (m)');
    expect(page).not.toContain('From node');
  });
});
