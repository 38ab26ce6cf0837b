import { Hono, type Context } from 'hono';
import { IMPORT_LIMITS, importCommitSchema, importCrsSchema, importEncodingSchema, importMappingSchema, type ImportCommitResult, type ImportPreview } from '../../core/exchange/import-contract.ts';
import { mappingProblems } from '../../core/exchange/import-fields.ts';
import { featureEntity } from '../../core/layers/feature-contract.ts';
import type { AppEnv } from '../app-env.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import { readLayerVersions } from '../db/layer-versions.ts';
import { listDemandTypes } from '../demands/demand-type-sql.ts';
import { ApiError, badRequest, conflict, notFound } from '../errors.ts';
import { requireIfMatch, setEntityTag, staleVersion } from '../http/entity-tag.ts';
import { limitBodyBytes, readJsonBody } from '../http/read-body.ts';
import { buildPreview } from './build-preview.ts';
import { insertDemandRows, insertLayerRows } from './import-commit-sql.ts';
import { insertProjectRows } from './import-project-rows.ts';
import { replaceRoadNetwork } from './import-road-rows.ts';
import { applyMapping } from './import-rows.ts';
import { deletePreview, insertPreview, readPreview, sweepExpiredPreviews, updatePreview } from './import-store-sql.ts';
import { resolveImportTarget } from './import-target.ts';

/**
 * Imports: a file uploaded and read into a preview (`POST /api/imports`), looked at
 * (`GET /api/imports/{id}`), committed all-or-nothing in one transaction with its audit row
 * (`POST /api/imports/{id}/commit`), or dropped (`DELETE`). Who may call them is in
 * server/access/access-table.ts; which target a role may write is in import-target.ts.
 */
export const importRoutes = new Hono<AppEnv>();

/** Refused from its declared length, before the body is read. */
const uploadLimit = limitBodyBytes(IMPORT_LIMITS.maxUploadBytes, () =>
  new ApiError(413, 'upload_too_large', `an upload is at most ${IMPORT_LIMITS.maxUploadBytes / 1024 / 1024} MB: split the file`, { maxBytes: IMPORT_LIMITS.maxUploadBytes }));

function option<T>(value: unknown, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, name: string): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest('invalid_import_option', `${name} is text`);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest('invalid_import_option', parsed.error.issues[0].message);
  return parsed.data;
}

importRoutes.post('/imports', uploadLimit, async (context) => {
  if (!(context.req.header('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw new ApiError(415, 'unsupported_media_type', 'send the file as multipart/form-data, with the fields file and target');
  }
  const form = await context.req.parseBody().catch(() => {
    throw badRequest('invalid_upload', 'the multipart body cannot be read');
  });
  const file = form.file;
  if (!(file instanceof File)) throw badRequest('invalid_upload', 'the upload has no file field holding a file');
  if (typeof form.target !== 'string' || !form.target) throw badRequest('invalid_upload', 'say where to import with target: a facility layer id or demands');
  const user = context.get('user')!;
  const target = resolveImportTarget(form.target, user);
  const crs = option(form.crs, importCrsSchema, 'crs');
  const encoding = option(form.encoding, importEncodingSchema, 'encoding');
  const { sql, services } = context.get('deps');
  await sweepExpiredPreviews(sql);
  const { preview, rows } = await buildPreview(sql, services.gdal, target, user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), crs, encoding });
  await insertPreview(sql, preview, rows, user.username);
  context.header('Location', `/api/imports/${preview.id}`);
  return context.json(preview, 201);
});

const unknownImport = (id: string) => notFound('unknown_import', `there is no import ${JSON.stringify(id.slice(0, 40))} of yours: it was committed, dropped, or has expired`);

importRoutes.get('/imports/:id', async (context) => {
  const id = context.req.param('id');
  const stored = await readPreview(context.get('deps').sql, id, context.get('user')!.username);
  if (!stored) throw unknownImport(id);
  context.header('Cache-Control', 'private, no-store');
  return context.json(stored.preview satisfies ImportPreview);
});

importRoutes.delete('/imports/:id', async (context) => {
  const id = context.req.param('id');
  if (!(await deletePreview(context.get('deps').sql, id, context.get('user')!.username))) throw unknownImport(id);
  return context.body(null, 204);
});

/**
 * A changed mapping, checked against the target and the file, kept with the preview; the answer
 * lists the invalid rows it makes (over every row, not only the first shown), so what the user
 * sees before the commit is what the commit will do. A required property left unmapped is not
 * refused here (the user may be half-way through): its rows are listed invalid.
 */
