import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { DemandCounts } from '../../core/demands/demand-count-contract.ts';
import { DEMAND_LIMITS, newDemandSchema, type DemandDetail, type DemandList, type DemandReceipt, type DemandSource, type DemandStatusPage, type StaffDemand } from '../../core/demands/demand-contract.ts';
import { isPublishedDemand } from '../../core/demands/demand-states.ts';
import { SUPPORTER_HEADER, SUPPORTER_TOKEN_PATTERN, type DemandSupportResult } from '../../core/demands/demand-support.ts';
import { RECEIPT_LENGTH, normalizeReceipt, spellReceipt } from '../../core/demands/receipt-code.ts';
import { findLayer } from '../../core/layers/registry.ts';
import type { AppEnv, RequestUser } from '../app-env.ts';
import { isWithinScope } from '../access/scope.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest, conflict, forbidden, notFound } from '../errors.ts';
import { inspectGeometry } from '../features/feature-sql.ts';
import { pipelinedTransaction } from '../db/pipelined-transaction.ts';
import { setEntityTag } from '../http/entity-tag.ts';
import { limitBodyChars, quoteInput, readJsonBody } from '../http/read-body.ts';
import { readQuery } from '../http/read-query.ts';
import { countDemands } from './demand-count-sql.ts';
import { outOfScope, readDemandId, requireStorableText, unknownDemand } from './demand-input.ts';
import { listDemands } from './demand-list-sql.ts';
import { readDemandProjects } from './demand-projects-sql.ts';
import { demandCountQuerySchema, demandListQuerySchema } from './demand-query.ts';
import { insertDemand, readDemand, readDemandByReceipt, selectNearbyDemands, toPublicDemand, toStaffDemand, type DemandRow } from './demand-sql.ts';
import { readDemandType } from './demand-type-sql.ts';
import { checkSubmissionLimit, recordSubmission } from './submission-limit.ts';
import { addSupport, supporterKey } from './support-sql.ts';

/**
 * The demand list (群众需求清单): residents submit and support demands, everyone reads the
 * published ones, staff read their area's. Changes by staff are in demand-edit-routes.ts; who
 * may call what is in server/access/access-table.ts.
 */
export const demandRoutes = new Hono<AppEnv>();

/** The published layer's declaration: a demand's place is checked as any point of it would be. */
const DEMAND_LAYER = findLayer('published_demands')!;
/** Receipt codes are 50 bits: a clash is rare, and a few fresh draws settle it. */
const RECEIPT_ATTEMPTS = 5;

/** Where a demand recorded by staff came from when they do not say. */
function defaultSource(user: RequestUser): DemandSource {
  return user.role === 'planner' ? 'planner' : 'survey';
}

/** The sub-type exists, belongs to the optimization and is still offered; its title is the default title. */
async function requireOfferedType(tx: Queryable, type: string, optimization: number) {
  const found = await readDemandType(tx, type);
  if (!found) throw badRequest('unknown_type', `there is no demand type ${quoteInput(type)}`, { type });
  if (found.optimization !== optimization) {
    throw badRequest('type_not_in_optimization', `${type} belongs to optimization ${found.optimization}, not ${optimization}`, { type, optimization: found.optimization });
  }
  if (!found.active) throw badRequest('type_retired', `${type} is no longer offered for new demands`, { type });
  return found;
}

/** The community and town of the place, derived in SQL as for any feature; inside the district only. */
async function locateDemand(tx: Queryable, lon: number, lat: number) {
  const facts = await inspectGeometry(tx, DEMAND_LAYER, { type: 'Point', coordinates: [lon, lat] });
  if (!facts.inside) throw badRequest('outside_district', `(${lon}, ${lat}) lies outside the district: a demand is placed within it`, { lon, lat });
  if (!facts.communityCode || !facts.townCode) throw badRequest('no_community', 'no community of the grid can be found for this place', { lon, lat });
  return { community: facts.communityCode, town: facts.townCode };
}

demandRoutes.post('/demands', limitBodyChars(DEMAND_LIMITS.maxBodyChars), async (context) => {
  const request = await readJsonBody(context, newDemandSchema, DEMAND_LIMITS.maxBodyChars);
  requireStorableText({ title: request.title, text: request.text, contact: request.contact });
  const user = context.get('user');
  if (!user && request.source !== undefined && request.source !== 'public') {
    throw forbidden('source_staff_only', 'a public submission is always of source "public"; staff record demands from the hotline, deputies and surveys');
  }
  const actor = await readActor(context);
  // Three round trips: BEGIN with the checks, the insert, the audit row with COMMIT (see
  // pipelinedTransaction). Statements that do not wait for each other's answers go together.
  const { row, nearby } = await pipelinedTransaction(context.get('deps').sql, async (tx, commitWith) => {
    // Staff are trusted with volume (a hotline batch); the public are counted per address, and this
    // submission is recorded at once: a refusal below rolls the record back with the rest.
    // The neighbours are read before the insert: a new demand is not published, so it is never one.
    const [, type, place, nearby] = await Promise.all([
      user ? undefined : checkSubmissionLimit(tx, actor.name),
      requireOfferedType(tx, request.type, request.optimization),
      locateDemand(tx, request.lon, request.lat),
      selectNearbyDemands(tx, request.type, request.lon, request.lat, DEMAND_LIMITS.nearbyMetres),
      user ? undefined : recordSubmission(tx, actor.name),
    ]);
    if (user && !isWithinScope(user, place)) throw forbidden('out_of_scope', `this place (community ${place.community}) lies outside your area`, place);
    let created: DemandRow | undefined;
    for (let attempt = 0; attempt < RECEIPT_ATTEMPTS && !created; attempt += 1) {
      created = await insertDemand(tx, {
        receipt: spellReceipt(randomBytes(RECEIPT_LENGTH)),
        optimization: request.optimization,
        type: type.id,
        title: request.title ?? type.title.zh,
        text: request.text,
        source: user ? (request.source ?? defaultSource(user)) : 'public',
        contact: request.contact ?? null,
        communityCode: place.community,
        townCode: place.town,
        lon: request.lon,
        lat: request.lat,
      });
    }
    if (!created) throw new Error(`no free receipt code in ${RECEIPT_ATTEMPTS} draws`);
    const demand = created;
    await commitWith([writeAudit(tx, actor, { action: 'create', entity: 'demand', entityId: demand.id, after: toStaffDemand(demand) })]);
    return { row: demand, nearby };
  });
  context.header('Location', `/api/demands/receipt/${row.receipt}`);
  return context.json(
    { id: row.id, receipt: row.receipt, community: row.community_code, town: row.town_code, status: 'submitted', nearby: nearby.map(toPublicDemand) } satisfies DemandReceipt,
    201,
  );
});

