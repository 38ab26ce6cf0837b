import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import { INDICATORS } from '../../core/targets/indicators.ts';
import type { TargetRecord, TargetsResponse } from '../../core/targets/target-contract.ts';
import { yearElapsedShare } from '../../core/targets/target-status.ts';
import { districtToday } from '../../core/projects/project-schedule.ts';
import { readError } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { useDemands } from '../support/demands.ts';
import { kindergartenAt, useProjects } from '../support/projects.ts';
import { sessionHeaders } from '../support/session.ts';
import { independentTargetSums } from '../support/targets.ts';

/**
 * The yearly list: targets as the commission sets them, and ACHIEVED computed from completed
 * projects' deliverables in the year of their completion, never typed in.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { cookies, places } = useDemands(app, sql);
const { create, moveThrough } = useProjects(app, sql);

const THIS_YEAR = Number(districtToday(new Date()).slice(0, 4));
/** A year no demo data touches, for the targets these tests add. */
const SPARE_YEAR = 2099;

const send = (method: string, path: string, cookie?: string, body?: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method, headers: sessionHeaders(cookie, headers), body: body === undefined ? undefined : JSON.stringify(body) });

async function readTargets(query: string, cookie = cookies.commission): Promise<TargetsResponse> {
  const response = await send('GET', `/api/targets${query}`, cookie);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as TargetsResponse;
}

const byIndicator = (report: TargetsResponse) => new Map(report.indicators.map((line) => [line.indicator, line]));

let demoTargets: { id: number; target: number; version: number; demo: boolean }[] = [];
let ratioBefore: readonly unknown[] = [];
beforeAll(async () => {
  demoTargets = [...(await sql<{ id: number; target: number; version: number; demo: boolean }[]>`SELECT id, target, version, demo FROM targets`)];
  ratioBefore = await sql`SELECT * FROM target_size_ratios`;
});
afterAll(async () => {
  // The demo's figures as they were, for the files after this one.
  await sql`DELETE FROM targets WHERE year = ${SPARE_YEAR}`;
  await sql`DELETE FROM target_size_ratios WHERE year = ${SPARE_YEAR}`;
  for (const target of demoTargets) await sql`UPDATE targets SET target = ${target.target}, version = ${target.version}, demo = ${target.demo} WHERE id = ${target.id}`;
  expect(ratioBefore.length).toBeGreaterThan(0);
});

describe('GET /api/targets', () => {
  it('lists every indicator of the catalogue with the demo year\'s generated targets, labelled as demo', async () => {
    const report = await readTargets('');
    expect(report.year).toBe(2026);
    expect(report.demo).toBe(true);
    expect(report.indicators.map((line) => line.indicator)).toEqual(INDICATORS.map((definition) => definition.id));
    for (const line of report.indicators) {
      expect(line.target, line.indicator).toBeGreaterThan(0);
      expect(line.optimization).toBe(INDICATORS.find((definition) => definition.id === line.indicator)!.optimization);
      expect(line.unit.zh.length).toBeGreaterThan(0);
      // The status rule: on track when achieved keeps up with the share of the year gone.
      expect(line.status).toBe(line.achieved + 1e-9 >= line.target! * report.elapsed - 1e-6 ? 'on_track' : 'behind');
    }
    expect(report.elapsed).toBeCloseTo(yearElapsedShare(2026, districtToday(new Date())), 3);
    expect(report.indicators.some((line) => line.achieved > 0)).toBe(true);
    expect(report.sizes.target).toMatchObject({ large: expect.any(Number), medium: expect.any(Number), small: expect.any(Number) });
  });

  it('achieved and under construction equal an independent SQL sum over the projects, for the district and for each town', async () => {
    const district = await readTargets('?year=2026');
    const expected = await independentTargetSums(sql, 2026, null);
    for (const line of district.indicators) {
      expect(line.achieved, line.indicator).toBeCloseTo(expected.get(line.indicator)?.achieved ?? 0, 6);
      expect(line.underConstruction, line.indicator).toBeCloseTo(expected.get(line.indicator)?.building ?? 0, 6);
    }
    const towns = await sql<{ code: string }[]>`SELECT code FROM towns ORDER BY code`;
    let checked = 0;
    for (const { code } of towns) {
      const report = await readTargets(`?year=2026&town=${code}`);
      const sums = await independentTargetSums(sql, 2026, code);
      for (const line of report.indicators) {
        expect(line.achieved, `${code} ${line.indicator}`).toBeCloseTo(sums.get(line.indicator)?.achieved ?? 0, 6);
        if (line.achieved > 0) checked += 1;
      }
      // The towns' lines: the indicators the plan sets per town, with the town's own figures.
      expect(report.towns).toHaveLength(1);
      for (const townLine of report.towns[0].indicators) {
        const [stored] = await sql<{ target: number }[]>`SELECT target FROM targets WHERE year = 2026 AND indicator = ${townLine.indicator} AND town_code = ${code}`;
        expect(townLine.target).toBe(stored?.target ?? null);
        expect(townLine.achieved).toBeCloseTo(sums.get(townLine.indicator)?.achieved ?? 0, 6);
      }
    }
    expect(checked).toBeGreaterThan(0);
    // The sums across towns come back to the district's.
    expect(district.towns).toHaveLength(towns.length);
  });

  it('reads the size mix of published projects and the funding mix from the same projects SQL would', async () => {
    const report = await readTargets('?year=2026');
    const sizes = await sql<{ size_class: string; count: number }[]>`
      SELECT size_class, count(*)::int AS count FROM projects
      WHERE published AND phase <> 'cancelled' AND (span_start IS NULL OR (span_start <= '2026-12-31' AND span_end >= '2026-01-01')) GROUP BY 1`;
    for (const size of ['large', 'medium', 'small'] as const) expect(report.sizes.actual[size]).toBe(sizes.find((row) => row.size_class === size)?.count ?? 0);
    const funding = await sql<{ source: string; amount: number }[]>`
      SELECT f ->> 'source' AS source, sum((f ->> 'amount')::numeric)::float8 AS amount FROM projects, jsonb_array_elements(funding) AS f
      WHERE phase <> 'cancelled' AND (span_start IS NULL OR (span_start <= '2026-12-31' AND span_end >= '2026-01-01')) GROUP BY 1`;
    for (const source of ['private', 'state_owned', 'fiscal'] as const) expect(report.funding[source]).toBeCloseTo(funding.find((row) => row.source === source)?.amount ?? 0, 2);
    expect(report.funding.fiscal).toBeGreaterThan(0);
  });

  it('refuses an unknown town, a bad year, and callers without a staff session', async () => {
    expect((await readError(await send('GET', '/api/targets?town=500108999000', cookies.commission))).code).toBe('unknown_town');
    expect((await readError(await send('GET', '/api/targets?year=20x6', cookies.commission))).code).toBe('invalid_query');
    const anonymous = await send('GET', '/api/targets');
    expect(anonymous.status).toBe(401);
    for (const role of ['town', 'planner', 'inspector', 'admin'] as const) expect((await send('GET', '/api/targets', cookies[role])).status).toBe(200);
  });
});

