import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveysResponse } from '../../core/surveys/survey-contract.ts';
import { readError } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { useDemands } from '../support/demands.ts';

/**
 * Quarterly satisfaction surveys: the demo's four quarters for every community, the survey firm's
 * CSV imported whole or not at all, and each town's index weighted by respondents.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { cookies } = useDemands(app, sql);

/** Quarters no demo survey uses, for the files these tests import. */
const TEST_QUARTER = '2099Q1';
let communities: { code: string; town_code: string }[] = [];
beforeAll(async () => {
  communities = [...(await sql<{ code: string; town_code: string }[]>`SELECT code, town_code FROM communities ORDER BY code`)];
});
afterAll(async () => {
  await sql`DELETE FROM surveys WHERE quarter LIKE '2099%'`;
});

const importCsv = (text: string, cookie?: string, contentType = 'text/csv; charset=utf-8') =>
  app.request('/api/surveys/import', { method: 'POST', headers: { 'Content-Type': contentType, ...(cookie ? { Cookie: cookie } : {}) }, body: text });

async function readSurveys(query: string, cookie = cookies.inspector): Promise<SurveysResponse> {
  const response = await app.request(`/api/surveys${query}`, { headers: { Cookie: cookie } });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as SurveysResponse;
}

const HEADER = 'community_code,quarter,respondents,overall,optimization_1,optimization_2,optimization_3,optimization_4,optimization_5,optimization_6,optimization_7';

async function snapshot() {
  const [state] = await sql<{ surveys: string; audit: number }[]>`
    SELECT (SELECT coalesce(md5(string_agg(s::text, ',' ORDER BY s.id)), '') FROM surveys s) AS surveys, (SELECT count(*)::int FROM audit_log) AS audit`;
  return state;
}

describe('the demo surveys', () => {
  it('cover four quarters of every community, with each town\'s index weighted by respondents', async () => {
    const latest = await readSurveys('');
    expect(latest.quarters).toEqual(['2025Q4', '2026Q1', '2026Q2', '2026Q3']);
    expect(latest.quarter).toBe('2026Q3');
    expect(latest.items).toHaveLength(communities.length);
    expect(latest.items.every((item) => item.demo && item.overall >= 0 && item.overall <= 100 && Object.keys(item.scores).length === 7)).toBe(true);
    const expected = await sql<{ town: string; overall: number; respondents: number; previous: number }[]>`
      SELECT town_code AS town, sum(overall * respondents) FILTER (WHERE quarter = '2026Q3') / sum(respondents) FILTER (WHERE quarter = '2026Q3') AS overall,
             sum(respondents) FILTER (WHERE quarter = '2026Q3')::int AS respondents,
             sum(overall * respondents) FILTER (WHERE quarter = '2026Q2') / sum(respondents) FILTER (WHERE quarter = '2026Q2') AS previous
      FROM surveys WHERE quarter IN ('2026Q2', '2026Q3') GROUP BY 1 ORDER BY 1`;
    expect(latest.towns.map((town) => town.town)).toEqual(expected.map((row) => row.town));
    for (const [index, town] of latest.towns.entries()) {
      expect(town.overall).toBeCloseTo(expected[index].overall, 1);
      expect(town.respondents).toBe(expected[index].respondents);
      expect(town.change).toBeCloseTo(expected[index].overall - expected[index].previous, 1);
    }
    expect(latest.district!.communities).toBe(communities.length);

    const town = communities[0].town_code;
    const inTown = await readSurveys(`?quarter=2026Q1&town=${town}`);
    expect(inTown.items.every((item) => item.town === town && item.quarter === '2026Q1')).toBe(true);
    expect(inTown.towns.map((index) => index.town)).toEqual([town]);
  });

  it('follow coverage and completed projects: communities with more completed projects are more satisfied on average', async () => {
    const [row] = await sql<{ correlation: number }[]>`
      SELECT corr(s.overall, coalesce(done.count, 0))::float8 AS correlation
      FROM surveys s LEFT JOIN (SELECT primary_community, count(*) AS count FROM projects WHERE phase = 'completed' AND phase_since <= '2026-09-30' GROUP BY 1) AS done
        ON done.primary_community = s.community_code
      WHERE s.quarter = '2026Q3'`;
    expect(row.correlation).toBeGreaterThan(0);
  });
});