demandRoutes.get('/demands', async (context) => {
  const query = readQuery(context, demandListQuerySchema);
  const user = context.get('user');
  const { total, totalExact, rows } = await listDemands(context.get('deps').sql, query, user);
  context.header('Cache-Control', user ? 'private, no-cache' : 'no-cache');
  return context.json({ total, totalExact, items: rows.map(user ? toStaffDemand : toPublicDemand) } satisfies DemandList);
});

/** Everyone: how many demands each community (or town) has, and per 1,000 residents. */
demandRoutes.get('/demand-counts', async (context) => {
  const query = readQuery(context, demandCountQuerySchema);
  const user = context.get('user');
  const items = await countDemands(context.get('deps').sql, query, user);
  context.header('Cache-Control', user ? 'private, no-cache' : 'no-cache');
  return context.json({ by: query.by, optimization: query.optimization ?? null, type: query.type ?? null, items } satisfies DemandCounts);
});

/** The resident's status page, by the receipt they were given. */
demandRoutes.get('/demands/receipt/:code', async (context) => {
  const typed = context.req.param('code');
  const code = normalizeReceipt(typed);
  const { sql } = context.get('deps');
  const row = code && (await readDemandByReceipt(sql, code));
  if (!row) throw notFound('unknown_receipt', `no demand has the receipt ${quoteInput(typed)}`);
  const projects = await readDemandProjects(sql, row.id, { publishedOnly: true });
  context.header('Cache-Control', 'no-store');
  return context.json({
    receipt: row.receipt,
    status: row.status,
    optimization: row.optimization,
    type: row.type,
    title: row.title,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    reply: row.reply,
    reason: row.reason,
    mergedInto: row.merged_receipt && row.merged_status ? { receipt: row.merged_receipt, status: row.merged_status } : null,
    supportCount: row.support_count,
    projects,
  } satisfies DemandStatusPage);
});

/**
 * The public read published demands; staff read their area's (another area's is a 403). With the
 * projects that answer it: every linked one for staff, the published ones for the public.
 */
demandRoutes.get('/demands/:id', async (context) => {
  const id = readDemandId(context);
  const user = context.get('user');
  const { sql } = context.get('deps');
  const row = await readDemand(sql, id, { user });
  if (!row || (!user && !isPublishedDemand(row.status))) throw unknownDemand(id);
  if (user && !row.in_scope) throw outOfScope(user, row);
  const projects = await readDemandProjects(sql, id, { publishedOnly: !user });
  setEntityTag(context, row.version);
  context.header('Cache-Control', user ? 'private, no-cache' : 'no-cache');
  const demand = user ? toStaffDemand(row) : toPublicDemand(row);
  return context.json({ ...demand, projects } satisfies DemandDetail<StaffDemand> | DemandDetail);
});

/** "Me too": once per person (their address and browser token), on published demands only. */
demandRoutes.post('/demands/:id/support', async (context) => {
  const id = readDemandId(context);
  const token = context.req.header(SUPPORTER_HEADER) ?? '';
  if (!SUPPORTER_TOKEN_PATTERN.test(token)) {
    throw badRequest('supporter_required', `send ${SUPPORTER_HEADER}: a random token of 16–128 letters, digits, - or _ that the browser keeps, so each person supports a demand once`);
  }
  const { services, sql } = context.get('deps');
  const key = supporterKey(await services.addressSalt(), context.get('address'), token);
  const actor = await readActor(context);
  const outcome = await sql.begin(async (tx) => {
    const [demand] = await tx<{ status: DemandRow['status'] }[]>`SELECT status FROM demands WHERE id = ${id} FOR UPDATE`;
    if (!demand || !isPublishedDemand(demand.status)) throw unknownDemand(id);
    const result = await addSupport(tx, id, key);
    if (result.added) await writeAudit(tx, actor, { action: 'support', entity: 'demand', entityId: id, after: { supportCount: result.supportCount } });
    return result;
  });
  const body = { id, supportCount: outcome.supportCount } satisfies DemandSupportResult;
  if (!outcome.added) throw conflict('already_supported', 'you have supported this demand already', body);
  return context.json(body, 201);
});
