import { describe, expect, it } from 'vitest';
import type { ProjectList, ProjectRecord } from '../../core/projects/project-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { useDemands } from '../support/demands.ts';
import { kindergartenAt, useProjects } from '../support/projects.ts';

/** The project library's writes as each role would make them: proposals, edits, scope, bad input, stale copies. */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { cookies, places, publishedAt, staffRead, submit } = useDemands(app, sql);
const { projects, create, read, moveThrough, expectRefused, added } = useProjects(app, sql);

/** A line from one community's inside point to another's, crossing the boundary between them. */
async function lineAcross(): Promise<{ coordinates: [number, number][]; communities: string[] }> {
  const [pair] = await sql<{ a: [number, number]; b: [number, number]; ca: string; cb: string }[]>`
    SELECT json_build_array(ST_X(ST_PointOnSurface(a.geom)), ST_Y(ST_PointOnSurface(a.geom))) AS a,
           json_build_array(ST_X(ST_PointOnSurface(b.geom)), ST_Y(ST_PointOnSurface(b.geom))) AS b, a.code AS ca, b.code AS cb
    FROM communities a JOIN communities b ON a.code < b.code AND ST_Touches(a.geom, b.geom)
    WHERE ST_Covers(a.geom, ST_PointOnSurface(a.geom)) ORDER BY a.code, b.code LIMIT 1`;
  return { coordinates: [pair.a, pair.b], communities: [pair.ca, pair.cb] };
}

