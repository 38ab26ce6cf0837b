import { describe, expect, it } from 'vitest';
import { findLayer, propertiesSchema } from '../../core/layers/registry.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { demandAt, useDemands } from '../support/demands.ts';
import { decodeTile, tileContaining } from '../support/mvt.ts';

/**
 * Published demands on the map: the published_demands view serves tiles and OGC API – Features
 * through the registry alone, with its declared columns only, and its version moves with it.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { demands, cookies, places, submit, moveTo, staffRead } = useDemands(app, sql);

const LAYER = findLayer('published_demands')!;
const DECLARED = Object.keys(LAYER.properties);

async function layerVersion(): Promise<number> {
  const [row] = await sql<{ version: number }[]>`SELECT version::int FROM layer_versions WHERE layer = 'published_demands'`;
  return row.version;
}

async function tileAt(lon: number, lat: number, z = 16) {
  const { x, y } = tileContaining(lon, lat, z);
  const response = await app.request(`/tiles/published_demands/${z}/${x}/${y}.mvt`, { headers: { 'Accept-Encoding': 'identity' } });
  expect(response.status).toBe(200);
  const bytes = await response.arrayBuffer();
  return bytes.byteLength ? (decodeTile(bytes, z, x, y).published_demands ?? []) : [];
}

describe('the published demand layer', () => {
  it('takes a demand once it is accepted, bumping its version; a new submission leaves the version alone', async () => {
    const before = await layerVersion();
    const { id } = await submit(demandAt(places().home, { contact: '私密 13700000000', text: '地图上的需求' }));
    expect(await layerVersion()).toBe(before);
    const { lon, lat } = await staffRead(id);
    expect((await tileAt(lon, lat)).map((feature) => feature.id)).not.toContain(id);

    await moveTo(id, { status: 'accepted' });
    const version = await layerVersion();
    expect(version).toBeGreaterThan(before);
    const tileJson = await (await app.request('/tiles/published_demands.json')).json();
    expect(tileJson.tiles[0]).toMatch(new RegExp(`/tiles/published_demands/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=${version}$`));
    expect(Object.keys(tileJson.vector_layers[0].fields)).toEqual(DECLARED);

    const feature = (await tileAt(lon, lat)).find((candidate) => candidate.id === id)!;
    expect(feature).toBeDefined();
    for (const column of Object.keys(feature.properties ?? {})) expect(DECLARED).toContain(column);
    expect(feature.properties).toMatchObject({ title: '幼儿园学位', status: 'accepted', type: 'kindergarten', optimization: 2, support_count: 0, community_code: places().home.community });
    expect(JSON.stringify(feature.properties)).not.toMatch(/私密|contact|receipt/);
  });

  it('is an OGC collection whose items hold only the declared columns, with published demands only', async () => {
    const published = await submit(demandAt(places().town, { contact: '私密 13600000000' }));
    const accepted = await moveTo(published.id, { status: 'accepted' });
    const unpublished = await submit(demandAt(places().town, { contact: '私密 13500000000' }));

    const collection = await (await app.request('/ogc/collections/published_demands?f=json')).json();
    expect(collection).toMatchObject({ id: 'published_demands', category: 'workflow', geometryType: 'Point' });
    expect(collection.extent.spatial.bbox[0][0]).toBeGreaterThan(106.5);

    const page = await (await app.request(`/ogc/collections/published_demands/items?f=json&limit=10000&community_code=${places().town.community}`)).json();
    const ids = page.features.map((feature: { id: number }) => feature.id);
    expect(ids).toContain(published.id);
    expect(ids).not.toContain(unpublished.id);
    const schema = propertiesSchema(LAYER);
    for (const feature of page.features) {
      expect(Object.keys(feature.properties)).toEqual(DECLARED);
      expect(schema.safeParse(feature.properties).error).toBeUndefined();
      expect(['accepted', 'planned', 'resolved']).toContain(feature.properties.status);
    }
    const item = await (await app.request(`/ogc/collections/published_demands/items/${published.id}?f=json`)).json();
    expect(item.properties).toMatchObject({ status: 'accepted', created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), demo: false });
    expect(item.geometry.coordinates[0]).toBeCloseTo(accepted.lon, 6);
    expect(JSON.stringify(item)).not.toMatch(/私密|receipt|contact/);
    expect((await app.request(`/ogc/collections/published_demands/items/${unpublished.id}?f=json`)).status).toBe(404);
  });

  it('drops a demand that is hidden by moderation, bumping the version again', async () => {
    const { id } = await submit(demandAt(places().home));
    await moveTo(id, { status: 'accepted' });
    const before = await layerVersion();
    await moveTo(id, { status: 'hidden' });
    expect(await layerVersion()).toBeGreaterThan(before);
    expect((await app.request(`/ogc/collections/published_demands/items/${id}?f=json`)).status).toBe(404);
  });

  it('is neither a service for coverage nor a layer to edit feature by feature', async () => {
    const coverage = await app.request('/api/analysis/coverage', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ layer: 'published_demands', radius: 300 }) });
    expect(coverage.status).toBe(400);
    expect((await coverage.json()).error.code).toBe('not_a_facility_layer');
    const edit = await app.request('/api/layers/published_demands/features', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookies.admin },
      body: JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [places().home.lon, places().home.lat] }, properties: { title: 'x' } }),
    });
    expect(edit.status).toBe(403);
    expect((await edit.json()).error.code).toBe('not_editable');
    const profile = await (await app.request(`/api/communities/${places().home.community}`)).json();
    expect(profile.facilities.map((facility: { layer: string }) => facility.layer)).not.toContain('published_demands');
  });

  it('is listed by /api/layers in its own panel group, with its count and version', async () => {
    const body = await (await app.request('/api/layers')).json();
    const layer = body.layers.find((candidate: { id: string }) => candidate.id === 'published_demands');
    expect(layer).toMatchObject({ kind: 'workflow', category: 'workflow', version: await layerVersion() });
    const [{ count }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM demands WHERE status IN ('accepted', 'planned', 'resolved')`;
    expect(layer.count).toBe(count);
    expect(body.optimizations.map((group: { category: unknown }) => group.category)).toContain('workflow');
    expect((await demands.list('limit=1')).status).toBe(200);
  });
});
