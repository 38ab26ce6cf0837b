import { Hono, type Context } from 'hono';
import type { Role } from '../../core/accounts/roles.ts';
import { DEMAND_EDITORS } from '../../core/demands/demand-access.ts';
import type { AppEnv } from '../app-env.ts';
import { limitBodyBytes } from '../http/read-body.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAudit, writeAuditRows } from '../audit/audit-sql.ts';
import { ApiError, badRequest } from '../errors.ts';
import { readQuery } from '../http/read-query.ts';
import { formatBeijingTime, formatDemandCsv, IMPORT_LIMITS, type DemandCsvError } from './demand-csv.ts';
import { readDemandCsv } from './demand-csv-read.ts';
import { findImportedTickets, insertImportedDemands, placeImportedDemands, selectDemandsForExport } from './demand-csv-sql.ts';
import { demandListQuerySchema } from './demand-query.ts';
import { toStaffDemand } from './demand-sql.ts';
import { listDemandTypes } from './demand-type-sql.ts';

/**
 * The demand list as a spreadsheet: export what the list shows (staff, their area), and import
 * the city hotline's tickets (the commission, the administrator, a town office for its town).
 * The column table and the file format are in demand-csv.ts; who may call what is in
 * server/access/access-table.ts.
 */
export const demandCsvRoutes = new Hono<AppEnv>();

/**
 * A file travels further than a screen: contacts go only to the roles that answer residents
 * (those who triage demands). The inspector's export has no contact column.
 */
export const CONTACT_EXPORT_ROLES: readonly Role[] = DEMAND_EDITORS;
/** More than this is not a list anyone reads: narrow the filters (a town, a status, a type). */
export const EXPORT_MAX_ROWS = 100_000;

/** The list's filters and order; paging means nothing for a file. */
const exportQuerySchema = demandListQuerySchema.omit({ limit: true, offset: true });

demandCsvRoutes.get('/demands/export.csv', async (context) => {
  const query = readQuery(context, exportQuerySchema);
  const user = context.get('user')!;
  const withContact = CONTACT_EXPORT_ROLES.includes(user.role);
  const { sql } = context.get('deps');
  const rows = await selectDemandsForExport(sql, query, user, { withContact, cap: EXPORT_MAX_ROWS });
  if (rows.length > EXPORT_MAX_ROWS) {
    throw badRequest('export_too_large', `more than ${EXPORT_MAX_ROWS.toLocaleString('en-US')} demands match: narrow the filters (town, status, type, bbox)`);
  }
  // Contacts leaving in a file are personal data handed over: the trail records who took which.
  await writeAudit(sql, await readActor(context), {
    action: 'export', entity: 'demand', entityId: 'export.csv', after: { count: rows.length, withContact, query: new URL(context.req.url).search },
  });
  const stamp = formatBeijingTime(new Date()).slice(0, 10).replaceAll('-', '');
  context.header('Content-Type', 'text/csv; charset=utf-8');
  context.header('Content-Disposition', `attachment; filename="demands-${stamp}.csv"`);
  context.header('Cache-Control', 'private, no-store');
  return context.body(formatDemandCsv(rows, { withContact }));
});

/** UTF-8 unless the request says otherwise; hotline systems on Windows often write GB18030 (GBK). */
export function decodeCsvBody(context: Context<AppEnv>, bytes: ArrayBuffer): string {
  const contentType = context.req.header('Content-Type') ?? '';
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'text/csv') throw new ApiError(415, 'unsupported_media_type', 'send the file as text/csv (charset=utf-8 or gb18030)');
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice(8).replace(/"/g, '') ?? 'utf-8';
  const encoding = ['utf-8', 'utf8'].includes(charset) ? 'utf-8' : ['gbk', 'gb2312', 'gb18030'].includes(charset) ? 'gb18030' : undefined;
  if (!encoding) throw new ApiError(415, 'unsupported_charset', `the charset ${JSON.stringify(charset.slice(0, 20))} is not read: utf-8 or gb18030 (gbk)`);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('invalid_encoding', `the file is not valid ${encoding}${encoding === 'utf-8' ? ': a file saved as GBK is sent with charset=gb18030' : ''}`);
  }
}

/** Every problem found, the first IMPORT_LIMITS.maxErrors listed: nothing has been written. */
function importRefused(errors: DemandCsvError[]): ApiError {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  return badRequest('import_refused', `${errors.length} problem(s) in the file; nothing was imported`, {
    errorCount: errors.length,
    errors: sorted.slice(0, IMPORT_LIMITS.maxErrors),
  });
}

/** Imports take turns, so a ticket checked as new is still new when it is written. */
const IMPORT_LOCK = 'demand-import';

demandCsvRoutes.post(
  '/demands/import',
  limitBodyBytes(IMPORT_LIMITS.maxBytes, () => badRequest('body_too_large', `an import is at most ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB: split the file`)),
  async (context) => {
    const text = decodeCsvBody(context, await context.req.arrayBuffer());
    const user = context.get('user')!;
    const { sql } = context.get('deps');
    const types = (await listDemandTypes(sql)).map((type) => ({ id: type.id, optimization: type.optimization, titleZh: type.title.zh, active: type.active }));
    const { demands, errors } = readDemandCsv(text, types, new Date());
    if (errors.length) throw importRefused(errors);
    const actor = await readActor(context);
    const created = await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK}))`;
      const places = await placeImportedDemands(tx, demands, user, errors);
      await findImportedTickets(tx, demands, errors);
      if (errors.length) throw importRefused(errors);
      const rows = await insertImportedDemands(tx, demands, places);
      // One row per demand, so each demand's own history says where it came from; the request
      // id ties the batch together (GET /api/audit shows it as one import).
      await writeAuditRows(tx, actor, rows.map((row) => ({
        action: 'import', entity: 'demand', entityId: row.id, after: { ...toStaffDemand(row), externalRef: row.external_ref, csvRow: row.row },
      })));
      return rows;
    });
    return context.json({
      created: created.length,
      demands: created.map((row) => ({ row: row.row, id: row.id, receipt: row.receipt, externalRef: row.external_ref, community: row.community_code, town: row.town_code })),
    }, 201);
  },
);
