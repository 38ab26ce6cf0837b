import { describe, expect, it } from 'vitest';
import type { StaffDemand } from '../../core/demands/demand-contract.ts';
import type { TownComparison } from '../../core/towns/town-comparison.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { demandAt, useDemands } from '../support/demands.ts';
import { kindergartenAt, useProjects } from '../support/projects.ts';
import { sessionHeaders } from '../support/session.ts';

/**
 * When a demand was first answered (answered_at): stamped the first time it leaves `submitted`,
 * whichever way it leaves (a staff edit, a merge, a project's link), never moved after; the towns'
 * comparison measures how fast towns answer from it, not from a demand's latest change.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { cookies, places, submit, demands } = useDemands(app, sql);
const { create, moveThrough } = useProjects(app, sql);

/** A year no demo demand falls in: the demands moved there are the only ones its comparison counts. */
const QUIET_YEAR = '2024';
const DAY_MS = 86_400_000;

interface Times { status: string; created_at: Date; updated_at: Date; answered_at: Date | null }
const timesOf = async (id: number) => (await sql<Times[]>`SELECT status, created_at, updated_at, answered_at FROM demands WHERE id = ${id}`)[0];
const days = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;

async function patchDemand(id: number, body: Record<string, unknown>): Promise<StaffDemand> {
  const current = (await (await demands.read(id, { cookie: cookies.commission })).json()) as StaffDemand;
  const response = await demands.patch(id, body, cookies.commission, current.version);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as StaffDemand;
}

async function compare(period: string): Promise<TownComparison> {
  const response = await app.request(`/api/towns/comparison?period=${period}`, { headers: sessionHeaders(cookies.commission) });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as TownComparison;
}

describe('answered_at', () => {
  it('counts a demand accepted on day 2 and resolved on day 200 as answered in 2 days, and one still submitted as unanswered', async () => {
    const home = places().home;
    const answered = await submit(demandAt(home, { text: '幼儿园学位不足，两天后受理' }));
    const waiting = await submit(demandAt(home, { text: '幼儿园学位不足，仍待受理' }));
    expect((await timesOf(answered.id)).answered_at).toBeNull();

    // Submitted two days ago; accepted now, the first answer.
    await sql`UPDATE demands SET created_at = now() - interval '2 days', updated_at = now() - interval '2 days' WHERE id IN ${sql([answered.id, waiting.id])}`;
    await patchDemand(answered.id, { status: 'accepted' });
    const accepted = await timesOf(answered.id);
    expect(days(accepted.created_at, accepted.answered_at!)).toBeCloseTo(2, 2);
    expect(accepted.answered_at!.getTime()).toBe(accepted.updated_at.getTime());

    // Time passes: the two demands' history moves back to the spring of a quiet year.
    await sql`
      UPDATE demands d SET created_at = d.created_at - s.shift, updated_at = d.updated_at - s.shift, answered_at = d.answered_at - s.shift
      FROM (SELECT created_at - ${`${QUIET_YEAR}-03-01T10:00:00+08:00`}::timestamptz AS shift FROM demands WHERE id = ${answered.id}) s
      WHERE d.id IN ${sql([answered.id, waiting.id])}`;

    // Planned by a project, resolved by its completion, hundreds of days after the acceptance.
    const project = await create(kindergartenAt(home, { deliverables: [], facility: undefined, demandIds: [answered.id] }), cookies.commission);
    expect((await timesOf(answered.id)).status).toBe('planned');
    await moveThrough(project.id, cookies.commission, 'approved', 'construction', 'completed');
    const resolved = await timesOf(answered.id);
    expect(resolved.status).toBe('resolved');
    expect(days(resolved.created_at, resolved.updated_at)).toBeGreaterThan(200);
    expect(days(resolved.created_at, resolved.answered_at!)).toBeCloseTo(2, 2);

    const still = await timesOf(waiting.id);
    expect([still.status, still.answered_at]).toEqual(['submitted', null]);

    for (const period of [QUIET_YEAR, `${QUIET_YEAR}Q1`]) {
      const comparison = await compare(period);
      const town = comparison.towns.find((row) => row.town === home.town)!;
      expect(town, period).toMatchObject({ demandsReceived: 2, demandsAnswered: 1, answeredShare: 0.5, medianDaysToAnswer: 2 });
      for (const other of comparison.towns.filter((row) => row.town !== home.town)) expect(other.demandsReceived).toBe(0);
    }
  });

  it('is stamped by a merge and a refusal, and kept when a refused demand is reopened and answered again', async () => {
    const home = places().home;
    const target = await submit(demandAt(home, { text: '幼儿园学位不足，合并目标' }));
    const duplicate = await submit(demandAt(home, { text: '幼儿园学位不足，重复提交' }));
    const refused = await submit(demandAt(home, { text: '幼儿园学位不足，先驳回' }));
    await patchDemand(target.id, { status: 'accepted' });
    await patchDemand(duplicate.id, { status: 'merged', mergedInto: target.id });
    const merged = await timesOf(duplicate.id);
    expect(merged.answered_at!.getTime()).toBe(merged.updated_at.getTime());

    await patchDemand(refused.id, { status: 'rejected', reason: '不在本区范围' });
    const first = (await timesOf(refused.id)).answered_at!;
    await sql`UPDATE demands SET answered_at = answered_at - interval '5 days' WHERE id = ${refused.id}`;
    await patchDemand(refused.id, { status: 'submitted' });
    await patchDemand(refused.id, { status: 'accepted' });
    const reopened = await timesOf(refused.id);
    expect(reopened.status).toBe('accepted');
    expect(reopened.answered_at!.getTime()).toBe(first.getTime() - 5 * DAY_MS);
  });

  it('gives the demo demands an answer time between submission and their latest change, none to those waiting', async () => {
    const [row] = await sql<{ waiting_with: number; answered_without: number; out_of_order: number; answered: number; earlier: number }[]>`
      SELECT count(*) FILTER (WHERE status = 'submitted' AND answered_at IS NOT NULL)::int AS waiting_with,
             count(*) FILTER (WHERE status <> 'submitted' AND answered_at IS NULL)::int AS answered_without,
             count(*) FILTER (WHERE answered_at < created_at OR answered_at > updated_at)::int AS out_of_order,
             count(*) FILTER (WHERE status <> 'submitted')::int AS answered,
             count(*) FILTER (WHERE answered_at < updated_at)::int AS earlier
      FROM demands WHERE demo`;
    expect(row).toMatchObject({ waiting_with: 0, answered_without: 0, out_of_order: 0 });
    expect(row.answered).toBeGreaterThan(400);
    // Planned and resolved demands were accepted well before their latest change.
    expect(row.earlier).toBeGreaterThan(100);
  });
});
