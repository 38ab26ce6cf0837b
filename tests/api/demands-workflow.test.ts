import { describe, expect, it } from 'vitest';
import type { StaffDemand } from '../../core/demands/demand-contract.ts';
import { DEMAND_STATUSES, allowedDemandTransitions, type DemandStatus } from '../../core/demands/demand-states.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { demandAt, nextAddress, snapshotDemands, useDemands } from '../support/demands.ts';
import { kindergartenAt, useProjects } from '../support/projects.ts';

/** Staff move demands through their states: who may, which moves are legal, merges, and edits that collide. */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { demands, cookies, places, submit, staffRead, moveTo, publishedAt, expectRefused } = useDemands(app, sql);
const { create } = useProjects(app, sql);

/** Planned the way the district plans a demand: a project of the library links it. */
async function linkToProject(id: number): Promise<StaffDemand> {
  await create(kindergartenAt(places().home, { demandIds: [id] }), cookies.commission);
  return staffRead(id);
}

/** A demand brought to a status by legal moves, as the administrator. */
async function demandIn(status: DemandStatus): Promise<StaffDemand> {
  const { id } = await submit(demandAt(places().home));
  const steps: Record<DemandStatus, Array<Record<string, unknown> | 'linked'>> = {
    submitted: [],
    accepted: [{ status: 'accepted' }],
    planned: [{ status: 'accepted' }, 'linked'],
    resolved: [{ status: 'accepted' }, 'linked', { status: 'resolved' }],
    merged: [{ status: 'merged', mergedInto: (await submit(demandAt(places().home))).id }],
    rejected: [{ status: 'rejected', reason: '重复提交' }],
    hidden: [{ status: 'hidden' }],
  };
  let demand = await staffRead(id);
  for (const step of steps[status]) demand = step === 'linked' ? await linkToProject(id) : await moveTo(id, step);
  expect(demand.status).toBe(status);
  return demand;
}

describe('the status machine', () => {
  it.each(DEMAND_STATUSES)('refuses every illegal move from %s with 409 naming the allowed ones, changing nothing', async (from) => {
    const demand = await demandIn(from);
    const allowed = allowedDemandTransitions(from);
    for (const to of DEMAND_STATUSES.filter((status) => status !== from && !allowed.includes(status))) {
      const { error } = await expectRefused(() => demands.patch(demand.id, { status: to }, cookies.commission, demand.version), 409, 'invalid_transition');
      expect(error.details).toEqual({ from, to, allowed: [...allowed] });
      expect(error.message).toContain(allowed.join(', '));
    }
  });

  it('carries a demand from submitted to resolved and back, each step a new version with its trail row', async () => {
    const { id } = await submit(demandAt(places().home));
    const path: DemandStatus[] = ['accepted', 'planned', 'resolved', 'planned', 'accepted', 'hidden', 'submitted'];
    for (const [index, status] of path.entries()) {
      // The first `planned` is a project's link (its own trail row); back from resolved, staff may move it by hand.
      const after = index === 1 ? await linkToProject(id) : await moveTo(id, { status });
      expect(after).toMatchObject({ status, version: index + 2 });
    }
    const trail = await sql<{ action: string; after: { status: string } }[]>`
      SELECT action, after FROM audit_log WHERE entity = 'demand' AND entity_id = ${String(id)} ORDER BY id`;
    expect(trail.map((row) => row.after.status)).toEqual(['submitted', ...path]);
  });

  it('needs a reason to reject (400), shows it on the receipt page, and clears it when the demand is reopened', async () => {
    const { id, receipt } = await submit(demandAt(places().home));
    const { version } = await staffRead(id);
    await expectRefused(() => demands.patch(id, { status: 'rejected' }, cookies.commission, version), 400, 'reason_required');
    await expectRefused(() => demands.patch(id, { status: 'accepted', reason: '无' }, cookies.commission, version), 400, 'reason_without_rejection');
    await moveTo(id, { status: 'rejected', reason: '不属于本区职责' });
    expect(await (await demands.receipt(receipt)).json()).toMatchObject({ status: 'rejected', reason: '不属于本区职责' });
    expect(await moveTo(id, { status: 'submitted' })).toMatchObject({ status: 'submitted', reason: null });
  });

  it('files a demand under another type only within that type’s optimization', async () => {
    const { id } = await submit(demandAt(places().home));
    const { version } = await staffRead(id);
    await expectRefused(() => demands.patch(id, { type: 'parking' }, cookies.commission, version), 400, 'type_not_in_optimization');
    await expectRefused(() => demands.patch(id, { type: 'no_such_type', optimization: 1 }, cookies.commission, version), 400, 'unknown_type');
    expect(await moveTo(id, { optimization: 1, type: 'parking', title: '停车位不足', reply: '已收到' })).toMatchObject({ optimization: 1, type: 'parking', title: '停车位不足', reply: '已收到' });
    expect(await moveTo(id, { reply: null })).toMatchObject({ reply: null });
  });

  it('refuses an empty change and unknown fields, and leaves an unchanged demand as it is', async () => {
    const demand = await demandIn('accepted');
    await expectRefused(() => demands.patch(demand.id, {}, cookies.commission, demand.version), 400, 'empty_change');
    await expectRefused(() => demands.patch(demand.id, { contact: 'x' }, cookies.commission, demand.version), 400, 'invalid_request');
    await expectRefused(() => demands.patch(demand.id, { reply: 'a\u0000b' }, cookies.commission, demand.version), 400, 'invalid_request');
    await expectRefused(() => demands.patch(demand.id, { reply: '答'.repeat(100_000) }, cookies.commission, demand.version), 400, 'body_too_large');
    await expectRefused(() => demands.patch(demand.id, { reply: '答'.repeat(1001) }, cookies.commission, demand.version), 400, 'invalid_request');
    const before = await snapshotDemands(sql);
    const response = await demands.patch(demand.id, { status: 'accepted', title: demand.title }, cookies.commission, demand.version);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(demand);
    expect(await snapshotDemands(sql)).toEqual(before);
  });
});