describe('proposing a project', () => {
  it('answers the core call with 201: id, version, phase proposed, towns and communities derived, the demand planned, all in the trail', async () => {
    const demand = await publishedAt(places().home);
    const response = await projects.create(kindergartenAt(places().home, { demandIds: [demand.id] }), cookies.commission);
    expect(response.status).toBe(201);
    const record = (await response.json()) as ProjectRecord;
    added.push(record.id);
    expect(record).toMatchObject({
      version: 1,
      phase: 'proposed',
      towns: [places().home.town],
      communities: [places().home.community],
      primaryTown: places().home.town,
      primaryCommunity: places().home.community,
      code: `XM${String(record.id).padStart(6, '0')}`,
      demandIds: [demand.id],
      progress: 0,
      late: { isLate: false, days: 0, what: null },
      lengthM: null,
      areaM2: null,
      facility: { layer: 'kindergartens', properties: { name: '南坪新建幼儿园', seats: 270, ownership: 'public' } },
      funding: [{ source: 'fiscal', amount: 12_000_000 }],
      deliverables: [{ indicator: 'seats', amount: 270 }],
    });
    expect(response.headers.get('ETag')).toBe('"v1"');
    expect(response.headers.get('Location')).toBe(`/api/projects/${record.id}`);
    expect((await staffRead(demand.id)).status).toBe('planned');
    const trail = await sql<{ entity: string; action: string; request_id: string }[]>`
      SELECT entity, action, request_id FROM audit_log WHERE (entity = 'project' AND entity_id = ${String(record.id)}) OR (entity = 'demand' AND entity_id = ${String(demand.id)} AND action = 'update') ORDER BY id`;
    expect(trail.map((row) => `${row.entity}:${row.action}`)).toEqual(['demand:update', 'demand:update', 'project:create']);
    expect(trail[1].request_id).toBe(trail[2].request_id);
  });

  it('derives every community a line crosses, the primary holding the largest share, and its length', async () => {
    const line = await lineAcross();
    const record = await create(kindergartenAt(places().home, { type: 'sidewalk', optimization: 1, facility: null, geometry: { type: 'LineString', coordinates: line.coordinates } }), cookies.commission);
    expect([...record.communities].sort()).toEqual([...line.communities].sort());
    expect(record.lengthM).toBeGreaterThan(0);
    const [measured] = await sql<{ length: number }[]>`SELECT round(ST_Length(geom::geography)::numeric, 1)::float8 AS length FROM projects WHERE id = ${record.id}`;
    expect(record.lengthM).toBe(measured.length);
    const [shares] = await sql<{ primary: string }[]>`
      SELECT c.code AS primary FROM communities c, projects p WHERE p.id = ${record.id} AND ST_Intersects(c.geom, p.geom)
      ORDER BY ST_Length(ST_Intersection(c.geom, p.geom)::geography) DESC LIMIT 1`;
    expect(record.primaryCommunity).toBe(shares.primary);
    expect(record.communities[0]).toBe(shares.primary);
  });

  it('measures a polygon’s area and places a multi-polygon', async () => {
    const { lon, lat } = places().home;
    const square = (dx: number) => [[[lon + dx, lat], [lon + dx + 0.0005, lat], [lon + dx + 0.0005, lat + 0.0005], [lon + dx, lat + 0.0005], [lon + dx, lat]]];
    const polygon = await create(kindergartenAt(places().home, { type: 'greening', optimization: 5, facility: null, geometry: { type: 'Polygon', coordinates: square(0) } }), cookies.commission);
    expect(polygon.areaM2).toBeGreaterThan(2000);
    expect(polygon.lengthM).toBeNull();
    const multi = await create(kindergartenAt(places().home, { type: 'greening', optimization: 5, facility: null, geometry: { type: 'MultiPolygon', coordinates: [square(0), square(0.001)] } }), cookies.commission);
    expect(multi.geometry.type).toBe('MultiPolygon');
    expect(multi.areaM2).toBeGreaterThan(polygon.areaM2! * 1.9);
  });

  it('lets a town office and a planner propose in their area only, never published', async () => {
    const own = await create(kindergartenAt(places().home), cookies.town);
    expect(own).toMatchObject({ phase: 'proposed', primaryTown: places().home.town, published: false });
    await create(kindergartenAt(places().home), cookies.planner);
    await expectRefused(() => projects.create(kindergartenAt(places().elsewhere), cookies.town), 403, 'out_of_scope');
    await expectRefused(() => projects.create(kindergartenAt(places().town), cookies.planner), 403, 'out_of_scope');
    await expectRefused(() => projects.create(kindergartenAt(places().home, { published: true }), cookies.town), 403, 'manager_only_field');
    await expectRefused(() => projects.create(kindergartenAt(places().home, { opportunity: true }), cookies.planner), 403, 'manager_only_field');
    await expectRefused(() => projects.create(kindergartenAt(places().home), cookies.inspector), 403, 'role_not_allowed');
    await expectRefused(() => projects.create(kindergartenAt(places().home), undefined), 401, 'sign_in_required');
  });

  it('refuses bad input with a 400 naming it, writing nothing', async () => {
    const home = places().home;
    const { error } = await expectRefused(() => projects.create(kindergartenAt(home, { phase: 'completed' }), cookies.commission), 400, 'invalid_request');
    expect(error.details).toEqual([expect.objectContaining({ path: '' })]);
    await expectRefused(() => projects.create('{"name":', cookies.commission), 400, 'invalid_json');
    await expectRefused(() => projects.create(kindergartenAt(home, { funding: [{ source: 'lottery', amount: 1 }] }), cookies.commission), 400, 'invalid_request');
    const missingName = await expectRefused(() => projects.create(kindergartenAt(home, { facility: { layer: 'kindergartens', properties: { seats: 270 } } }), cookies.commission), 400, 'invalid_request');
    expect(missingName.error.details).toEqual([expect.objectContaining({ path: 'facility.properties.name' })]);
    await expectRefused(() => projects.create(kindergartenAt(home, { facility: { layer: 'communities', properties: {} } }), cookies.commission), 400, 'invalid_request');
    const polygon = { type: 'Polygon', coordinates: [[[home.lon, home.lat], [home.lon + 0.001, home.lat], [home.lon + 0.001, home.lat + 0.001], [home.lon, home.lat]]] };
    await expectRefused(() => projects.create(kindergartenAt(home, { geometry: polygon, facility: { layer: 'trails', properties: { name: '步道' } } }), cookies.commission), 400, 'facility_geometry_mismatch');
    const bowtie = { type: 'Polygon', coordinates: [[[home.lon, home.lat], [home.lon + 0.001, home.lat + 0.001], [home.lon + 0.001, home.lat], [home.lon, home.lat + 0.001], [home.lon, home.lat]]] };
    await expectRefused(() => projects.create(kindergartenAt(home, { geometry: bowtie }), cookies.commission), 400, 'invalid_geometry');
    await expectRefused(() => projects.create(kindergartenAt(home, { geometry: { type: 'Point', coordinates: [0, 0] } }), cookies.commission), 400, 'outside_district');
    await expectRefused(() => projects.create(kindergartenAt(home, { name: 'a\u0000b' }), cookies.commission), 400, 'invalid_request');
    await expectRefused(() => projects.create(kindergartenAt(home, { demandIds: [2_000_000_000] }), cookies.commission), 400, 'unknown_demand');
    await expectRefused(() => projects.create(kindergartenAt(home, { parentId: 2_000_000_000 }), cookies.commission), 400, 'unknown_parent');
    await expectRefused(() => projects.create(kindergartenAt(home, { schedule: { design: { plannedStart: '2026-05-01', plannedEnd: '2026-04-01' } } }), cookies.commission), 400, 'invalid_request');
  });

  it('links only demands the district has taken on, and only in the user’s area', async () => {
    const fresh = await submit({ lon: places().home.lon, lat: places().home.lat, optimization: 2, type: 'kindergarten', text: '需要幼儿园' });
    const { error } = await expectRefused(() => projects.create(kindergartenAt(places().home, { demandIds: [fresh.id] }), cookies.commission), 409, 'demand_not_linkable');
    expect(error.details).toMatchObject({ demand: fresh.id, status: 'submitted', linkable: ['accepted', 'planned'] });
    const faraway = await publishedAt(places().elsewhere);
    await expectRefused(() => projects.create(kindergartenAt(places().home, { demandIds: [faraway.id] }), cookies.town), 403, 'out_of_scope');
  });
});