importRoutes.patch('/imports/:id', async (context) => {
  const id = context.req.param('id');
  const user = context.get('user')!;
  const { sql } = context.get('deps');
  const body = await readJsonBody(context, importMappingSchema, 64 * 1024);
  const preview = await sql.begin(async (tx) => {
    const stored = await readPreview(tx, id, user.username, { rows: true, lock: true });
    if (!stored) throw unknownImport(id);
    const target = resolveImportTarget(stored.preview.target, user, stored.preview.fields.map((field) => field.name));
    const mapping = { ...stored.preview.mapping, ...body.mapping };
    const optional = target.fields.properties.map((property) => ({ ...property, required: false }));
    const problems = mappingProblems(mapping, optional, stored.preview.fields.map((field) => field.name));
    if (problems.length) throw badRequest('invalid_mapping', problems.join('; '), { problems });
    const knownTypes = target.kind === 'demands' ? new Set((await listDemandTypes(tx)).map((type) => type.id)) : null;
    const { invalid } = applyMapping(stored.rows, mapping, target, knownTypes);
    const invalidRows = new Set(invalid.map((bad) => bad.row));
    const changed: ImportPreview = {
      ...stored.preview,
      mapping: Object.fromEntries(target.fields.properties.map((property) => [property.name, mapping[property.name] ?? null])),
      invalidRows: invalid,
      sample: { ...stored.preview.sample, features: stored.preview.sample.features.map((feature) => ({ ...feature, properties: { ...feature.properties, invalid: invalidRows.has(feature.properties.row) } })) },
    };
    await updatePreview(tx, changed, user.username);
    return changed;
  });
  context.header('Cache-Control', 'private, no-store');
  return context.json(preview satisfies ImportPreview);
});

/** A commit's body may be empty: the preview's mapping as proposed. */
async function readCommitBody(context: Context<AppEnv>) {
  const length = context.req.header('Content-Length');
  if (length === '0' || (!length && !context.req.header('Content-Type'))) return {};
  return readJsonBody(context, importCommitSchema, 64 * 1024);
}

importRoutes.post('/imports/:id/commit', async (context) => {
  const id = context.req.param('id');
  const user = context.get('user')!;
  const { sql } = context.get('deps');
  const body = await readCommitBody(context);
  const peek = await readPreview(sql, id, user.username);
  if (!peek) throw unknownImport(id);
  const target = resolveImportTarget(peek.preview.target, user, peek.preview.fields.map((field) => field.name));
  // A layer written (or the network replaced) is versioned: the commit names the version it was previewed on.
  const wholeLayer = target.kind === 'layer' || target.kind === 'roads';
  const sentVersion = wholeLayer ? requireIfMatch(context) : null;
  const mapping = { ...peek.preview.mapping, ...body.mapping };
  const problems = mappingProblems(mapping, target.fields.properties, peek.preview.fields.map((field) => field.name));
  if (problems.length) throw badRequest('invalid_mapping', problems.join('; '), { problems });
  const knownTypes = target.kind === 'demands' ? new Set((await listDemandTypes(sql)).map((type) => type.id)) : null;
  const actor = await readActor(context);

  const result = await sql.begin(async (tx): Promise<ImportCommitResult> => {
    const stored = await readPreview(tx, id, user.username, { rows: true, lock: true });
    if (!stored) throw unknownImport(id);
    const table = wholeLayer ? target.id : 'published_demands';
    if (wholeLayer) {
      await tx`SELECT pg_advisory_xact_lock(hashtext(${`import:${target.id}`}))`;
      const current = (await readLayerVersions(tx, [table])).get(table) ?? 0;
      if (current !== sentVersion) throw staleVersion({ target: target.id, targetVersion: current }, current, sentVersion!);
    }
    const { valid, invalid } = applyMapping(stored.rows, mapping, target, knownTypes);
    if (invalid.length && !body.skipInvalid) {
      throw badRequest('import_has_invalid_rows', `${invalid.length.toLocaleString('en-US')} row(s) cannot be written; nothing was imported: correct the file or the mapping, or commit with skipInvalid`, { invalidCount: invalid.length, invalidRows: invalid.slice(0, 1000) });
    }
    if (!valid.length) throw badRequest('import_has_invalid_rows', 'no row can be written; nothing was imported', { invalidCount: invalid.length, invalidRows: invalid.slice(0, 1000) });
    const ids = await writeRows(tx, target, valid);
    await deletePreview(tx, id, user.username);
    await writeAudit(tx, actor, {
      action: 'import', entity: wholeLayer ? featureEntity(target.id) : target.kind === 'projects' ? 'project' : 'demand', entityId: id,
      after: { target: target.id, file: stored.preview.file, crs: stored.preview.crs.code, encoding: stored.preview.encoding.name, mapping, committed: ids.length, skipped: invalid.length, ids },
    });
    const after = (await readLayerVersions(tx, [table])).get(table) ?? 0;
    return { id, target: target.id, committed: ids.length, skipped: invalid, targetVersion: wholeLayer ? after : null };
  });
  if (result.targetVersion !== null) setEntityTag(context, result.targetVersion);
  return context.json(result satisfies ImportCommitResult);
});

/** A constraint the database holds (a receipt or id taken meanwhile, a merged demand not found) ends the whole import. */
async function writeRows(tx: Parameters<typeof insertLayerRows>[0], target: ReturnType<typeof resolveImportTarget>, rows: Parameters<typeof insertLayerRows>[2]): Promise<number[]> {
  try {
    if (target.kind === 'projects') return await insertProjectRows(tx, rows);
    if (target.kind === 'roads') return await replaceRoadNetwork(tx, rows);
    return target.kind === 'layer' ? await insertLayerRows(tx, target.layer, rows) : await insertDemandRows(tx, rows);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '23505' || code === '23503' || code === '23514') {
      throw conflict('import_conflict', `the rows cannot be written as they are; nothing was imported: ${(error as { detail?: string; message: string }).detail ?? (error as Error).message}`.slice(0, 500));
    }
    throw error;
  }
}
