import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { useDemands } from '../support/demands.ts';
import { kindergartenAt, useProjects } from '../support/projects.ts';

/**
 * Completing a project closes the loop in one transaction: the facility enters its layer (its
 * data version moves), the linked demands are resolved, the trail has all of it; the undo
 * reverses all of it, and a facility its layer cannot take leaves everything as it was.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { cookies, places, publishedAt, staffRead } = useDemands(app, sql);
const { projects, create, read, moveThrough, expectRefused } = useProjects(app, sql);

const layerVersion = async (layer: string) => (await sql<{ version: number }[]>`SELECT version::int FROM layer_versions WHERE layer = ${layer}`)[0]?.version ?? 0;

describe('completing a project', () => {
  it('adds the facility to its layer, bumps the layer version, resolves the demands and writes the trail, in one request', async () => {
    const demands = [await publishedAt(places().home), await publishedAt(places().home)];
    const project = await create(kindergartenAt(places().home, { demandIds: demands.map((demand) => demand.id) }), cookies.commission);
    const building = await moveThrough(project.id, cookies.commission, 'approved', 'construction');
    const before = await layerVersion('kindergartens');
    const response = await projects.phase(project.id, { phase: 'completed' }, cookies.commission, building.version);
    expect(response.status).toBe(200);
    const completed = await response.json();
    expect(completed).toMatchObject({ phase: 'completed', progress: 100, version: building.version + 1 });
    expect(completed.facilityFeatureId).toEqual(expect.any(Number));
    expect(completed.schedule.construction.actualEnd).toBe(completed.phaseSince);
    expect(await layerVersion('kindergartens')).toBeGreaterThan(before);

    // The feature is in the layer as a map edit would have made it: community and town derived.
    const feature = await (await app.request(`/api/layers/kindergartens/features/${completed.facilityFeatureId}`)).json();
    expect(feature).toMatchObject({
      geometry: { type: 'Point', coordinates: [places().home.lon, places().home.lat].map((value) => expect.closeTo(value, 6)) },
      properties: { name: '南坪新建幼儿园', seats: 270, ownership: 'public', community_code: places().home.community, town_code: places().home.town, demo: false },
    });
    const ogc = await (await app.request(`/ogc/collections/kindergartens/items/${completed.facilityFeatureId}?f=json`)).json();
    expect(ogc.properties.name).toBe('南坪新建幼儿园');
    for (const demand of demands) expect((await staffRead(demand.id)).status).toBe('resolved');

    const trail = await sql<{ entity: string; entity_id: string; action: string; request_id: string }[]>`
      SELECT entity, entity_id, action, request_id FROM audit_log
      WHERE request_id = (SELECT request_id FROM audit_log WHERE entity = 'project' AND entity_id = ${String(project.id)} ORDER BY id DESC LIMIT 1) ORDER BY id`;
    expect(trail.map((row) => `${row.entity}:${row.action}`)).toEqual(['feature:kindergartens:create', 'demand:update', 'demand:update', 'project:phase']);
    expect(trail[0].entity_id).toBe(String(completed.facilityFeatureId));
  });

  it('is undone by the commission only: the facility leaves the layer and the demands are planned again', async () => {
    const demand = await publishedAt(places().home);
    const project = await create(kindergartenAt(places().home, { demandIds: [demand.id] }), cookies.commission);
    const completed = await moveThrough(project.id, cookies.commission, 'approved', 'design', 'construction', 'completed');
    const featureId = completed.facilityFeatureId!;
    await expectRefused(() => projects.phase(project.id, { phase: 'construction' }, cookies.town, completed.version), 403, 'phase_not_allowed');
    await expectRefused(() => projects.phase(project.id, { phase: 'construction' }, cookies.inspector, completed.version), 403, 'role_not_allowed');
    await expectRefused(() => projects.patch(project.id, { geometry: { type: 'Point', coordinates: [places().town.lon, places().town.lat] } }, cookies.commission, completed.version), 409, 'project_completed');
    const before = await layerVersion('kindergartens');
    const undone = await moveThrough(project.id, cookies.commission, 'construction');
    expect(undone).toMatchObject({ phase: 'construction', facilityFeatureId: null, progress: 40 });
    expect(undone.schedule.construction?.actualEnd).toBeNull();
    expect((await app.request(`/api/layers/kindergartens/features/${featureId}`)).status).toBe(404);
    expect(await layerVersion('kindergartens')).toBeGreaterThan(before);
    expect((await staffRead(demand.id)).status).toBe('planned');
    const trail = await sql<{ entity: string; action: string }[]>`
      SELECT entity, action FROM audit_log
      WHERE request_id = (SELECT request_id FROM audit_log WHERE entity = 'project' AND entity_id = ${String(project.id)} ORDER BY id DESC LIMIT 1) ORDER BY id`;
    expect(trail.map((row) => `${row.entity}:${row.action}`)).toEqual(['feature:kindergartens:delete', 'demand:update', 'project:phase']);

    // Completed again: a new feature, the demand resolved again.
    const again = await moveThrough(project.id, cookies.commission, 'completed');
    expect(again.facilityFeatureId).not.toBe(featureId);
    expect((await staffRead(demand.id)).status).toBe('resolved');
  });

  it('with a facility its layer cannot take is a 422 that changes nothing', async () => {
    const demand = await publishedAt(places().home);
    const project = await create(kindergartenAt(places().home, { demandIds: [demand.id] }), cookies.commission);
    const building = await moveThrough(project.id, cookies.commission, 'approved', 'construction');
    // The properties stored no longer satisfy the layer (as after a change of its declaration).
    await sql`UPDATE projects SET facility_properties = '{"seats": -5}'::jsonb WHERE id = ${project.id}`;
    const { error } = await expectRefused(() => projects.phase(project.id, { phase: 'completed' }, cookies.commission, building.version), 422, 'facility_invalid');
    expect(error.message).toContain('name');
    await sql`UPDATE projects SET facility_layer = 'trails', facility_properties = '{"name": "步道"}'::jsonb WHERE id = ${project.id}`;
    await expectRefused(() => projects.phase(project.id, { phase: 'completed' }, cookies.commission, building.version), 422, 'facility_invalid');
    expect((await read(project.id, cookies.commission)).phase).toBe('construction');
    expect((await staffRead(demand.id)).status).toBe('planned');
  });

  it('of a project without a facility resolves its demands; cancelling another lets its demands go', async () => {
    const demand = await publishedAt(places().home);
    const sidewalk = await create(kindergartenAt(places().home, { type: 'sidewalk', optimization: 1, facility: null, demandIds: [demand.id] }), cookies.commission);
    const done = await moveThrough(sidewalk.id, cookies.commission, 'approved', 'construction', 'completed');
    expect(done.facilityFeatureId).toBeNull();
    expect((await staffRead(demand.id)).status).toBe('resolved');

    const other = await publishedAt(places().home);
    const cancelled = await create(kindergartenAt(places().home, { demandIds: [other.id] }), cookies.commission);
    expect((await staffRead(other.id)).status).toBe('planned');
    const closed = await moveThrough(cancelled.id, cookies.commission, 'approved', { phase: 'cancelled', reason: '资金未落实' });
    expect(closed.demandIds).toEqual([other.id]);
    expect((await staffRead(other.id)).status).toBe('accepted');
  });

  it('places a polygon site’s kindergarten at a point on the site', async () => {
    const { lon, lat } = places().home;
    const site = { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.0008, lat], [lon + 0.0008, lat + 0.0006], [lon, lat + 0.0006], [lon, lat]]] };
    const project = await create(kindergartenAt(places().home, { geometry: site }), cookies.commission);
    const done = await moveThrough(project.id, cookies.commission, 'approved', 'construction', 'completed');
    const [inside] = await sql<{ inside: boolean }[]>`
      SELECT ST_Covers(p.geom, k.geom) AS inside FROM projects p, kindergartens k WHERE p.id = ${project.id} AND k.id = ${done.facilityFeatureId}`;
    expect(inside.inside).toBe(true);
  });
});
