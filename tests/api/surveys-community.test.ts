import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunitySurveysResponse, SurveysResponse } from '../../core/surveys/survey-contract.ts';
import { readError } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/**
 * One community's satisfaction trend, `GET /api/surveys?community=`: its every quarter, oldest
 * first, the same figures as the surveys table holds, for staff only.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

/** A quarter older than the demo's, imported after them: it must still come first. */
const EARLY_QUARTER = '2001Q2';
let inspector = '';
let town = '';
let community: { code: string; name: string; name_en: string | null; town_code: string };

beforeAll(async () => {
  inspector = await signIn(app, DEMO_USERNAMES.inspector);
  town = await signIn(app, DEMO_USERNAMES.town);
  [community] = await sql<(typeof community)[]>`
    SELECT c.code, c.name, c.name_en, c.town_code FROM communities c
    WHERE EXISTS (SELECT 1 FROM surveys s WHERE s.community_code = c.code) ORDER BY c.code DESC LIMIT 1`;
});
afterAll(async () => {
  await sql`DELETE FROM surveys WHERE quarter = ${EARLY_QUARTER}`;
});

const get = (query: string, cookie?: string) => app.request(`/api/surveys${query}`, { headers: cookie ? { Cookie: cookie } : {} });

async function readTrend(code: string, cookie = inspector): Promise<CommunitySurveysResponse> {
  const response = await get(`?community=${encodeURIComponent(code)}`, cookie);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as CommunitySurveysResponse;
}

/** The same community read straight from the table, oldest quarter first. */
const readTable = (code: string) => sql<{ quarter: string; town_code: string; respondents: number; overall: number; scores: Record<string, number>; demo: boolean }[]>`
  SELECT quarter, town_code, respondents, overall, scores, demo FROM surveys WHERE community_code = ${code} ORDER BY quarter`;

describe('a community\'s satisfaction trend', () => {
  it('holds every quarter of the surveys table for that community, oldest first, named as the list names it', async () => {
    const trend = await readTrend(community.code);
    expect(trend.community).toEqual({ code: community.code, name: community.name, name_en: community.name_en, town: community.town_code });
    const rows = await readTable(community.code);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(trend.quarters).toEqual(rows.map((row) => ({
      community: community.code, town: row.town_code, quarter: row.quarter, respondents: row.respondents, overall: row.overall, scores: row.scores, demo: row.demo,
    })));
    // Each quarter is the very item the quarter's list gives for this community.
    const latest = trend.quarters.at(-1)!;
    const list = (await (await get(`?quarter=${latest.quarter}`, inspector)).json()) as SurveysResponse;
    expect(list.items.find((item) => item.community === community.code)).toEqual(latest);
  });

  it('puts a quarter imported later but surveyed earlier first', async () => {
    const csv = `community_code,quarter,respondents,overall,optimization_1,optimization_2,optimization_3,optimization_4,optimization_5,optimization_6,optimization_7\n${community.code},${EARLY_QUARTER},123,61.5,70,,,,,,55\n`;
    const imported = await app.request('/api/surveys/import', { method: 'POST', headers: { 'Content-Type': 'text/csv', Cookie: inspector }, body: csv });
    expect(imported.status, await imported.clone().text()).toBe(201);
    const trend = await readTrend(community.code, town);
    expect(trend.quarters[0]).toEqual({ community: community.code, town: community.town_code, quarter: EARLY_QUARTER, respondents: 123, overall: 61.5, scores: { 1: 70, 7: 55 }, demo: false });
    const quarters = trend.quarters.map((survey) => survey.quarter);
    expect(quarters).toEqual([...quarters].sort());
    expect(quarters).toEqual((await readTable(community.code)).map((row) => row.quarter));
  });

  it('answers a community without surveys with no quarters, and an unknown one with 404', async () => {
    const [unsurveyed] = await sql<{ code: string }[]>`
      SELECT code FROM communities c WHERE NOT EXISTS (SELECT 1 FROM surveys s WHERE s.community_code = c.code) LIMIT 1`;
    if (unsurveyed) expect((await readTrend(unsurveyed.code)).quarters).toEqual([]);
    const response = await get('?community=999999999999', inspector);
    expect(response.status).toBe(404);
    expect(await readError(response)).toMatchObject({ code: 'unknown_community', details: { code: '999999999999' } });
  });

  it('refuses a malformed code, a quarter or town beside it, and a repeated parameter with 400', async () => {
    for (const query of [
      '?community=',
      '?community=no%20spaces',
      `?community=${'9'.repeat(41)}`,
      `?community=${community.code}&quarter=2026Q3`,
      `?community=${community.code}&town=${community.town_code}`,
      `?community=${community.code}&community=${community.code}`,
    ]) {
      const response = await get(query, inspector);
      expect(response.status, query).toBe(400);
      expect((await readError(response)).code, query).toBe('invalid_query');
    }
  });

  it('is for staff: the public gets 401 and no figures', async () => {
    const response = await get(`?community=${community.code}`);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toContain('respondents');
  });
});
