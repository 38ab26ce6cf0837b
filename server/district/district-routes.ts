import { Hono, type Context } from 'hono';
import { DISTRICT_FILE_FIELDS, type DistrictSummary } from '../../core/district/district-contract.ts';
import { IMPORT_LIMITS, importCrsSchema } from '../../core/exchange/import-contract.ts';
import type { AppEnv } from '../app-env.ts';
import { readActor } from '../audit/audit-actor.ts';
import { ApiError, badRequest } from '../errors.ts';
import { requireIfMatch, setEntityTag } from '../http/entity-tag.ts';
import { limitBodyBytes } from '../http/read-body.ts';
import { applyDistrict, prepareDistrict, type DistrictFiles } from './init-district.ts';

/**
 * Another district for the product, by the administrator: `POST /api/district/check` reads the
 * files (multipart: boundary, divisions, population?, roads?, crs?) and answers what would be loaded and
 * what it replaces, writing nothing; `POST /api/district` with the same files and If-Match (the
 * check's ETag: the district layer's version) loads it, all or nothing, audited. The command
 * line does the same (scripts/district-init.ts).
 */
export const districtRoutes = new Hono<AppEnv>();

/** Four files of an import's size at most: refused from the declared length, before reading. */
const uploadLimit = limitBodyBytes(DISTRICT_FILE_FIELDS.length * IMPORT_LIMITS.maxUploadBytes, () =>
  new ApiError(413, 'upload_too_large', `the district's files are at most ${(DISTRICT_FILE_FIELDS.length * IMPORT_LIMITS.maxUploadBytes) / 1024 / 1024} MB together`, { maxBytes: DISTRICT_FILE_FIELDS.length * IMPORT_LIMITS.maxUploadBytes }));

async function readFiles(context: Context<AppEnv>): Promise<DistrictFiles> {
  if (!(context.req.header('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw new ApiError(415, 'unsupported_media_type', `send the files as multipart/form-data, in the fields ${DISTRICT_FILE_FIELDS.join(', ')}`);
  }
  const form = await context.req.parseBody().catch(() => {
    throw badRequest('invalid_upload', 'the multipart body cannot be read');
  });
  let crs: string | undefined;
  if (typeof form.crs === 'string' && form.crs !== '') {
    const parsed = importCrsSchema.safeParse(form.crs);
    if (!parsed.success) throw badRequest('invalid_import_option', parsed.error.issues[0].message);
    crs = parsed.data;
  }
  const files: Partial<DistrictFiles> = {};
  for (const role of DISTRICT_FILE_FIELDS) {
    const file = form[role];
    if (file === undefined || file === '') continue;
    if (!(file instanceof File)) throw badRequest('invalid_upload', `the field ${role} holds no file`);
    files[role] = { role, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), ...(crs ? { crs } : {}) };
  }
  const missing = (['boundary', 'divisions'] as const).filter((role) => !files[role]);
  if (missing.length) throw badRequest('district_refused', `the district is refused, nothing was changed: no ${missing.join(' and no ')} file`, { problems: missing.map((role) => `no ${role} file`) });
  return files as DistrictFiles;
}

districtRoutes.post('/district/check', uploadLimit, async (context) => {
  const { sql, services } = context.get('deps');
  const { summary } = await prepareDistrict(sql, services.gdal, await readFiles(context));
  setEntityTag(context, summary.version);
  return context.json(summary satisfies DistrictSummary);
});

districtRoutes.post('/district', uploadLimit, async (context) => {
  const version = requireIfMatch(context);
  const { sql, services } = context.get('deps');
  const prepared = await prepareDistrict(sql, services.gdal, await readFiles(context));
  const applied = await applyDistrict(sql, prepared, await readActor(context), version);
  setEntityTag(context, applied.version);
  return context.json(applied satisfies DistrictSummary);
});
