import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemandCounts } from '../../core/demands/demand-count-contract.ts';
import type { DemandList, PublicDemand, StaffDemand } from '../../core/demands/demand-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { demandAt, nextAddress, useDemands, type Place } from '../support/demands.ts';
import { kindergartenAt, useProjects } from '../support/projects.ts';

/** What each reader sees of the demand list, how it is searched and paged, "me too", and the counts. */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { demands, cookies, places, submit, moveTo, publishedAt, expectRefused } = useDemands(app, sql);
const { create } = useProjects(app, sql);

/** A published demand planned the way the district plans one: a project links it. */
async function plannedAt(place: Place, extra: Record<string, unknown>): Promise<number> {
  const { id } = await publishedAt(place, extra);
  await create(kindergartenAt(place, { demandIds: [id] }), cookies.commission);
  return id;
}

const PUBLIC_KEYS = ['id', 'optimization', 'type', 'title', 'text', 'status', 'supportCount', 'community', 'town', 'reply', 'createdAt', 'updatedAt', 'lon', 'lat'].sort();

/** A word only this file's demands contain, so the demo demands do not get in the way. */
const marker = `mk${randomUUID().slice(0, 8)}`;
const byStatus: Record<string, number> = {};

async function listOf(query: string, cookie?: string): Promise<DemandList<StaffDemand>> {
  const response = await demands.list(query, { cookie });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as DemandList<StaffDemand>;
}
const idsOf = (list: DemandList<PublicDemand>) => list.items.map((item) => item.id).sort((a, b) => a - b);

/** One demand in each status, each with a contact, at `home`, and one each in the town and another town. */
beforeAll(async () => {
  const at = (place: Place, note: string) => demandAt(place, { text: `${marker} ${note}`, contact: `私密联系 ${note}` });
  byStatus.submitted = (await submit(at(places().home, 'submitted'))).id;
  byStatus.accepted = (await publishedAt(places().home, at(places().home, 'accepted'))).id;
  byStatus.planned = await plannedAt(places().home, at(places().home, 'planned'));
  byStatus.resolved = (await moveTo(await plannedAt(places().home, at(places().home, 'resolved')), { status: 'resolved' })).id;
  byStatus.rejected = (await moveTo((await submit(at(places().home, 'rejected'))).id, { status: 'rejected', reason: '内部理由' })).id;
  byStatus.hidden = (await moveTo((await submit(at(places().home, 'hidden'))).id, { status: 'hidden' })).id;
  byStatus.merged = (await moveTo((await submit(at(places().home, 'merged'))).id, { status: 'merged', mergedInto: byStatus.accepted })).id;
  byStatus.town = (await publishedAt(places().town, at(places().town, 'town'))).id;
  byStatus.elsewhere = (await publishedAt(places().elsewhere, at(places().elsewhere, 'elsewhere'))).id;
});

describe('the public', () => {
  it('list only accepted, planned and resolved demands, without contact, receipt, source or reason', async () => {
    const list = await listOf(`q=${marker}`);
    expect(idsOf(list)).toEqual([byStatus.accepted, byStatus.planned, byStatus.resolved, byStatus.town, byStatus.elsewhere].sort((a, b) => a - b));
    expect(list.total).toBe(5);
    for (const item of list.items) expect(Object.keys(item).sort()).toEqual(PUBLIC_KEYS);
    expect(JSON.stringify(list)).not.toMatch(/私密联系|内部理由/);
  });

  it('find nothing when they ask for unpublished statuses', async () => {
    expect(await listOf(`q=${marker}&status=submitted,rejected,hidden,merged`)).toEqual({ total: 0, totalExact: true, items: [] });
  });

  it('read a published demand without its private fields, and an unpublished one not at all (404)', async () => {
    const response = await demands.read(byStatus.accepted);
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toMatch(/^"v\d+"$/);
    // One demand comes with the projects that answer it (demand-projects.test.ts); a list leaves them out.
    expect(Object.keys(await response.json()).sort()).toEqual([...PUBLIC_KEYS, 'projects'].sort());
    for (const status of ['submitted', 'rejected', 'hidden', 'merged']) {
      const hidden = await demands.read(byStatus[status]);
      expect(hidden.status, status).toBe(404);
      expect((await hidden.json()).error.code).toBe('unknown_demand');
    }
  });
});