describe('merging a duplicate', () => {
  it('adds its submitter and supporters to the target (each person once), and its receipt points on', async () => {
    const target = await publishedAt(places().home);
    const duplicate = await publishedAt(places().home);
    const duplicateReceipt = (await sql<{ receipt: string }[]>`SELECT receipt FROM demands WHERE id = ${duplicate.id}`)[0].receipt;
    // A person is an address with the token their browser keeps.
    const both = { token: 'supporter-of-both-00001', address: nextAddress() };
    const one = { token: 'supporter-of-one-00002', address: nextAddress() };
    expect((await demands.support(target.id, both.token, both)).status).toBe(201);
    expect((await demands.support(duplicate.id, both.token, both)).status).toBe(201);
    expect((await demands.support(duplicate.id, one.token, one)).status).toBe(201);
    const merged = await moveTo(duplicate.id, { status: 'merged', mergedInto: target.id });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: target.id });
    // 1 (its own) + the duplicate's submitter + one new supporter; the shared one counts once.
    const after = await staffRead(target.id);
    expect(after.supportCount).toBe(3);
    expect(after.version).toBe(target.version);
    expect(await (await demands.receipt(duplicateReceipt)).json()).toMatchObject({ status: 'merged', mergedInto: { receipt: after.receipt, status: 'accepted' } });
    expect((await demands.support(target.id, one.token, one)).status).toBe(409);
    const actions = await sql<{ action: string }[]>`SELECT action FROM audit_log WHERE entity = 'demand' AND entity_id = ${String(target.id)} ORDER BY id`;
    expect(actions.map((row) => row.action)).toContain('merge_in');
  });

  it('refuses a merge without a target, into itself, into nothing, or into a demand that is merged itself', async () => {
    const demand = await demandIn('submitted');
    const mergedOne = await demandIn('merged');
    await expectRefused(() => demands.patch(demand.id, { status: 'merged' }, cookies.commission, demand.version), 400, 'merged_into_required');
    await expectRefused(() => demands.patch(demand.id, { mergedInto: mergedOne.mergedInto! }, cookies.commission, demand.version), 400, 'merged_into_without_merge');
    await expectRefused(() => demands.patch(demand.id, { status: 'merged', mergedInto: demand.id }, cookies.commission, demand.version), 400, 'merge_into_self');
    await expectRefused(() => demands.patch(demand.id, { status: 'merged', mergedInto: 2_000_000_000 }, cookies.commission, demand.version), 400, 'unknown_merge_target');
    const { error } = await expectRefused(() => demands.patch(demand.id, { status: 'merged', mergedInto: mergedOne.id }, cookies.commission, demand.version), 409, 'merge_target_unavailable');
    expect(error.details).toMatchObject({ mergedInto: mergedOne.id, status: 'merged', targetMergedInto: mergedOne.mergedInto });
  });

  it('refuses a town office merging into another town’s demand (403), changing nothing', async () => {
    const mine = await submit(demandAt(places().town));
    const theirs = await submit(demandAt(places().elsewhere));
    const { version } = await staffRead(mine.id);
    await expectRefused(() => demands.patch(mine.id, { status: 'merged', mergedInto: theirs.id }, cookies.town, version), 403, 'out_of_scope');
  });
});