describe('changing a project', () => {
  it('needs If-Match (428), refuses a stale copy with 409 and the project as it is, and recomputes the place', async () => {
    const record = await create(kindergartenAt(places().home), cookies.commission);
    await expectRefused(() => projects.patch(record.id, { name: '新名称' }, cookies.commission), 428, 'if_match_required');
    const renamed = await projects.patch(record.id, { name: '新名称', budgetNote: '含征地' }, cookies.commission, 1);
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: '新名称', budgetNote: '含征地', version: 2 });
    const { error } = await expectRefused(() => projects.patch(record.id, { name: '旧副本' }, cookies.commission, 1), 409, 'version_conflict');
    expect(error.details).toMatchObject({ version: 2, current: { name: '新名称' } });
    const moved = await projects.patch(record.id, { geometry: { type: 'Point', coordinates: [places().elsewhere.lon, places().elsewhere.lat] } }, cookies.commission, 2);
    expect(await moved.json()).toMatchObject({ primaryTown: places().elsewhere.town, communities: [places().elsewhere.community], version: 3 });
    await expectRefused(() => projects.patch(record.id, {}, cookies.commission, 3), 400, 'invalid_request');
    await expectRefused(() => projects.patch(record.id, { phase: 'approved' }, cookies.commission, 3), 400, 'invalid_request');
  });

  it('lets a town change its own proposal until it is approved, never another town’s', async () => {
    const own = await create(kindergartenAt(places().home), cookies.town);
    const changed = await projects.patch(own.id, { name: '镇街修改', progress: 10 }, cookies.town, own.version);
    expect(await changed.json()).toMatchObject({ name: '镇街修改', progress: 10, recordedProgress: 10 });
    await expectRefused(() => projects.patch(own.id, { geometry: { type: 'Point', coordinates: [places().elsewhere.lon, places().elsewhere.lat] } }, cookies.town, 2), 403, 'out_of_scope');
    await expectRefused(() => projects.patch(own.id, { published: true }, cookies.town, 2), 403, 'manager_only_field');
    const approved = await moveThrough(own.id, cookies.commission, 'approved');
    await expectRefused(() => projects.patch(own.id, { name: '批准后修改' }, cookies.town, approved.version), 403, 'project_not_editable');
    const other = await create(kindergartenAt(places().elsewhere), cookies.commission);
    await expectRefused(() => projects.patch(other.id, { name: 'x' }, cookies.town, other.version), 403, 'out_of_scope');
    await expectRefused(() => projects.patch(other.id, { name: 'x' }, cookies.inspector, other.version), 403, 'role_not_allowed');
    await expectRefused(() => projects.patch(2_000_000_000, { name: 'x' }, cookies.commission, 1), 404, 'unknown_project');
  });

  it('relinks demands: an unlinked demand answered by no other project is accepted again', async () => {
    const first = await publishedAt(places().home);
    const second = await publishedAt(places().home);
    const record = await create(kindergartenAt(places().home, { demandIds: [first.id] }), cookies.commission);
    const relinked = await projects.patch(record.id, { demandIds: [second.id] }, cookies.commission, record.version);
    expect(await relinked.json()).toMatchObject({ demandIds: [second.id] });
    expect((await staffRead(first.id)).status).toBe('accepted');
    expect((await staffRead(second.id)).status).toBe('planned');
  });

  it('deletes a proposal only; anything further along is cancelled instead', async () => {
    const demand = await publishedAt(places().home);
    const proposal = await create(kindergartenAt(places().home, { demandIds: [demand.id] }), cookies.town);
    await expectRefused(() => projects.remove(proposal.id, cookies.town), 428, 'if_match_required');
    expect((await projects.remove(proposal.id, cookies.town, proposal.version)).status).toBe(204);
    expect((await projects.read(proposal.id, cookies.commission)).status).toBe(404);
    expect((await staffRead(demand.id)).status).toBe('accepted');
    const [deleted] = await sql<{ action: string }[]>`SELECT action FROM audit_log WHERE entity = 'project' AND entity_id = ${String(proposal.id)} ORDER BY id DESC LIMIT 1`;
    expect(deleted.action).toBe('delete');
    const approved = await moveThrough((await create(kindergartenAt(places().home), cookies.commission)).id, cookies.commission, 'approved');
    await expectRefused(() => projects.remove(approved.id, cookies.commission, approved.version), 409, 'not_deletable');
  });
});

