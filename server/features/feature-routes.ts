import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AuditPage } from '../../core/audit/audit-contract.ts';
import { featureEntity, featurePath, type FeatureGeometry, type FeatureRecord } from '../../core/layers/feature-contract.ts';
import { MAX_FEATURE_BODY_CHARS, featureCreateSchema, featurePatchSchema, isEditableLayer } from '../../core/layers/feature-input.ts';
import { findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import type { AppEnv } from '../app-env.ts';
import { readActor } from '../audit/audit-actor.ts';
import { readAuditPage, writeAudit } from '../audit/audit-sql.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { requireIfMatch, setEntityTag, staleVersion } from '../http/entity-tag.ts';
import { limitBodyChars, quoteInput, readJsonBody } from '../http/read-body.ts';
import { readQuery } from '../http/read-query.ts';
import { deleteFeature, insertFeature, inspectGeometry, readFeature, updateFeature } from './feature-sql.ts';

/**
 * Facility features edited on the map: add, move, change and delete, each in one transaction
 * with its audit row. Every write bumps the layer's data version (a trigger), so tiles, OGC,
 * coverage and siting see it at once. Who may call what is in server/access/access-table.ts.
 */
export const featureRoutes = new Hono<AppEnv>();

/** The layer named in the path: unknown is 404; the frame layers are not edited here (403). */
function readLayer(context: Context<AppEnv>): LayerDefinition {
  const id = context.req.param('layer') ?? '';
  const layer = findLayer(id);
  if (!layer) throw notFound('unknown_layer', `no layer ${quoteInput(id)}`);
  if (!isEditableLayer(layer)) {
    const why = layer.kind === 'workflow' ? 'is written through its own workflow routes' : 'is part of the frame (divisions, roads, population)';
    throw forbidden('not_editable', `${layer.id} ${why} and is not edited feature by feature`, { layer: layer.id });
  }
  return layer;
}

/** A feature id is a positive integer; anything else names no feature. */
function readFeatureId(context: Context<AppEnv>, layer: LayerDefinition): number {
  const text = context.req.param('id') ?? '';
  if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) throw unknownFeature(layer, text);
  return Number(text);
}

const unknownFeature = (layer: LayerDefinition, id: string | number) => notFound('unknown_feature', `${layer.id} has no feature ${quoteInput(String(id))}`);

/** The place checks every new geometry passes, with what they derive from it. */
async function locate(tx: Queryable, layer: LayerDefinition, geometry: FeatureGeometry) {
  const facts = await inspectGeometry(tx, layer, geometry);
  if (!facts.valid) throw badRequest('invalid_geometry', `the geometry is not valid: ${facts.reason}`, { reason: facts.reason });
  if (!facts.inside) throw badRequest('outside_district', `the ${geometry.type === 'Point' ? 'point' : 'geometry'} lies outside the district: a ${layer.id} feature is placed within it`, { layer: layer.id });
  if (!facts.communityCode || !facts.townCode) throw badRequest('no_community', 'no community of the grid can be found for this place', { layer: layer.id });
  return { facts, geometry };
}

featureRoutes.post('/layers/:layer/features', limitBodyChars(MAX_FEATURE_BODY_CHARS), async (context) => {
  const layer = readLayer(context);
  const request = await readJsonBody(context, featureCreateSchema(layer), MAX_FEATURE_BODY_CHARS);
  const actor = await readActor(context);
  const created = await context.get('deps').sql.begin(async (tx) => {
    const feature = await insertFeature(tx, layer, request.properties, await locate(tx, layer, request.geometry));
    await writeAudit(tx, actor, { action: 'create', entity: featureEntity(layer.id), entityId: feature.id, after: feature });
    return feature;
  });
  setEntityTag(context, created.version);
  context.header('Location', featurePath(layer.id, created.id));
  return context.json(created satisfies FeatureRecord, 201);
});

featureRoutes.get('/layers/:layer/features/:id', async (context) => {
  const layer = readLayer(context);
  const id = readFeatureId(context, layer);
  const feature = await readFeature(context.get('deps').sql, layer, id);
  if (!feature) throw unknownFeature(layer, id);
  setEntityTag(context, feature.version);
  context.header('Cache-Control', 'no-cache');
  return context.json(feature satisfies FeatureRecord);
});

/**
 * A move (new geometry, its community and measure recomputed), a change of properties, or both,
 * made only on the version the editor read: the row is locked, its version compared (404 gone,
 * 409 changed, with the record as it is now), then updated `WHERE id AND version`.
 */
featureRoutes.patch('/layers/:layer/features/:id', limitBodyChars(MAX_FEATURE_BODY_CHARS), async (context) => {
  const layer = readLayer(context);
  const id = readFeatureId(context, layer);
  const version = requireIfMatch(context);
  const patch = await readJsonBody(context, featurePatchSchema(layer), MAX_FEATURE_BODY_CHARS);
  const actor = await readActor(context);
  const updated = await context.get('deps').sql.begin(async (tx) => {
    const before = await readFeature(tx, layer, id, { lock: true });
    if (!before) throw unknownFeature(layer, id);
    if (before.version !== version) throw staleVersion(before, before.version, version);
    const located = patch.geometry ? await locate(tx, layer, patch.geometry) : undefined;
    const after = await updateFeature(tx, layer, id, version, patch.properties ?? {}, located);
    if (!after) throw staleVersion(before, before.version, version);
    await writeAudit(tx, actor, { action: 'update', entity: featureEntity(layer.id), entityId: id, before, after });
    return after;
  });
  setEntityTag(context, updated.version);
  return context.json(updated satisfies FeatureRecord);
});

featureRoutes.delete('/layers/:layer/features/:id', async (context) => {
  const layer = readLayer(context);
  const id = readFeatureId(context, layer);
  const version = requireIfMatch(context);
  const actor = await readActor(context);
  await context.get('deps').sql.begin(async (tx) => {
    const before = await readFeature(tx, layer, id, { lock: true });
    if (!before) throw unknownFeature(layer, id);
    if (before.version !== version || !(await deleteFeature(tx, layer, id, version))) throw staleVersion(before, before.version, version);
    await writeAudit(tx, actor, { action: 'delete', entity: featureEntity(layer.id), entityId: id, before });
  });
  return context.body(null, 204);
});

const historyQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The feature's trail, newest first; kept after a delete, so a deleted feature still has one. */
featureRoutes.get('/layers/:layer/features/:id/history', async (context) => {
  const layer = readLayer(context);
  const id = readFeatureId(context, layer);
  const query = readQuery(context, historyQuerySchema);
  const { sql } = context.get('deps');
  const page = await readAuditPage(sql, { entity: featureEntity(layer.id), entityId: String(id), limit: query.limit, offset: query.offset });
  if (page.total === 0 && !(await readFeature(sql, layer, id))) throw unknownFeature(layer, id);
  return context.json({ ...page, limit: query.limit, offset: query.offset } satisfies AuditPage);
});
