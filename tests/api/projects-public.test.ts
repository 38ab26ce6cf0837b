import { describe, expect, it } from 'vitest';
import { findLayer } from '../../core/layers/registry.ts';
import type { ProjectList, ProjectRecord, ProjectSchedulePage, PublicProject } from '../../core/projects/project-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { useDemands } from '../support/demands.ts';
import { decodeTile, tileContaining } from '../support/mvt.ts';
import { kindergartenAt, useProjects } from '../support/projects.ts';

/**
 * What the library shows: the list's filters and paging for staff, the public's published
 * projects without internal fields, the schedule by year, and the published_projects layer as
 * tiles and an OGC collection through the registry alone.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { cookies, places } = useDemands(app, sql);
const { projects, create, moveThrough, added } = useProjects(app, sql);

const LAYER = findLayer('published_projects')!;
const DECLARED = Object.keys(LAYER.properties);
const INTERNAL = ['budgetNote', 'recordedProgress', 'demandIds', 'childIds', 'facilityFeatureId', 'version'];

const ids = (page: ProjectList) => page.items.map((item) => item.id);
async function listIds(query: string, cookie?: string): Promise<number[]> {
  const response = await projects.list(`${query}&limit=500`, cookie);
  expect(response.status, await response.clone().text()).toBe(200);
  return ids((await response.json()) as ProjectList);
}

describe('the project list', () => {
  it('filters by every field it names, and pages with the total', async () => {
    const { home, elsewhere } = places();
    const school = await create(kindergartenAt(home, {
      name: '筛选测试幼儿园', sizeClass: 'large', funding: [{ source: 'private', amount: 5e6 }, { source: 'fiscal', amount: 1e6 }],
      published: true, opportunity: true, schedule: { construction: { plannedStart: '2031-03-01', plannedEnd: '2032-06-30' } },
    }), cookies.commission);
    const market = await create(kindergartenAt(elsewhere, { name: '筛选测试市场', optimization: 4, type: 'fresh_market', facility: null, funding: [{ source: 'state_owned', amount: 2e6 }] }), cookies.commission);
    await moveThrough(market.id, cookies.commission, 'approved');
    const staff = cookies.commission;
    expect(await listIds('q=筛选测试', staff)).toEqual([market.id, school.id]);
    expect(await listIds('q=筛选测试&phase=approved', staff)).toEqual([market.id]);
    expect(await listIds('q=筛选测试&phase=proposed,approved', staff)).toEqual([market.id, school.id]);
    expect(await listIds('q=筛选测试&optimization=4', staff)).toEqual([market.id]);
    expect(await listIds(`q=筛选测试&town=${home.town}`, staff)).toEqual([school.id]);
    expect(await listIds(`q=筛选测试&community=${elsewhere.community}`, staff)).toEqual([market.id]);
    expect(await listIds('q=筛选测试&size=large', staff)).toEqual([school.id]);
    expect(await listIds('q=筛选测试&funding=private', staff)).toEqual([school.id]);
    expect(await listIds('q=筛选测试&funding=private,state_owned', staff)).toEqual([market.id, school.id]);
    expect(await listIds('q=筛选测试&year=2032', staff)).toEqual([school.id]);
    expect(await listIds('q=筛选测试&year=2030', staff)).toEqual([]);
    expect(await listIds('q=筛选测试&published=true', staff)).toEqual([school.id]);
    expect(await listIds('q=筛选测试&opportunity=false', staff)).toEqual([market.id]);
    expect(await listIds('q=筛选测试&late=false', staff)).toEqual([market.id, school.id]);
    const box = [home.lon - 0.0001, home.lat - 0.0001, home.lon + 0.0001, home.lat + 0.0001].join(',');
    expect(await listIds(`q=筛选测试&bbox=${box}`, staff)).toEqual([school.id]);
    expect(await listIds(`q=${school.code}`, staff)).toEqual([school.id]);
    const page = (await (await projects.list('q=筛选测试&limit=1&offset=1', staff)).json()) as ProjectList;
    expect(page).toMatchObject({ total: 2, totalExact: true, items: [{ id: school.id }] });
  });

  it('gives each item as the project reads alone, with its dates, milestones and parts, and finds it by any of its names', async () => {
    const staff = cookies.commission;
    const schedule = { approved: { plannedStart: '2031-01-10' }, construction: { plannedStart: '2031-04-01', plannedEnd: '2032-06-30' } };
    const milestones = [{ name: '开工', planned: '2031-04-01' }, { name: '主体封顶', planned: '2031-12-01' }, { name: '竣工', planned: '2032-06-30' }];
    const whole = await create(kindergartenAt(places().home, { name: '整页测试项目包', nameEn: 'Whole Page Package', responsibleUnit: '整页测试街道办', published: true, schedule, milestones }), staff);
    const part = await create(kindergartenAt(places().home, { name: '整页测试分项', parentId: whole.id }), staff);
    const listed = (await (await projects.list('q=整页测试&limit=50', staff)).json()) as ProjectList<ProjectRecord>;
    expect(listed.items.map((item) => item.id)).toEqual([part.id, whole.id]);
    for (const item of listed.items) expect(item).toEqual(await (await projects.read(item.id, staff)).json());
    expect(listed.items[1]).toMatchObject({ childIds: [part.id], milestones: milestones.map((milestone) => ({ ...milestone, actual: null })) });
    const publicItem = ((await (await projects.list('q=整页测试&limit=50')).json()) as ProjectList<PublicProject>).items;
    expect(publicItem).toEqual([await (await projects.read(whole.id)).json()]);
    expect(await listIds(`q=${encodeURIComponent('whole page')}`, staff)).toEqual([whole.id]);
    expect(await listIds('q=整页测试街道', staff)).toEqual([whole.id]);
    expect(await listIds(`q=${whole.code.toLowerCase()}`, staff)).toEqual([whole.id]);
    expect(await listIds('q=包', staff)).toContain(whole.id);
  });

  it('refuses an unknown or malformed parameter with a 400 naming it', async () => {
    for (const query of ['phase=built', 'funding=lottery', 'late=maybe', 'year=20x6', 'bbox=1,2,3', 'size=huge', 'colour=red', 'limit=0']) {
      const response = await projects.list(query, cookies.commission);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_query');
    }
  });
});

describe('the public', () => {
  it('read published projects only, without internal fields', async () => {
    const published = await create(kindergartenAt(places().home, { name: '公示测试项目', published: true, budgetNote: '内部：含征地补偿' }), cookies.commission);
    const internal = await create(kindergartenAt(places().home, { name: '公示测试项目（未公开）', budgetNote: '内部' }), cookies.commission);
    const list = (await (await projects.list('q=公示测试项目&limit=50')).json()) as ProjectList<PublicProject>;
    expect(list.items.map((item) => item.id)).toEqual([published.id]);
    const item = list.items[0];
    for (const field of INTERNAL) expect(item).not.toHaveProperty(field);
    expect(JSON.stringify(list)).not.toContain('内部');
    expect(item).toMatchObject({ code: published.code, phase: 'proposed', towns: [places().home.town], progress: 0, late: { isLate: false } });
    const one = await projects.read(published.id);
    expect(one.status).toBe(200);
    const body = await one.json();
    for (const field of INTERNAL) expect(body).not.toHaveProperty(field);
    expect((await projects.read(internal.id)).status).toBe(404);
    expect((await projects.milestones(internal.id)).status).toBe(404);
    const staffList = (await (await projects.list('q=公示测试项目&limit=50', cookies.inspector)).json()) as ProjectList<ProjectRecord>;
    expect(staffList.items.map((entry) => entry.id).sort()).toEqual([published.id, internal.id].sort());
    expect(staffList.items.find((entry) => entry.id === published.id)?.budgetNote).toBe('内部：含征地补偿');
  });

  it('see the schedule of published projects; staff see all of a year', async () => {
    const dated = await create(kindergartenAt(places().home, { name: '时序测试', published: true, schedule: { approved: { plannedStart: '2033-01-15' }, construction: { plannedStart: '2033-04-01', plannedEnd: '2034-02-28' } } }), cookies.commission);
    const hidden = await create(kindergartenAt(places().home, { name: '时序测试（未公开）', milestones: [{ name: '开工', planned: '2033-05-01' }] }), cookies.commission);
    const staff = (await (await projects.schedule('year=2033&q=时序测试', cookies.commission)).json()) as ProjectSchedulePage;
    expect(staff).toMatchObject({ year: 2033, total: 2 });
    expect(staff.items.map((item) => item.id)).toEqual([dated.id, hidden.id]);
    expect(staff.items[0]).toMatchObject({ start: '2033-01-15', end: '2034-02-28', phase: 'proposed', late: { isLate: false } });
    const publicPage = (await (await projects.schedule('year=2034&q=时序测试')).json()) as ProjectSchedulePage;
    expect(publicPage.items.map((item) => item.id)).toEqual([dated.id]);
    expect((await projects.schedule('year=1999')).status).toBe(400);
  });
});

describe('the published project layer', () => {
  const layerVersion = async () => (await sql<{ version: number }[]>`SELECT version::int FROM layer_versions WHERE layer = 'published_projects'`)[0].version;

  it('takes a project once published, bumping its version, with the declared columns only in tiles', async () => {
    const before = await layerVersion();
    const { lon, lat } = places().town;
    const line = { type: 'LineString', coordinates: [[lon - 0.0004, lat], [lon + 0.0004, lat + 0.0002]] };
    const project = await create(kindergartenAt(places().town, { name: '图层测试步道', type: 'sidewalk', optimization: 1, facility: null, geometry: line, budgetNote: '内部备注' }), cookies.commission);
    expect(await layerVersion()).toBe(before);
    const published = await projects.patch(project.id, { published: true }, cookies.commission, project.version);
    expect(published.status).toBe(200);
    expect(await layerVersion()).toBeGreaterThan(before);

    const z = 16;
    const { x, y } = tileContaining(lon, lat, z);
    const tile = await app.request(`/tiles/published_projects/${z}/${x}/${y}.mvt`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(tile.status).toBe(200);
    const features = decodeTile(await tile.arrayBuffer(), z, x, y).published_projects ?? [];
    const feature = features.find((candidate) => candidate.id === project.id)!;
    expect(feature).toBeDefined();
    for (const column of Object.keys(feature.properties ?? {})) expect(DECLARED).toContain(column);
    expect(feature.properties).toMatchObject({ name: '图层测试步道', phase: 'proposed', code: project.code });
    expect(JSON.stringify(feature.properties)).not.toContain('内部');
  });

  it('is an OGC collection of mixed geometries whose items hold only the declared columns', async () => {
    const point = await create(kindergartenAt(places().home, { name: 'OGC测试点', published: true }), cookies.commission);
    const { lon, lat } = places().home;
    const area = await create(kindergartenAt(places().home, {
      name: 'OGC测试面', type: 'greening', optimization: 5, facility: null, published: true,
      geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.0005, lat], [lon + 0.0005, lat + 0.0005], [lon, lat]]] },
    }), cookies.commission);
    const unpublished = await create(kindergartenAt(places().home, { name: 'OGC测试未公开' }), cookies.commission);
    const collection = await (await app.request('/ogc/collections/published_projects?f=json')).json();
    expect(collection).toMatchObject({ id: 'published_projects', category: 'workflow', geometryType: 'Geometry' });
    const items = await (await app.request('/ogc/collections/published_projects/items?f=json&limit=1000')).json();
    const byId = new Map<number, { geometry: { type: string }; properties: Record<string, unknown> }>(items.features.map((feature: { id: number }) => [feature.id, feature]));
    expect(byId.get(point.id)?.geometry.type).toBe('Point');
    expect(byId.get(area.id)?.geometry.type).toBe('Polygon');
    expect(byId.has(unpublished.id)).toBe(false);
    expect(Object.keys(byId.get(area.id)!.properties)).toEqual(DECLARED);
    const api = await (await app.request('/ogc/api?f=json')).json();
    expect(JSON.stringify(api)).toContain('published_projects');
    expect(added.length).toBeGreaterThan(0);
  });
});