describe('who may change a demand', () => {
  it('a town office changes its town’s demands; another town’s is a 403 and stays as it was', async () => {
    const mine = await submit(demandAt(places().town));
    const theirs = await submit(demandAt(places().elsewhere));
    expect((await demands.patch(mine.id, { status: 'accepted' }, cookies.town, 1)).status).toBe(200);
    const { error } = await expectRefused(() => demands.patch(theirs.id, { status: 'accepted' }, cookies.town, 1), 403, 'out_of_scope');
    expect(error.details).toMatchObject({ demand: theirs.id, town: places().elsewhere.town });
    await expectRefused(() => demands.read(theirs.id, { cookie: cookies.town }), 403, 'out_of_scope');
    await expectRefused(() => demands.history(theirs.id, cookies.town), 403, 'out_of_scope');
  });

  it('a planner changes their communities’ demands, not the rest of the town’s', async () => {
    const mine = await submit(demandAt(places().home));
    const neighbours = await submit(demandAt(places().town));
    expect((await demands.patch(mine.id, { status: 'accepted' }, cookies.planner, 1)).status).toBe(200);
    await expectRefused(() => demands.patch(neighbours.id, { status: 'accepted' }, cookies.planner, 1), 403, 'out_of_scope');
  });

  it.each(['commission', 'admin'] as const)('%s changes any town’s demand', async (role) => {
    const theirs = await submit(demandAt(places().elsewhere));
    expect((await demands.patch(theirs.id, { status: 'accepted' }, cookies[role], 1)).status).toBe(200);
  });

  it('the inspector reads every demand and its trail but changes none (403); the public are asked to sign in (401)', async () => {
    const theirs = await submit(demandAt(places().elsewhere, { contact: '13900000000' }));
    const read = await demands.read(theirs.id, { cookie: cookies.inspector });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ contact: '13900000000' });
    expect((await demands.history(theirs.id, cookies.inspector)).status).toBe(200);
    await expectRefused(() => demands.patch(theirs.id, { status: 'accepted' }, cookies.inspector, 1), 403, 'role_not_allowed');
    await expectRefused(() => demands.patch(theirs.id, { status: 'accepted' }, undefined, 1), 401, 'sign_in_required');
    await expectRefused(() => demands.history(theirs.id, undefined), 401, 'sign_in_required');
  });

  it('an unknown demand is a 404', async () => {
    await expectRefused(() => demands.patch(2_000_000_000, { status: 'accepted' }, cookies.admin, 1), 404, 'unknown_demand');
    await expectRefused(() => demands.patch(0, { status: 'accepted' }, cookies.admin, 1), 404, 'unknown_demand');
  });
});

describe('edits that collide', () => {
  it('needs If-Match (428) naming one of our ETags (400)', async () => {
    const { id } = await submit(demandAt(places().home));
    await expectRefused(() => demands.patch(id, { status: 'accepted' }, cookies.commission), 428, 'if_match_required');
    await expectRefused(
      () => app.request(`/api/demands/${id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json', Cookie: cookies.commission, 'If-Match': 'W/"v1"' }, body: '{"status":"accepted"}' }),
      400,
      'invalid_if_match',
    );
  });

  it('refuses the second of two editors who read the same version (409 with the demand as it is now)', async () => {
    const { id } = await submit(demandAt(places().town));
    const read = await demands.read(id, { cookie: cookies.town });
    expect(read.headers.get('ETag')).toBe('"v1"');
    expect((await demands.patch(id, { status: 'accepted' }, cookies.town, 1)).status).toBe(200);
    const { error } = await expectRefused(() => demands.patch(id, { status: 'rejected', reason: '重复' }, cookies.commission, 1), 409, 'version_conflict');
    expect(error.details).toMatchObject({ version: 2, current: { id, status: 'accepted', version: 2 } });
  });

  it('a resident’s support does not make a staff edit stale', async () => {
    const demand = await publishedAt(places().home);
    expect((await demands.support(demand.id, 'resident-token-000001')).status).toBe(201);
    expect((await demands.patch(demand.id, { status: 'rejected', reason: '不属于本区职责' }, cookies.commission, demand.version)).status).toBe(200);
  });
});

describe('a demand’s trail', () => {
  it('lists its writes newest first, with who made them', async () => {
    const { id } = await submit(demandAt(places().home));
    await moveTo(id, { status: 'accepted' });
    const response = await demands.history(id, cookies.planner);
    expect(response.status).toBe(200);
    const page = await response.json();
    expect(page.items.map((entry: { action: string; actor: string }) => [entry.action, entry.actor])).toEqual([
      ['update', 'demo-admin'],
      ['create', expect.stringMatching(/^public:/)],
    ]);
  });
});