describe('staff', () => {
  it('the commission, the administrator and the inspector list every status, with contacts', async () => {
    for (const role of ['commission', 'admin', 'inspector'] as const) {
      const list = await listOf(`q=${marker}`, cookies[role]);
      expect(list.total, role).toBe(Object.keys(byStatus).length);
      expect(list.items.find((item) => item.id === byStatus.rejected)).toMatchObject({ contact: '私密联系 rejected', reason: '内部理由', source: 'public', receipt: expect.any(String) });
    }
  });

  it('a town office lists its town’s demands only, a planner their communities’ only', async () => {
    const town = await listOf(`q=${marker}`, cookies.town);
    expect(idsOf(town)).not.toContain(byStatus.elsewhere);
    expect(idsOf(town)).toContain(byStatus.town);
    expect(town.total).toBe(Object.keys(byStatus).length - 1);
    const planner = await listOf(`q=${marker}`, cookies.planner);
    expect(idsOf(planner)).not.toContain(byStatus.town);
    expect(idsOf(planner)).not.toContain(byStatus.elsewhere);
    expect(planner.total).toBe(Object.keys(byStatus).length - 2);
    // Asking for another town by name does not widen the scope.
    expect((await listOf(`q=${marker}&town=${places().elsewhere.town}`, cookies.town)).total).toBe(0);
  });
});

describe('searching, filtering and paging', () => {
  it('filters by status, optimization, type, source, town, community and box', async () => {
    const { home, elsewhere } = places();
    expect(idsOf(await listOf(`q=${marker}&status=planned,resolved`))).toEqual([byStatus.planned, byStatus.resolved].sort((a, b) => a - b));
    expect((await listOf(`q=${marker}&optimization=2&type=kindergarten&source=public`)).total).toBe(5);
    expect((await listOf(`q=${marker}&optimization=1`)).total).toBe(0);
    expect(idsOf(await listOf(`q=${marker}&town=${elsewhere.town}`))).toEqual([byStatus.elsewhere]);
    expect((await listOf(`q=${marker}&community=${home.community}`)).total).toBe(3);
    const box = `${elsewhere.lon - 0.0001},${elsewhere.lat - 0.0001},${elsewhere.lon + 0.0001},${elsewhere.lat + 0.0001}`;
    expect(idsOf(await listOf(`q=${marker}&bbox=${box}`))).toEqual([byStatus.elsewhere]);
  });

  it('matches %, _ and \\ in q as themselves', async () => {
    const percent = await publishedAt(places().home, { text: `${marker}%pct 完成` });
    const likePercent = await publishedAt(places().home, { text: `${marker}Xpct 完成` });
    const underscore = await publishedAt(places().home, { text: `${marker}_und` });
    const likeUnderscore = await publishedAt(places().home, { text: `${marker}Zund` });
    expect(idsOf(await listOf(`q=${encodeURIComponent(`${marker}%pct`)}`))).toEqual([percent.id]);
    expect(idsOf(await listOf(`q=${encodeURIComponent(`${marker}_und`)}`))).toEqual([underscore.id]);
    expect(idsOf(await listOf(`q=${encodeURIComponent(`${marker}\\`)}`))).toEqual([]);
    expect(idsOf(await listOf(`q=${marker}`))).toEqual(expect.arrayContaining([likePercent.id, likeUnderscore.id]));
  });

  it('pages newest first by default, and sorts by support', async () => {
    const all = await listOf(`q=${marker}&sort=oldest`, cookies.admin);
    const newest = await listOf(`q=${marker}&limit=2&offset=1`, cookies.admin);
    expect(newest.total).toBe(all.total);
    expect(newest.items.map((item) => item.id)).toEqual(all.items.map((item) => item.id).reverse().slice(1, 3));
    expect(await listOf(`q=${marker}&offset=1000`, cookies.admin)).toEqual({ total: all.total, totalExact: true, items: [] });
    // The accepted one counts the demand merged into it; two supports put the planned one ahead.
    await demands.support(byStatus.planned, 'sorting-token-000001');
    await demands.support(byStatus.planned, 'sorting-token-000002');
    const bySupport = await listOf(`q=${marker}&sort=support&limit=1`);
    expect(bySupport.items[0].id).toBe(byStatus.planned);
  });

  it.each([
    ['an unknown parameter', 'colour=red', 'invalid_query'],
    ['a repeated parameter', 'limit=1&limit=2', 'invalid_query'],
    ['an unknown status', 'status=done', 'invalid_query'],
    ['an optimization out of range', 'optimization=9', 'invalid_query'],
    ['a limit of zero', 'limit=0', 'invalid_query'],
    ['a limit over 500', 'limit=501', 'invalid_query'],
    ['a box the wrong way round', 'bbox=106.7,29.6,106.5,29.4', 'invalid_query'],
    ['a box of three numbers', 'bbox=106.5,29.4,106.7', 'invalid_query'],
    ['an unknown sort', 'sort=random', 'invalid_query'],
    ['a search over 100 characters', `q=${'x'.repeat(101)}`, 'invalid_query'],
  ])('refuses %s (400)', async (_name, query, code) => {
    const response = await demands.list(query);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe(code);
  });
});

