import { Hono, type Context } from 'hono';
import { newTargetSchema, sizeRatioSchema, targetPatchSchema, targetsQuerySchema, TARGET_LIMITS, type TargetsResponse } from '../../core/targets/target-contract.ts';
import type { AppEnv } from '../app-env.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { setEntityTag, requireIfMatch, staleVersion } from '../http/entity-tag.ts';
import { quoteInput, readJsonBody } from '../http/read-body.ts';
import { readQuery } from '../http/read-query.ts';
import { today } from '../projects/project-input.ts';
import { buildTargetsReport, resolveTargetYear } from './target-report.ts';
import { insertTarget, readSizeRatio, readTarget, updateTarget, writeSizeRatio } from './target-sql.ts';

/**
 * The yearly list's targets: read by staff with what the projects achieved; set and changed by
 * the development commission (and the administrator), each change audited and made on the
 * version read. Who may call what: server/access/access-table.ts.
 */
export const targetRoutes = new Hono<AppEnv>();

export const unknownTown = (code: string) => notFound('unknown_town', `there is no town ${quoteInput(code)}`);

export async function requireTown(sql: Queryable, code: string | undefined | null): Promise<void> {
  if (!code) return;
  const [row] = await sql<{ found: boolean }[]>`SELECT EXISTS (SELECT 1 FROM towns WHERE code = ${code}) AS found`;
  if (!row.found) throw unknownTown(code);
}

targetRoutes.get('/targets', async (context) => {
  const query = readQuery(context, targetsQuerySchema);
  const { sql } = context.get('deps');
  await requireTown(sql, query.town);
  const day = today();
  const year = await resolveTargetYear(sql, query.year, day);
  return context.json((await buildTargetsReport(sql, { year, town: query.town, today: day })) satisfies TargetsResponse);
});

targetRoutes.post('/targets', async (context) => {
  const request = await readJsonBody(context, newTargetSchema);
  const { sql } = context.get('deps');
  await requireTown(sql, request.town);
  const actor = await readActor(context);
  const created = await sql.begin(async (tx) => {
    const target = await insertTarget(tx, request);
    if (!target) {
      throw conflict('target_exists', `${request.year}'s ${request.indicator} target${request.town ? ` for town ${request.town}` : ''} is set already: change it with PATCH`, {
        year: request.year, indicator: request.indicator, town: request.town,
      });
    }
    await writeAudit(tx, actor, { action: 'create', entity: 'target', entityId: target.id, after: target });
    return target;
  });
  setEntityTag(context, created.version);
  return context.json(created, 201);
});

function readTargetId(context: Context): number {
  const text = context.req.param('id') ?? '';
  if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) throw unknownTarget(text);
  return Number(text);
}
const unknownTarget = (id: string | number) => notFound('unknown_target', `there is no target ${quoteInput(String(id))}`);

targetRoutes.patch('/targets/:id', async (context) => {
  const id = readTargetId(context);
  const version = requireIfMatch(context);
  const request = await readJsonBody(context, targetPatchSchema);
  const actor = await readActor(context);
  const updated = await context.get('deps').sql.begin(async (tx) => {
    const before = await readTarget(tx, id, { lock: true });
    if (!before) throw unknownTarget(id);
    if (before.version !== version) throw staleVersion(before, before.version, version);
    const after = await updateTarget(tx, id, version, request.target);
    if (!after) throw staleVersion(before, before.version, version);
    await writeAudit(tx, actor, { action: 'update', entity: 'target', entityId: id, before, after });
    return after;
  });
  setEntityTag(context, updated.version);
  return context.json(updated);
});

/** The year's large:medium:small target. The first one is written without If-Match; a change needs it. */
targetRoutes.put('/targets/:year/size-ratio', async (context) => {
  const yearText = context.req.param('year') ?? '';
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < TARGET_LIMITS.minYear || year > TARGET_LIMITS.maxYear) {
    throw badRequest('invalid_year', `${quoteInput(yearText)} is not a year from ${TARGET_LIMITS.minYear} to ${TARGET_LIMITS.maxYear}`);
  }
  const request = await readJsonBody(context, sizeRatioSchema);
  const sent = context.req.header('If-Match') === undefined ? null : requireIfMatch(context);
  const actor = await readActor(context);
  const written = await context.get('deps').sql.begin(async (tx) => {
    const before = await readSizeRatio(tx, year, { lock: true });
    if (before && sent === null) requireIfMatch(context);
    if (before && before.version !== sent) throw staleVersion(before, before.version, sent!);
    if (!before && sent !== null) throw staleVersion(null, 0, sent);
    const after = await writeSizeRatio(tx, year, before ? before.version : null, request);
    if (!after) throw staleVersion(before ?? null, before?.version ?? 0, sent ?? 0);
    await writeAudit(tx, actor, { action: before ? 'update' : 'create', entity: 'target_size_ratio', entityId: year, before, after });
    return after;
  });
  setEntityTag(context, written.version);
  return context.json(written);
});