describe('the phase machine through the API', () => {
  it('refuses an illegal move with 409 naming the allowed ones, and a stale copy with 409', async () => {
    const record = await create(kindergartenAt(places().home), cookies.commission);
    const { error } = await expectRefused(() => projects.phase(record.id, { phase: 'construction' }, cookies.commission, 1), 409, 'invalid_transition');
    expect(error.details).toEqual({ from: 'proposed', to: 'construction', allowed: ['approved', 'on_hold', 'cancelled'] });
    await expectRefused(() => projects.phase(record.id, { phase: 'approved' }, cookies.commission), 428, 'if_match_required');
    await moveThrough(record.id, cookies.commission, 'approved');
    await expectRefused(() => projects.phase(record.id, { phase: 'design' }, cookies.commission, 1), 409, 'version_conflict');
    await expectRefused(() => projects.phase(record.id, { phase: 'design', date: '2999-01-01' }, cookies.commission, 2), 400, 'date_in_future');
    await expectRefused(() => projects.phase(record.id, { phase: 'design', date: '2000-01-01' }, cookies.commission, 2), 400, 'date_before_phase');
    await expectRefused(() => projects.phase(record.id, { phase: 'built' }, cookies.commission, 2), 400, 'invalid_request');
  });

  it('records actual dates as the project moves, and resumes a held project only where it left', async () => {
    const record = await create(kindergartenAt(places().home), cookies.commission);
    const designing = await moveThrough(record.id, cookies.commission, 'approved', 'design', 'on_hold');
    expect(designing).toMatchObject({ phase: 'on_hold', heldFrom: 'design', progress: 15 });
    const { error } = await expectRefused(() => projects.phase(record.id, { phase: 'construction' }, cookies.commission, designing.version), 409, 'invalid_transition');
    expect(error.details).toMatchObject({ allowed: ['design', 'cancelled'] });
    const resumed = await moveThrough(record.id, cookies.commission, 'design', 'construction');
    expect(resumed).toMatchObject({ phase: 'construction', heldFrom: null, progress: 40 });
    expect(resumed.schedule.approved?.actualStart).toBe(resumed.phaseSince);
    expect(resumed.schedule.design).toMatchObject({ actualStart: resumed.phaseSince, actualEnd: resumed.phaseSince });
    expect(resumed.schedule.construction?.actualStart).toBe(resumed.phaseSince);
  });

  it('lets a town only withdraw its own proposal, and no one revive a cancelled project', async () => {
    const own = await create(kindergartenAt(places().home), cookies.town);
    await expectRefused(() => projects.phase(own.id, { phase: 'approved' }, cookies.town, own.version), 403, 'phase_not_allowed');
    await expectRefused(() => projects.phase(own.id, { phase: 'approved' }, cookies.inspector, own.version), 403, 'role_not_allowed');
    await expectRefused(() => projects.phase(own.id, { phase: 'approved' }, undefined, own.version), 401, 'sign_in_required');
    const withdrawn = await moveThrough(own.id, cookies.town, { phase: 'cancelled', reason: '选址调整' });
    expect(withdrawn.phase).toBe('cancelled');
    const { error } = await expectRefused(() => projects.phase(own.id, { phase: 'proposed' }, cookies.commission, withdrawn.version), 409, 'invalid_transition');
    expect(error.details).toMatchObject({ allowed: [] });
    const other = await create(kindergartenAt(places().elsewhere), cookies.commission);
    await expectRefused(() => projects.phase(other.id, { phase: 'cancelled' }, cookies.town, other.version), 403, 'out_of_scope');
  });
});