describe('me too', () => {
  it('counts one support per person: 201 the first time, 409 after, and the list shows it', async () => {
    const demand = await publishedAt(places().home, { text: `${marker} support` });
    const person = { address: nextAddress() };
    const first = await demands.support(demand.id, 'token-of-a-resident-01', person);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: demand.id, supportCount: 1 });
    const { error } = await expectRefused(() => demands.support(demand.id, 'token-of-a-resident-01', person), 409, 'already_supported');
    expect(error.details).toEqual({ id: demand.id, supportCount: 1 });
    // Another browser at the same address is another person.
    expect((await demands.support(demand.id, 'token-of-a-resident-02', person)).status).toBe(201);
    expect((await (await demands.read(demand.id)).json()).supportCount).toBe(2);
    const [audit] = await sql<{ actor: string; action: string }[]>`
      SELECT actor, action FROM audit_log WHERE entity = 'demand' AND entity_id = ${String(demand.id)} AND action = 'support' ORDER BY id LIMIT 1`;
    expect(audit.actor).toMatch(/^public:/);
  });

  it('needs the browser token (400) and a published demand (404), changing nothing', async () => {
    await expectRefused(() => demands.support(byStatus.accepted, undefined), 400, 'supporter_required');
    await expectRefused(() => demands.support(byStatus.accepted, 'short'), 400, 'supporter_required');
    await expectRefused(() => demands.support(byStatus.accepted, `${'x'.repeat(20)}'; --`), 400, 'supporter_required');
    for (const status of ['submitted', 'rejected', 'hidden', 'merged']) {
      await expectRefused(() => demands.support(byStatus[status], 'token-of-a-resident-03'), 404, 'unknown_demand');
    }
    await expectRefused(() => demands.support(2_000_000_000, 'token-of-a-resident-03'), 404, 'unknown_demand');
  });
});