describe('a completion moves its target at once', () => {
  it('adds a kindergarten\'s seats to the year of its completion, under construction first, in its town too, and takes them back on undo', async () => {
    const year = `?year=${THIS_YEAR}`;
    const townQuery = `${year}&town=${places().home.town}`;
    const before = byIndicator(await readTargets(year));
    const townBefore = byIndicator(await readTargets(townQuery));
    const project = await create(kindergartenAt(places().home, { deliverables: [{ indicator: 'seats', amount: 270 }, { indicator: 'kindergartens', amount: 1 }] }), cookies.commission);
    await moveThrough(project.id, cookies.commission, 'approved', 'construction');
    const building = byIndicator(await readTargets(year));
    expect(building.get('seats')!.underConstruction).toBeCloseTo(before.get('seats')!.underConstruction + 270, 6);
    expect(building.get('seats')!.achieved).toBe(before.get('seats')!.achieved);

    await moveThrough(project.id, cookies.commission, 'completed');
    const after = byIndicator(await readTargets(year));
    expect(after.get('seats')!.achieved).toBeCloseTo(before.get('seats')!.achieved + 270, 6);
    expect(after.get('kindergartens')!.achieved).toBeCloseTo(before.get('kindergartens')!.achieved + 1, 6);
    expect(after.get('seats')!.underConstruction).toBeCloseTo(before.get('seats')!.underConstruction, 6);
    const townAfter = byIndicator(await readTargets(townQuery));
    expect(townAfter.get('seats')!.achieved).toBeCloseTo(townBefore.get('seats')!.achieved + 270, 6);
    if (after.get('seats')!.target !== null) expect(after.get('seats')!.share).toBeCloseTo(after.get('seats')!.achieved / after.get('seats')!.target!, 3);

    await moveThrough(project.id, cookies.commission, 'construction');
    const undone = byIndicator(await readTargets(year));
    expect(undone.get('seats')!.achieved).toBeCloseTo(before.get('seats')!.achieved, 6);
  });
});

