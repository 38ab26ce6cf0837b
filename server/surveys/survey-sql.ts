import type { CommunitySurveysResponse, SurveyRecord, SurveyScores } from '../../core/surveys/survey-contract.ts';
import type { SurveyRow } from '../../core/surveys/survey-csv.ts';
import type { Queryable } from '../db/client.ts';

/** The surveys table: a community's quarter, replaced as a whole when imported again. */

interface StoredSurvey {
  community_code: string;
  town_code: string;
  quarter: string;
  respondents: number;
  overall: number;
  scores: SurveyScores;
  demo: boolean;
  version: number;
}

export const toSurveyRecord = (row: StoredSurvey): SurveyRecord => ({
  community: row.community_code, town: row.town_code, quarter: row.quarter, respondents: row.respondents, overall: row.overall, scores: row.scores, demo: row.demo,
});

/** Surveys of several quarters at once (a quarter and the one before), in one statement. */
export async function selectSurveysOf(sql: Queryable, quarters: readonly string[]): Promise<SurveyRecord[]> {
  const rows = await sql<StoredSurvey[]>`
    SELECT community_code, town_code, quarter, respondents, overall, scores, demo, version
    FROM surveys WHERE quarter = ANY(${[...quarters]}::text[]) ORDER BY quarter, community_code`;
  return rows.map(toSurveyRecord);
}

/** One community's surveys, every quarter, oldest first. */
export async function selectSurveysOfCommunity(sql: Queryable, community: string): Promise<SurveyRecord[]> {
  const rows = await sql<StoredSurvey[]>`
    SELECT community_code, town_code, quarter, respondents, overall, scores, demo, version
    FROM surveys WHERE community_code = ${community} ORDER BY quarter`;
  return rows.map(toSurveyRecord);
}

/** A community's name and town, or undefined when the grid has no such community. */
export async function selectSurveyedCommunity(sql: Queryable, code: string): Promise<CommunitySurveysResponse['community'] | undefined> {
  const [row] = await sql<{ code: string; name: string; name_en: string | null; town_code: string }[]>`
    SELECT code, name, name_en, town_code FROM communities WHERE code = ${code}`;
  return row && { code: row.code, name: row.name, name_en: row.name_en, town: row.town_code };
}

/** The latest of these quarters with any survey, or null. */
export async function latestSurveyedQuarter(sql: Queryable, quarters: readonly string[]): Promise<string | null> {
  const [row] = await sql<{ quarter: string | null }[]>`SELECT max(quarter) AS quarter FROM surveys WHERE quarter = ANY(${[...quarters]}::text[])`;
  return row.quarter;
}

export async function selectQuarters(sql: Queryable): Promise<string[]> {
  const rows = await sql<{ quarter: string }[]>`SELECT DISTINCT quarter FROM surveys ORDER BY quarter`;
  return rows.map((row) => row.quarter);
}

/** The grid's communities and their towns, to check a file against. */
export async function selectCommunityTowns(sql: Queryable): Promise<Map<string, string>> {
  const rows = await sql<{ code: string; town_code: string }[]>`SELECT code, town_code FROM communities`;
  return new Map(rows.map((row) => [row.code, row.town_code]));
}

/** What the rows will replace (for the trail), locked until the import commits. */
export async function lockReplacedSurveys(tx: Queryable, rows: readonly SurveyRow[]): Promise<Map<string, StoredSurvey>> {
  const keys = rows.map((row) => ({ community: row.community, quarter: row.quarter }));
  const found = await tx<StoredSurvey[]>`
    SELECT s.community_code, s.town_code, s.quarter, s.respondents, s.overall, s.scores, s.demo, s.version
    FROM surveys s JOIN json_to_recordset(${JSON.stringify(keys)}::text::json) AS k(community text, quarter text)
      ON s.community_code = k.community AND s.quarter = k.quarter
    FOR UPDATE OF s`;
  return new Map(found.map((row) => [`${row.community_code}|${row.quarter}`, row]));
}

/** Every row written in one statement: new quarters inserted, surveyed ones replaced (version + 1). */
export async function upsertSurveys(tx: Queryable, rows: readonly SurveyRow[], options: { demo: boolean }): Promise<StoredSurvey[]> {
  const values = rows.map((row) => ({ community_code: row.community, town_code: row.town, quarter: row.quarter, respondents: row.respondents, overall: row.overall, scores: row.scores }));
  return tx<StoredSurvey[]>`
    INSERT INTO surveys (community_code, town_code, quarter, respondents, overall, scores, demo)
    SELECT r.community_code, r.town_code, r.quarter, r.respondents, r.overall, r.scores, ${options.demo}
    FROM json_to_recordset(${JSON.stringify(values)}::text::json)
      AS r(community_code text, town_code text, quarter text, respondents integer, overall float8, scores jsonb)
    ON CONFLICT (community_code, quarter) DO UPDATE SET
      town_code = excluded.town_code, respondents = excluded.respondents, overall = excluded.overall, scores = excluded.scores,
      demo = excluded.demo, version = surveys.version + 1, updated_at = now()
    RETURNING community_code, town_code, quarter, respondents, overall, scores, demo, version`;
}
