import { describe, expect, it } from 'vitest';
import { DATASET_LAYERS, findLayer, propertiesSchema } from '../../core/layers/registry.ts';
import { useTestDatabase } from '../support/database.ts';
import { createTestApp } from '../support/app.ts';

/** `/items` and `/items/{id}` against SQL counts on the same database. */

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

interface Page {
  type: string;
  features: { type: string; id: number; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[];
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  links: { rel: string; href: string; type: string }[];
}

async function getPage(path: string): Promise<Page> {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/geo+json');
  return response.json();
}

const linkOf = (page: Page, rel: string) => page.links.find((link) => link.rel === rel);
/** Links are absolute; the app under test answers paths. */
const pathOf = (href: string) => href.replace('http://localhost', '');

async function countRows(table: string, where = sql`WHERE true`): Promise<number> {
  const [row] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM ${sql(table)} ${where}`;
  return row.count;
}

describe('paging', () => {
  it('defaults to 10 features in id order with numberMatched from the table', async () => {
    const before = Date.now();
    const page = await getPage('/ogc/collections/population/items');
    const after = Date.now();
    expect(page.type).toBe('FeatureCollection');
    expect(page.numberMatched).toBe(await countRows('population'));
    expect(page.numberReturned).toBe(10);
    const ids = page.features.map((feature) => feature.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Stamped while the request was being answered (not "recently", which would be a guess about speed).
    expect(new Date(page.timeStamp).getTime()).toBeGreaterThanOrEqual(before);
    expect(new Date(page.timeStamp).getTime()).toBeLessThanOrEqual(after);
    expect(linkOf(page, 'self')!.href).toBe('http://localhost/ogc/collections/population/items?f=json');
    expect(linkOf(page, 'next')).toMatchObject({ href: 'http://localhost/ogc/collections/population/items?f=json&limit=10&offset=10', type: 'application/geo+json' });
    expect(linkOf(page, 'prev')).toBeUndefined();
  });

  it('walks every feature exactly once by following next, with prev going back', async () => {
    const expected = (await sql<{ id: number }[]>`SELECT id FROM kindergartens ORDER BY id`).map((row) => row.id);
    const seen: number[] = [];
    let path: string | undefined = '/ogc/collections/kindergartens/items?limit=7&lang=en';
    let pages = 0;
    while (path) {
      const page = await getPage(path);
      expect(page.numberMatched).toBe(expected.length);
      if (pages > 0) expect(pathOf(linkOf(page, 'prev')!.href)).toContain(`offset=${(pages - 1) * 7}`);
      seen.push(...page.features.map((feature) => feature.id));
      expect(linkOf(page, 'self')!.href).toContain('lang=en');
      path = linkOf(page, 'next') && pathOf(linkOf(page, 'next')!.href);
      pages += 1;
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 7));
  });

  it('answers an offset past the end with no features, the full count and only prev', async () => {
    const total = await countRows('kindergartens');
    const page = await getPage(`/ogc/collections/kindergartens/items?offset=${total + 5}&limit=3`);
    expect(page).toMatchObject({ numberMatched: total, numberReturned: 0, features: [] });
    expect(linkOf(page, 'next')).toBeUndefined();
    expect(linkOf(page, 'prev')!.href).toContain(`offset=${total + 2}`);
  });

  it('clamps limits above 10000 and says so in its links', async () => {
    const total = await countRows('population');
    const page = await getPage('/ogc/collections/population/items?limit=999999999999&properties=');
    expect(page.numberReturned).toBe(Math.min(total, 10000));
    if (total > 10000) {
      const next = new URL(linkOf(page, 'next')!.href).searchParams;
      expect([next.get('limit'), next.get('offset')]).toEqual(['10000', '10000']);
    }
  });

  // How fast is the tiles benchmark's business (`npm run bench -- tiles`), not this test's.
  it('serves consecutive pages of 1000 population cells', async () => {
    for (const offset of [0, 1000, 2000, 3000, 4000]) {
      const page = await getPage(`/ogc/collections/population/items?limit=1000&offset=${offset}`);
      expect(page.numberReturned).toBe(1000);
    }
  });
});

describe('filters', () => {
  it('bbox returns what ST_Intersects matches', async () => {
    const [minx, miny, maxx, maxy] = [106.56, 29.5, 106.6, 29.54];
    const expected = await countRows('population', sql`WHERE ST_Intersects(geom, ST_MakeEnvelope(${minx}, ${miny}, ${maxx}, ${maxy}, 4326))`);
    expect(expected).toBeGreaterThan(0);
    const page = await getPage(`/ogc/collections/population/items?bbox=${minx},${miny},${maxx},${maxy}&limit=10000&properties=`);
    expect(page.numberMatched).toBe(expected);
    expect(page.numberReturned).toBe(expected);
    expect(linkOf(page, 'self')!.href).toContain('bbox=106.56%2C29.5%2C106.6%2C29.54');
  });

  it('filters by a text column', async () => {
    const [{ town_code: town, count }] = await sql<{ town_code: string; count: number }[]>`
      SELECT town_code, count(*)::int AS count FROM kindergartens GROUP BY town_code ORDER BY count DESC, town_code LIMIT 1`;
    const page = await getPage(`/ogc/collections/kindergartens/items?town_code=${town}&limit=1000`);
    expect(page.numberMatched).toBe(count);
    expect(page.features.every((feature) => feature.properties.town_code === town)).toBe(true);
  });

  it('filters by integer, boolean and enumerated columns, combined with bbox', async () => {
    const [{ population }] = await sql<{ population: number }[]>`SELECT population FROM population ORDER BY id LIMIT 1`;
    expect((await getPage(`/ogc/collections/population/items?population=${population}`)).numberMatched)
      .toBe(await countRows('population', sql`WHERE population = ${population}`));
    expect((await getPage('/ogc/collections/kindergartens/items?demo=true')).numberMatched).toBe(await countRows('kindergartens', sql`WHERE demo`));
    expect((await getPage('/ogc/collections/kindergartens/items?demo=false')).numberMatched).toBe(await countRows('kindergartens', sql`WHERE NOT demo`));
    const bbox = [106.5, 29.4, 106.62, 29.65];
    expect((await getPage(`/ogc/collections/kindergartens/items?ownership=public&bbox=${bbox}`)).numberMatched).toBe(
      await countRows('kindergartens', sql`WHERE ownership = 'public' AND ST_Intersects(geom, ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326))`),
    );
  });

  it('properties= chooses the columns returned', async () => {
    const some = await getPage('/ogc/collections/kindergartens/items?properties=seats,name&limit=3');
    for (const feature of some.features) expect(Object.keys(feature.properties)).toEqual(['name', 'seats']);
    const none = await getPage('/ogc/collections/kindergartens/items?properties=&limit=3');
    for (const feature of none.features) expect(feature.properties).toEqual({});
  });
});

describe('features', () => {
  // Workflow layers: tests/api/demands-map.test.ts, once a demand is published.
  it.each(DATASET_LAYERS.map((layer) => [layer.id]))('%s: properties validate against the declaration, geometry matches', async (id) => {
    const layer = findLayer(id)!;
    const page = await getPage(`/ogc/collections/${id}/items?limit=200`);
    expect(page.numberReturned).toBeGreaterThan(0);
    const schema = propertiesSchema(layer);
    for (const feature of page.features) {
      expect(feature.type).toBe('Feature');
      expect(Number.isInteger(feature.id)).toBe(true);
      expect(schema.safeParse(feature.properties).error).toBeUndefined();
      expect(Object.keys(feature.properties)).toEqual(Object.keys(layer.properties));
      expect(feature.geometry.type).toBe(layer.geometry);
    }
  });

  it('answers one feature with the same content as the list, and its links', async () => {
    const [listed] = (await getPage('/ogc/collections/communities/items?limit=1')).features;
    const response = await app.request(`/ogc/collections/communities/items/${listed.id}`);
    expect(response.headers.get('content-type')).toBe('application/geo+json');
    const feature = await response.json();
    expect(feature).toMatchObject(listed);
    expect(feature.links.map((link: { rel: string }) => link.rel)).toEqual(expect.arrayContaining(['self', 'alternate', 'collection']));
    expect(feature.links[0].href).toBe(`http://localhost/ogc/collections/communities/items/${listed.id}?f=json`);
    const narrow = await (await app.request(`/ogc/collections/communities/items/${listed.id}?properties=code`)).json();
    expect(narrow.properties).toEqual({ code: listed.properties.code });
  });
});