describe('milestones, lateness and packages', () => {
  it('marks a project late when a planned date passed without its actual date, and the list filters on it', async () => {
    const record = await create(kindergartenAt(places().home, {
      schedule: { approved: { plannedStart: '2020-01-10' } },
      milestones: [{ name: '立项', planned: '2020-03-01' }],
    }), cookies.commission);
    expect(record.late).toMatchObject({ isLate: true, what: { kind: 'phase', phase: 'approved', edge: 'start', planned: '2020-01-10' } });
    expect(record.late.days).toBeGreaterThan(365);
    const late = (await (await projects.list('late=true&limit=500', cookies.commission)).json()) as ProjectList<ProjectRecord>;
    expect(late.items.map((item) => item.id)).toContain(record.id);
    expect(late.items.every((item) => item.late.isLate)).toBe(true);
    const approved = await moveThrough(record.id, cookies.commission, 'approved');
    expect(approved.late.what).toMatchObject({ kind: 'milestone', name: '立项' });
    const response = await projects.putMilestones(record.id, { milestones: [{ name: '立项', planned: '2020-03-01', actual: '2020-03-02' }, { name: '开工', planned: '2999-01-01' }] }, cookies.commission, approved.version);
    expect(response.status).toBe(200);
    const onTime = (await response.json()) as ProjectRecord;
    expect(onTime.late).toEqual({ isLate: false, days: 0, what: null });
    expect(onTime.milestones.map((milestone) => milestone.name)).toEqual(['立项', '开工']);
    const read_ = await (await projects.milestones(record.id, cookies.inspector)).json();
    expect(read_.milestones).toHaveLength(2);
    await expectRefused(() => projects.putMilestones(record.id, { milestones: [] }, cookies.commission, approved.version), 409, 'version_conflict');
    await expectRefused(() => projects.putMilestones(record.id, { milestones: [{ name: 'x', planned: '2020-13-01' }] }, cookies.commission, onTime.version), 400, 'invalid_request');
  });

  it('rolls a package’s progress up from its parts by weight', async () => {
    const parent = await create(kindergartenAt(places().home, { facility: null, name: '幼儿园建设包' }), cookies.commission);
    const big = await create(kindergartenAt(places().home, { parentId: parent.id, weight: 3 }), cookies.commission);
    const small = await create(kindergartenAt(places().home, { parentId: parent.id, weight: 1 }), cookies.commission);
    await moveThrough(big.id, cookies.commission, 'approved', 'construction');
    await projects.patch(small.id, { progress: 20 }, cookies.commission, small.version);
    const rolled = await read(parent.id, cookies.commission);
    expect(rolled.childIds).toEqual([big.id, small.id]);
    expect(rolled.progress).toBe(35);
    await expectRefused(() => projects.create(kindergartenAt(places().home, { parentId: big.id }), cookies.commission), 400, 'nested_package');
  });
});

describe('inspections', () => {
  it('are recorded by the inspector, the commission and the project’s town, with problems kept from the public', async () => {
    const own = await create(kindergartenAt(places().home, { published: true }), cookies.commission);
    const visit = { date: '2026-01-05', findings: '基坑支护已完成', problems: [{ description: '用地手续未完成', owner: '区规划自然资源局', due: '2026-02-01' }] };
    const recorded = await projects.inspect(own.id, visit, cookies.inspector);
    expect(recorded.status).toBe(201);
    expect(await recorded.json()).toMatchObject({ projectId: own.id, findings: '基坑支护已完成', problems: visit.problems, recordedBy: 'demo-inspector' });
    expect((await projects.inspect(own.id, { ...visit, inspector: '镇街巡查员' }, cookies.town)).status).toBe(201);
    const other = await create(kindergartenAt(places().elsewhere), cookies.commission);
    await expectRefused(() => projects.inspect(other.id, visit, cookies.town), 403, 'out_of_scope');
    await expectRefused(() => projects.inspect(own.id, visit, cookies.planner), 403, 'role_not_allowed');
    await expectRefused(() => projects.inspect(own.id, visit, undefined), 401, 'sign_in_required');
    await expectRefused(() => projects.inspect(own.id, { ...visit, problems: [{ description: 'x', owner: 'y' }] }, cookies.inspector), 400, 'invalid_request');
    const staff = await (await projects.inspections(own.id, cookies.commission)).json();
    expect(staff.items).toHaveLength(2);
    const publicView = await (await projects.inspections(own.id)).json();
    expect(publicView.items).toHaveLength(2);
    for (const item of publicView.items) {
      expect(item).not.toHaveProperty('problems');
      expect(item).not.toHaveProperty('recordedBy');
    }
    expect((await projects.inspections(other.id)).status).toBe(404);
    const history = await (await projects.history(own.id, cookies.inspector)).json();
    expect(history.items.map((entry: { action: string }) => entry.action)).toEqual(['inspection', 'inspection', 'create']);
    expect((await projects.history(own.id)).status).toBe(401);
  });
});
