import { Hono, type Context } from 'hono';
import { demandTypeCreateSchema, demandTypePatchSchema, type DemandTypeList, type DemandTypeRecord } from '../../core/demands/demand-type-contract.ts';
import { DEMAND_TYPE_ID_PATTERN } from '../../core/demands/demand-types.ts';
import type { AppEnv } from '../app-env.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import { conflict, notFound } from '../errors.ts';
import { requireIfMatch, setEntityTag, staleVersion } from '../http/entity-tag.ts';
import { limitBodyChars, quoteInput, readJsonBody } from '../http/read-body.ts';
import { countDemandsOfType, insertDemandType, listDemandTypes, readDemandType, updateDemandType } from './demand-type-sql.ts';
import { requireStorableText } from './demand-input.ts';

/**
 * The sub-types demands are filed under: everyone reads them (the submission form offers the
 * active ones), the commission and the administrator add and change them, each change audited.
 * Types are retired (active: false), never deleted: demands keep the type they were filed under.
 */
export const demandTypeRoutes = new Hono<AppEnv>();

/** A type is an id and two titles: anything longer is not a type. */
const MAX_BODY_CHARS = 1_000;

const unknownType = (id: string) => notFound('unknown_type', `there is no demand type ${quoteInput(id)}`);

function readTypeId(context: Context): string {
  const id = context.req.param('id') ?? '';
  if (!DEMAND_TYPE_ID_PATTERN.test(id)) throw unknownType(id);
  return id;
}

demandTypeRoutes.get('/demand-types', async (context) => {
  context.header('Cache-Control', 'no-cache');
  return context.json({ items: await listDemandTypes(context.get('deps').sql) } satisfies DemandTypeList);
});

demandTypeRoutes.post('/demand-types', limitBodyChars(MAX_BODY_CHARS), async (context) => {
  const request = await readJsonBody(context, demandTypeCreateSchema, MAX_BODY_CHARS);
  requireStorableText({ 'title.zh': request.title.zh, 'title.en': request.title.en });
  const actor = await readActor(context);
  const created = await context.get('deps').sql.begin(async (tx) => {
    const type = await insertDemandType(tx, request);
    if (!type) throw conflict('type_exists', `the demand type ${request.id} exists already`, { current: await readDemandType(tx, request.id) });
    await writeAudit(tx, actor, { action: 'create', entity: 'demand_type', entityId: type.id, after: type });
    return type;
  });
  setEntityTag(context, created.version);
  return context.json(created satisfies DemandTypeRecord, 201);
});

demandTypeRoutes.patch('/demand-types/:id', limitBodyChars(MAX_BODY_CHARS), async (context) => {
  const id = readTypeId(context);
  const version = requireIfMatch(context);
  const patch = await readJsonBody(context, demandTypePatchSchema, MAX_BODY_CHARS);
  requireStorableText({ 'title.zh': patch.title?.zh, 'title.en': patch.title?.en });
  const actor = await readActor(context);
  const updated = await context.get('deps').sql.begin(async (tx) => {
    const before = await readDemandType(tx, id, { lock: true });
    if (!before) throw unknownType(id);
    if (before.version !== version) throw staleVersion(before, before.version, version);
    // A demand's type and optimization are checked together (a foreign key): a type in use stays where it is.
    if (patch.optimization !== undefined && patch.optimization !== before.optimization) {
      const inUse = await countDemandsOfType(tx, id);
      if (inUse > 0) {
        throw conflict('type_in_use', `${inUse} demand(s) are filed under ${id}: retire it and add a type under optimization ${patch.optimization} instead`, { demands: inUse });
      }
    }
    const after = await updateDemandType(tx, id, version, patch);
    if (!after) throw staleVersion(before, before.version, version);
    await writeAudit(tx, actor, { action: 'update', entity: 'demand_type', entityId: id, before, after });
    return after;
  });
  setEntityTag(context, updated.version);
  return context.json(updated satisfies DemandTypeRecord);
});