describe('counts per community and town', () => {
  async function countsOf(query: string, cookie?: string): Promise<DemandCounts> {
    const response = await demands.counts(query, { cookie });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as DemandCounts;
  }

  it('list every community with residents, published demands and the rate per 1,000 residents; statuses are not public', async () => {
    const counts = await countsOf('');
    const [{ communities }] = await sql<{ communities: number }[]>`SELECT count(*)::int AS communities FROM communities`;
    expect(counts).toMatchObject({ by: 'community', optimization: null, type: null });
    expect(counts.items).toHaveLength(communities);
    const home = counts.items.find((item) => item.code === places().home.community)!;
    const [truth] = await sql<{ published: number; residents: number }[]>`
      SELECT (SELECT count(*)::int FROM demands WHERE community_code = ${places().home.community} AND status IN ('accepted', 'planned', 'resolved')) AS published,
             (SELECT coalesce(sum(population), 0)::int FROM population WHERE community_code = ${places().home.community}) AS residents`;
    expect(home).toEqual({ code: places().home.community, town: places().home.town, residents: truth.residents, published: truth.published, publishedPerThousand: expect.any(Number) });
    expect(home.publishedPerThousand).toBeCloseTo((truth.published / truth.residents) * 1000, 2);
    for (const item of counts.items) expect(item).not.toHaveProperty('statuses');
  });

  it('give staff the counts by status within their area only', async () => {
    const town = await countsOf('', cookies.town);
    for (const item of town.items) expect(Boolean(item.statuses), item.code).toBe(item.town === places().home.town);
    const home = town.items.find((item) => item.code === places().home.community)!;
    expect(home.statuses!.hidden).toBeGreaterThanOrEqual(1);
    expect(home.statuses!.rejected).toBeGreaterThanOrEqual(1);
    const admin = await countsOf('by=town', cookies.admin);
    for (const item of admin.items) expect(item.statuses, item.code).toBeDefined();
    expect(admin.items.find((item) => item.code === places().elsewhere.town)).toMatchObject({ town: places().elsewhere.town });
  });

  it('narrow to one optimization or type, and refuse what they do not know (400)', async () => {
    const before = (await countsOf('optimization=7')).items.find((item) => item.code === places().home.community)!.published;
    await publishedAt(places().home, { optimization: 7, type: 'elevator_retrofit', text: `${marker} 加装电梯` });
    expect((await countsOf('optimization=7')).items.find((item) => item.code === places().home.community)!.published).toBe(before + 1);
    expect((await countsOf('type=elevator_retrofit')).type).toBe('elevator_retrofit');
    for (const query of ['by=street', 'optimization=0', 'type=Elevator', 'limit=5']) expect((await demands.counts(query)).status, query).toBe(400);
  });

  it('break one community down by status and optimization: its published demands for the public, all of them for staff whose area it is', async () => {
    const truth = async (community: string, publishedOnly: boolean) => {
      const rows = await sql<{ status: string; optimization: number; n: number }[]>`
        SELECT status, optimization, count(*)::int AS n FROM demands
        WHERE community_code = ${community} AND (${!publishedOnly} OR status IN ('accepted', 'planned', 'resolved'))
        GROUP BY 1, 2`;
      const sum = (key: (row: (typeof rows)[number]) => string) =>
        rows.reduce<Record<string, number>>((totals, row) => ({ ...totals, [key(row)]: (totals[key(row)] ?? 0) + row.n }), {});
      return { byStatus: sum((row) => row.status), byOptimization: sum((row) => String(row.optimization)) };
    };
    const home = places().home.community;
    const publicCounts = await countsOf(`community=${home}`);
    expect(publicCounts.items.map((item) => item.code)).toEqual([home]);
    const [publicRow] = publicCounts.items;
    expect(publicRow).not.toHaveProperty('statuses');
    expect(publicRow.breakdown).toEqual({ seen: 'published', ...(await truth(home, true)) });
    expect(Object.keys(publicRow.breakdown!.byStatus).sort()).toEqual(['accepted', 'planned', 'resolved']);

    const [townRow] = (await countsOf(`community=${home}`, cookies.town)).items;
    expect(townRow.breakdown).toEqual({ seen: 'all', ...(await truth(home, false)) });
    expect(townRow.breakdown!.byStatus).toMatchObject({ submitted: expect.any(Number), rejected: expect.any(Number), hidden: expect.any(Number), merged: expect.any(Number) });
    expect(townRow.statuses).toEqual(townRow.breakdown!.byStatus);

    const elsewhere = places().elsewhere.community;
    const [outside] = (await countsOf(`community=${elsewhere}`, cookies.town)).items;
    expect(outside.breakdown).toEqual({ seen: 'published', ...(await truth(elsewhere, true)) });
    expect((await countsOf('')).items.every((item) => !('breakdown' in item))).toBe(true);
    for (const query of ['by=town&community=' + home, 'community=abc']) expect((await demands.counts(query)).status, query).toBe(400);
  });
});
