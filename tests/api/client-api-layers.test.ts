import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../core/layers/registry.ts';
import { OPTIMIZATIONS } from '../../core/optimizations.ts';
import { DEMO_ACCOUNTS } from '../../server/accounts/demo-accounts.ts';
import { loadConfig } from '../../server/config.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

describe('GET /api/layers', () => {
  it('lists every registry layer in order, with the counts and versions the database holds', async () => {
    const response = await app.request('/api/layers');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.optimizations).toEqual(JSON.parse(JSON.stringify(OPTIMIZATIONS)));
    expect(body.layers.map((layer: { id: string }) => layer.id)).toEqual(LAYERS.map((layer) => layer.id));
    for (const layer of body.layers) {
      const [{ count, demo }] = await sql.unsafe<{ count: number; demo: number }[]>(`SELECT count(*)::int AS count, (count(*) FILTER (WHERE demo))::int AS demo FROM ${layer.id}`);
      const [version] = await sql<{ version: number }[]>`SELECT version::int FROM layer_versions WHERE layer = ${layer.id}`;
      expect(layer.count, layer.id).toBe(count);
      expect(layer.demoCount, layer.id).toBe(demo);
      expect(layer.version, layer.id).toBe(version?.version ?? 0);
    }
  });

  it('carries each declaration as the registry has it (titles, style, properties, demo flag)', async () => {
    const body = await (await app.request('/api/layers')).json();
    const kindergartens = body.layers.find((layer: { id: string }) => layer.id === 'kindergartens');
    const { count, version, demoCount, ...declaration } = kindergartens;
    expect(declaration).toEqual(JSON.parse(JSON.stringify(LAYERS.find((layer) => layer.id === 'kindergartens'))));
    expect(count).toBeGreaterThan(0);
    expect(demoCount).toBeGreaterThan(0);
    expect(version).toBeGreaterThan(0);
  });
});

describe('GET /api/client-config', () => {
  it('has no online basemap unless one is configured, and names the demo accounts the embedded demo has', async () => {
    const response = await app.request('/api/client-config');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ onlineBasemapUrl: null, demoAccounts: DEMO_ACCOUNTS.map((account) => account.username), district: { name: '南岸区', nameEn: "Nan'an District" } });
  });

  it('passes on a configured online basemap style URL', async () => {
    const configured = createTestApp(sql, kind, { config: loadConfig({ ONLINE_BASEMAP_URL: 'https://tiles.example.org/style.json' }) });
    expect((await (await configured.request('/api/client-config')).json()).onlineBasemapUrl).toBe('https://tiles.example.org/style.json');
  });

  it('names no demo accounts when the server has none', async () => {
    const configured = createTestApp(sql, kind, { config: loadConfig({ DEMO_ACCOUNTS: 'false' }) });
    expect((await (await configured.request('/api/client-config')).json()).demoAccounts).toEqual([]);
  });
});

describe('GET /api/divisions', () => {
  it('lists every town and community with a label point inside it and its extent', async () => {
    const body = await (await app.request('/api/divisions')).json();
    const [{ towns, communities }] = await sql<{ towns: number; communities: number }[]>`
      SELECT (SELECT count(*)::int FROM towns) AS towns, (SELECT count(*)::int FROM communities) AS communities`;
    expect(body.towns).toHaveLength(towns);
    expect(body.communities).toHaveLength(communities);
    for (const community of body.communities.slice(0, 20)) {
      const [row] = await sql<{ inside: boolean; bbox: number[] }[]>`
        SELECT ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${community.label[0]}, ${community.label[1]}), 4326)) AS inside,
               ARRAY[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)] AS bbox
        FROM communities WHERE code = ${community.code}`;
      expect(row.inside, community.code).toBe(true);
      community.bbox.forEach((edge: number, index: number) => expect(edge).toBeCloseTo(row.bbox[index], 5));
      expect(community.town_code).toMatch(/^\d+$/);
    }
  });
});
