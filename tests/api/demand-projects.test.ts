import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/csv-parse.ts';
import type { DemandDetail, DemandProjectLink, DemandStatusPage, PublicDemand, StaffDemand } from '../../core/demands/demand-contract.ts';
import type { ProjectRecord } from '../../core/projects/project-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { demandAt, useDemands } from '../support/demands.ts';
import { kindergartenAt, useProjects } from '../support/projects.ts';

/**
 * A demand names the projects of the library that answer it (the links are made from the
 * project's side): staff see every linked project, the public and the resident's receipt page
 * the published ones, each with its phase and progress.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { demands, cookies, places, submit, moveTo, staffRead, expectRefused } = useDemands(app, sql);
const { projects, create, read, moveThrough } = useProjects(app, sql);

const linkOf = (project: ProjectRecord): DemandProjectLink => ({ id: project.id, code: project.code, name: project.name, phase: project.phase, progress: project.progress });

async function readDemand<T extends PublicDemand>(id: number, cookie?: string): Promise<DemandDetail<T>> {
  const response = await demands.read(id, { cookie });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as DemandDetail<T>;
}

async function readReceipt(code: string): Promise<DemandStatusPage> {
  const response = await demands.receipt(code);
  expect(response.status).toBe(200);
  return (await response.json()) as DemandStatusPage;
}

describe('the projects that answer a demand', () => {
  it('are none for a demand no project answers, for staff, the public and the receipt page', async () => {
    const receipt = await submit(demandAt(places().home));
    await moveTo(receipt.id, { status: 'accepted' });
    expect((await readDemand<StaffDemand>(receipt.id, cookies.town)).projects).toEqual([]);
    expect((await readDemand(receipt.id)).projects).toEqual([]);
    expect((await readReceipt(receipt.receipt)).projects).toEqual([]);
  });

  it('are every linked project for staff (and in their CSV export), the published ones for the public and the resident, and follow the links', async () => {
    const marker = `mk${randomUUID().slice(0, 8)}`;
    const receipt = await submit(demandAt(places().home, { text: `${marker} 小区附近缺少普惠性幼儿园学位` }));
    await moveTo(receipt.id, { status: 'accepted' });
    const unpublished = await create(kindergartenAt(places().home, { name: '内部论证中的幼儿园', demandIds: [receipt.id] }), cookies.commission);
    const published = await create(kindergartenAt(places().home, { name: '公示的幼儿园新建工程', demandIds: [receipt.id], published: true }), cookies.commission);
    const designing = await moveThrough(published.id, cookies.commission, 'approved', 'design');

    for (const cookie of [cookies.town, cookies.planner, cookies.commission, cookies.inspector]) {
      const staff = await readDemand<StaffDemand>(receipt.id, cookie);
      expect(staff.status).toBe('planned');
      expect(staff.projects).toEqual([linkOf(unpublished), linkOf(designing)]);
    }
    const seenByPublic = await readDemand(receipt.id);
    expect(seenByPublic.projects).toEqual([linkOf(designing)]);
    expect(JSON.stringify(seenByPublic)).not.toContain('内部论证中');
    const page = await readReceipt(receipt.receipt);
    expect(page).toMatchObject({ status: 'planned', projects: [linkOf(designing)] });
    expect(JSON.stringify(page)).not.toContain('内部论证中');

    // The staff's CSV export names every linked project by its code.
    const exported = await app.request(`/api/demands/export.csv?q=${encodeURIComponent(marker)}`, { headers: { Cookie: cookies.commission } });
    expect(exported.status).toBe(200);
    const [header, ...rows] = parseCsv(await exported.text()).map((record) => record.cells);
    expect(rows.map((row) => [row[header.indexOf('需求编号')], row[header.indexOf('关联项目')]])).toEqual([[String(receipt.id), `${unpublished.code}、${designing.code}`]]);

    // Unlinked from one project, the demand names only the other (and stays planned: it still answers it).
    const current = await read(unpublished.id, cookies.commission);
    const unlinked = await projects.patch(unpublished.id, { demandIds: [] }, cookies.commission, current.version);
    expect(unlinked.status, await unlinked.clone().text()).toBe(200);
    const after = await readDemand<StaffDemand>(receipt.id, cookies.commission);
    expect(after).toMatchObject({ status: 'planned', projects: [linkOf(designing)] });
  });

  it('are left out of the list, which stays one row per demand', async () => {
    const response = await demands.list('limit=5', { cookie: cookies.commission });
    expect(response.status).toBe(200);
    for (const item of (await response.json()).items) expect(item).not.toHaveProperty('projects');
  });
});

describe('planning a demand by hand', () => {
  const trailOf = async (id: number) => sql<{ id: number }[]>`SELECT id FROM audit_log WHERE entity = 'demand' AND entity_id = ${String(id)} ORDER BY id`;

  it('is refused (409 project_required) while no live project links it, changing nothing; allowed once one does', async () => {
    const { id } = await submit(demandAt(places().home));
    const accepted = await moveTo(id, { status: 'accepted' });
    const trail = await trailOf(id);
    const { error } = await expectRefused(() => demands.patch(id, { status: 'planned' }, cookies.commission, accepted.version), 409, 'project_required');
    expect(error.details).toEqual({ from: 'accepted', to: 'planned' });
    expect(await staffRead(id)).toEqual({ ...accepted, projects: [] });
    expect(await trailOf(id)).toEqual(trail);

    // A cancelled project keeps its link as a record but answers nothing: still refused.
    const withdrawn = await create(kindergartenAt(places().home, { name: '撤回的幼儿园项目', demandIds: [id] }), cookies.commission);
    await moveThrough(withdrawn.id, cookies.commission, 'cancelled');
    const reopened = await staffRead(id);
    expect(reopened.status).toBe('accepted');
    await expectRefused(() => demands.patch(id, { status: 'planned' }, cookies.commission, reopened.version), 409, 'project_required');
    expect(await staffRead(id)).toEqual(reopened);

    // A live project links it (and plans it); put back to accepted by hand, staff may plan it again.
    await create(kindergartenAt(places().home, { name: '在建的幼儿园项目', demandIds: [id] }), cookies.commission);
    const backToAccepted = await moveTo(id, { status: 'accepted' });
    const planned = await demands.patch(id, { status: 'planned' }, cookies.commission, backToAccepted.version);
    expect(planned.status, await planned.clone().text()).toBe(200);
    expect(await planned.json()).toMatchObject({ status: 'planned', version: backToAccepted.version + 1 });
    // Resolving by hand needs nothing more: a town office may fix a small problem itself.
    expect((await moveTo(id, { status: 'resolved' })).status).toBe('resolved');
  });
});