describe('POST /api/surveys/import', () => {
  it('imports the survey firm\'s file as the body, then replaces a quarter imported again, with the trail', async () => {
    const [a, b] = communities;
    const file = `${HEADER}\n${a.code},${TEST_QUARTER},200,81.5,80,82,,79,85,70,88\n${b.code},${TEST_QUARTER.toLowerCase()},150,77,70,75,76,77,78,79,80\n`;
    const response = await importCsv(file, cookies.inspector);
    const text = await response.text();
    expect(response.status, text).toBe(201);
    expect(JSON.parse(text)).toEqual({ imported: 2, replaced: 0, quarters: [TEST_QUARTER] });
    const read = await readSurveys(`?quarter=${TEST_QUARTER}`);
    expect(read.items).toHaveLength(2);
    expect(read.items[0]).toMatchObject({ community: a.code, town: a.town_code, respondents: 200, overall: 81.5, scores: { 1: 80, 2: 82, 4: 79, 5: 85, 6: 70, 7: 88 }, demo: false });
    expect(read.items[0].scores[3]).toBeUndefined();
    expect(read.district).toMatchObject({ respondents: 350, overall: Math.round(((81.5 * 200 + 77 * 150) / 350) * 100) / 100 });

    const again = await importCsv(`${HEADER}\n${a.code},${TEST_QUARTER},210,83,,,,,,,\n`, cookies.commission);
    expect(await again.json()).toEqual({ imported: 1, replaced: 1, quarters: [TEST_QUARTER] });
    const [trail] = await sql<{ action: string; before: { overall: number }; after: { overall: number; version: number } }[]>`
      SELECT action, before, after FROM audit_log WHERE entity = 'survey' AND entity_id = ${`${a.code}/${TEST_QUARTER}`} ORDER BY id DESC LIMIT 1`;
    expect(trail).toMatchObject({ action: 'update', before: { overall: 81.5 }, after: { overall: 83, version: 2 } });
  });

  it('takes the file as a multipart form field too', async () => {
    const form = new FormData();
    form.set('file', new File([`${HEADER}\n${communities[2].code},2099Q2,90,66,,,,,,,\n`], 'survey.csv', { type: 'text/csv' }));
    const response = await app.request('/api/surveys/import', { method: 'POST', headers: { Cookie: cookies.admin }, body: form });
    expect(response.status, await response.clone().text()).toBe(201);
    expect((await readSurveys('?quarter=2099Q2')).items.map((item) => item.overall)).toEqual([66]);
    const empty = new FormData();
    empty.set('other', 'x');
    expect((await readError(await app.request('/api/surveys/import', { method: 'POST', headers: { Cookie: cookies.admin }, body: empty }))).code).toBe('file_missing');
  });

  it('refuses a malformed file whole, naming each problem by its row, and changes nothing', async () => {
    const [a, b, c] = communities;
    const before = await snapshot();
    const file = [
      HEADER,
      `${a.code},2099Q3,100,80,,,,,,,`,
      `999999999999,2099Q3,100,80,,,,,,,`,
      `${b.code},2099-3,100,80,,,,,,,`,
      `${c.code},2099Q3,0,120,,,,,,,`,
      `${a.code},2099Q3,100,80,,,,,,,`,
      `${b.code},2099Q3,100,80,101,,,,,,`,
    ].join('\n');
    const response = await importCsv(file, cookies.inspector);
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe('import_refused');
    const details = error.details as { errorCount: number; errors: { row: number; column?: string }[] };
    expect(details.errors.map((problem) => `${problem.row}:${problem.column ?? ''}`)).toEqual([
      '3:community_code', '4:quarter', '5:respondents', '5:overall', '6:', '7:optimization_1',
    ]);
    expect(await snapshot()).toEqual(before);
    expect((await readSurveys('')).quarters).not.toContain('2099Q3');

    const badHeader = await importCsv('community,quarter\nx,y\n', cookies.inspector);
    expect((await readError(badHeader)).code).toBe('import_refused');
    expect((await readError(await importCsv('', cookies.inspector))).code).toBe('import_refused');
    expect((await readError(await importCsv(HEADER, cookies.inspector, 'application/json'))).code).toBe('unsupported_media_type');
    expect(await snapshot()).toEqual(before);
  });

  it('is refused to the roles that do not commission surveys, and to the public', async () => {
    const before = await snapshot();
    const file = `${HEADER}\n${communities[0].code},2099Q4,100,80,,,,,,,\n`;
    for (const role of ['town', 'planner'] as const) {
      const response = await importCsv(file, cookies[role]);
      expect(response.status).toBe(403);
      expect((await readError(response)).code).toBe('role_not_allowed');
    }
    expect((await importCsv(file)).status).toBe(401);
    expect((await app.request('/api/surveys')).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown town or a quarter not written YYYYQn', async () => {
    expect((await readError(await app.request('/api/surveys?town=500108999000', { headers: { Cookie: cookies.town } }))).code).toBe('unknown_town');
    expect((await readError(await app.request('/api/surveys?quarter=2026-3', { headers: { Cookie: cookies.town } }))).code).toBe('invalid_query');
  });
});
