import { Hono, type Context } from 'hono';
import { previousQuarter } from '../../core/surveys/quarters.ts';
import { SURVEY_LIMITS, surveysQuerySchema, type CommunitySurveysResponse, type SurveyCsvError, type SurveysResponse } from '../../core/surveys/survey-contract.ts';
import { readSurveyCsv } from '../../core/surveys/survey-csv.ts';
import { townIndexes, weightedScores } from '../../core/surveys/survey-index.ts';
import type { AppEnv } from '../app-env.ts';
import { limitBodyBytes } from '../http/read-body.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAuditRows } from '../audit/audit-sql.ts';
import { decodeCsvBody } from '../demands/demand-csv-routes.ts';
import { badRequest, notFound } from '../errors.ts';
import type { Queryable } from '../db/client.ts';
import { readQuery } from '../http/read-query.ts';
import { requireTown } from '../targets/target-routes.ts';
import {
  lockReplacedSurveys, selectCommunityTowns, selectQuarters, selectSurveyedCommunity, selectSurveysOf, selectSurveysOfCommunity, toSurveyRecord, upsertSurveys,
} from './survey-sql.ts';

/**
 * Quarterly satisfaction surveys (第三方民意调查): the survey firm's CSV imported whole or not
 * at all, and read per quarter with each town's index and its change since the quarter before.
 */
export const surveyRoutes = new Hono<AppEnv>();

/** The file as the request body (text/csv), or as the `file` field of a form (multipart/form-data). */
async function readSurveyFile(context: Context<AppEnv>): Promise<string> {
  const contentType = (context.req.header('Content-Type') ?? '').toLowerCase();
  if (!contentType.startsWith('multipart/form-data')) return decodeCsvBody(context, await context.req.arrayBuffer());
  const form = await context.req.parseBody();
  const file = form.file;
  if (!(file instanceof File)) throw badRequest('file_missing', 'send the survey file as the form field "file"');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw badRequest('invalid_encoding', 'the file is not valid utf-8: a file saved as GBK is sent as the body with Content-Type text/csv; charset=gb18030');
  }
}

function importRefused(errors: SurveyCsvError[]) {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  return badRequest('import_refused', `${errors.length} problem(s) in the file; nothing was imported`, { errorCount: errors.length, errors: sorted.slice(0, SURVEY_LIMITS.maxErrors) });
}

/** Imports take turns, so the quarters a file replaces are the ones the trail records. */
const IMPORT_LOCK = 'survey-import';

surveyRoutes.post(
  '/surveys/import',
  limitBodyBytes(SURVEY_LIMITS.maxBytes, () => badRequest('body_too_large', `a survey file is at most ${SURVEY_LIMITS.maxBytes / 1024 / 1024} MB: split it by quarter`)),
  async (context) => {
    const text = await readSurveyFile(context);
    const { sql } = context.get('deps');
    const { rows, errors } = readSurveyCsv(text, await selectCommunityTowns(sql));
    if (errors.length) throw importRefused(errors);
    const actor = await readActor(context);
    const written = await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK}))`;
      const replaced = await lockReplacedSurveys(tx, rows);
      const stored = await upsertSurveys(tx, rows, { demo: false });
      await writeAuditRows(tx, actor, stored.map((row) => {
        const before = replaced.get(`${row.community_code}|${row.quarter}`);
        return {
          action: before ? 'update' : 'import', entity: 'survey', entityId: `${row.community_code}/${row.quarter}`,
          ...(before ? { before: toSurveyRecord(before) } : {}), after: { ...toSurveyRecord(row), version: row.version },
        };
      }));
      return { stored, replaced: replaced.size };
    });
    return context.json({ imported: written.stored.length, replaced: written.replaced, quarters: [...new Set(rows.map((row) => row.quarter))].sort() }, 201);
  },
);

/** One community's trend: its every quarter, oldest first (none yet: an empty list). */
async function communitySurveys(sql: Queryable, code: string): Promise<CommunitySurveysResponse> {
  const community = await selectSurveyedCommunity(sql, code);
  if (!community) throw notFound('unknown_community', `no community with code ${code}`, { code });
  return { community, quarters: await selectSurveysOfCommunity(sql, code) };
}

surveyRoutes.get('/surveys', async (context) => {
  const query = readQuery(context, surveysQuerySchema);
  const { sql } = context.get('deps');
  if (query.community !== undefined) return context.json(await communitySurveys(sql, query.community));
  await requireTown(sql, query.town);
  const quarters = await selectQuarters(sql);
  const quarter = query.quarter ?? quarters.at(-1) ?? null;
  const both = quarter ? await selectSurveysOf(sql, [previousQuarter(quarter), quarter]) : [];
  const current = both.filter((survey) => survey.quarter === quarter);
  const previous = both.filter((survey) => survey.quarter !== quarter);
  const inTown = <T extends { town: string }>(records: T[]) => (query.town ? records.filter((record) => record.town === query.town) : records);
  const district = weightedScores(current);
  const before = weightedScores(previous);
  const body: SurveysResponse = {
    quarter,
    town: query.town ?? null,
    quarters,
    items: inTown(current),
    towns: inTown(townIndexes(current, previous)),
    district: district && {
      communities: current.length, ...district, previous: before?.overall ?? null, change: before ? Math.round((district.overall - before.overall) * 100) / 100 : null,
    },
  };
  return context.json(body);
});