describe('the commission sets the targets', () => {
  it('creates a target once, changes it on the version read with the trail, and refuses a stale or versionless change', async () => {
    const created = await send('POST', '/api/targets', cookies.commission, { year: SPARE_YEAR, indicator: 'seats', target: 1200 });
    expect(created.status).toBe(201);
    const target = (await created.json()) as TargetRecord;
    expect(target).toMatchObject({ year: SPARE_YEAR, indicator: 'seats', town: null, target: 1200, demo: false, version: 1 });
    expect(created.headers.get('ETag')).toBe(formatEntityTag(1));
    expect((await readError(await send('POST', '/api/targets', cookies.commission, { year: SPARE_YEAR, indicator: 'seats', target: 5 }))).code).toBe('target_exists');
    expect((await readError(await send('POST', '/api/targets', cookies.commission, { year: SPARE_YEAR, indicator: 'not_listed', target: 5 }))).code).toBe('invalid_request');
    expect((await readError(await send('POST', '/api/targets', cookies.commission, { year: SPARE_YEAR, indicator: 'security_pilots', town: '500108999000', target: 5 }))).code).toBe('unknown_town');
    const townTarget = await send('POST', '/api/targets', cookies.admin, { year: SPARE_YEAR, indicator: 'security_pilots', town: places().home.town, target: 3 });
    expect(townTarget.status).toBe(201);

    const path = `/api/targets/${target.id}`;
    expect((await send('PATCH', path, cookies.commission, { target: 1300 })).status).toBe(428);
    const changed = await send('PATCH', path, cookies.commission, { target: 1300 }, { 'If-Match': formatEntityTag(1) });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ target: 1300, version: 2 });
    const stale = await send('PATCH', path, cookies.commission, { target: 1400 }, { 'If-Match': formatEntityTag(1) });
    expect(stale.status).toBe(409);
    expect((await readError(stale)).code).toBe('version_conflict');
    const [trail] = await sql<{ action: string; before: { target: number }; after: { target: number } }[]>`
      SELECT action, before, after FROM audit_log WHERE entity = 'target' AND entity_id = ${String(target.id)} ORDER BY id DESC LIMIT 1`;
    expect(trail).toMatchObject({ action: 'update', before: { target: 1200 }, after: { target: 1300 } });

    const report = await readTargets(`?year=${SPARE_YEAR}`);
    expect(report.demo).toBe(false);
    expect(byIndicator(report).get('seats')).toMatchObject({ target: 1300, achieved: 0, status: 'on_track', targetId: target.id, version: 2 });
    expect(report.towns.find((town) => town.town === places().home.town)!.indicators.find((line) => line.indicator === 'security_pilots')!.target).toBe(3);
  });

  it('edits a demo target, which is then no longer marked demo', async () => {
    const report = await readTargets('?year=2026');
    const seats = byIndicator(report).get('seats')!;
    const response = await send('PATCH', `/api/targets/${seats.targetId}`, cookies.commission, { target: seats.target! + 10 }, { 'If-Match': formatEntityTag(seats.version!) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ demo: false, target: seats.target! + 10 });
  });

  it('sets the size ratio once without If-Match, then only on the version read', async () => {
    const path = `/api/targets/${SPARE_YEAR}/size-ratio`;
    const first = await send('PUT', path, cookies.commission, { large: 1, medium: 3, small: 6 });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ large: 1, medium: 3, small: 6, version: 1 });
    expect((await send('PUT', path, cookies.commission, { large: 2, medium: 3, small: 5 })).status).toBe(428);
    expect((await send('PUT', path, cookies.commission, { large: 2, medium: 3, small: 5 }, { 'If-Match': formatEntityTag(7) })).status).toBe(409);
    const second = await send('PUT', path, cookies.commission, { large: 2, medium: 3, small: 5 }, { 'If-Match': formatEntityTag(1) });
    expect(await second.json()).toMatchObject({ large: 2, version: 2 });
    expect((await readTargets(`?year=${SPARE_YEAR}`)).sizes.target).toEqual({ large: 2, medium: 3, small: 5, version: 2 });
    expect((await readError(await send('PUT', '/api/targets/99/size-ratio', cookies.commission, { large: 1, medium: 1, small: 1 }))).code).toBe('invalid_year');
  });

  it('refuses every other role, and changes nothing when it does', async () => {
    const [target] = await sql<{ id: number; version: number }[]>`SELECT id, version FROM targets ORDER BY id LIMIT 1`;
    const snapshot = async () => (await sql`SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM targets t) AS targets, (SELECT count(*)::int FROM audit_log) AS audit`)[0];
    const before = await snapshot();
    for (const role of ['town', 'planner', 'inspector'] as const) {
      const post = await send('POST', '/api/targets', cookies[role], { year: SPARE_YEAR, indicator: 'beds', target: 5 });
      expect(post.status).toBe(403);
      expect((await readError(post)).code).toBe('role_not_allowed');
      expect((await send('PATCH', `/api/targets/${target.id}`, cookies[role], { target: 1 }, { 'If-Match': formatEntityTag(target.version) })).status).toBe(403);
      expect((await send('PUT', `/api/targets/${SPARE_YEAR}/size-ratio`, cookies[role], { large: 1, medium: 1, small: 1 })).status).toBe(403);
    }
    expect((await send('POST', '/api/targets', undefined, { year: SPARE_YEAR, indicator: 'beds', target: 5 })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });
});
