import type { ImportPreview } from '../../core/exchange/import-contract.ts';
import type { ImportRow } from '../../core/exchange/import-features.ts';
import { problem, type ImportProblem } from '../../core/exchange/import-problems.ts';
import type { Queryable } from '../db/client.ts';

/**
 * Previews kept between upload and commit (migration 0012 says why in the database). Each is
 * seen only by who made it; an expired one is gone, and expired ones are swept on every upload.
 */

export interface StoredPreview {
  preview: ImportPreview;
  rows: ImportRow[];
}

export async function sweepExpiredPreviews(sql: Queryable): Promise<void> {
  await sql`DELETE FROM import_previews WHERE expires_at < now()`;
}

export async function insertPreview(sql: Queryable, preview: ImportPreview, rows: readonly ImportRow[], createdBy: string): Promise<void> {
  await sql`
    INSERT INTO import_previews (id, target, created_by, created_at, expires_at, preview, features)
    VALUES (${preview.id}, ${preview.target}, ${createdBy}, ${preview.createdAt}, ${preview.expiresAt}, ${JSON.stringify(preview)}::text::jsonb, ${JSON.stringify(rows)})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The preview (with its rows when asked); `lock` holds it until the transaction ends, so it commits once. */
export async function readPreview(sql: Queryable, id: string, createdBy: string, options: { rows?: boolean; lock?: boolean } = {}): Promise<StoredPreview | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await sql<{ preview: ImportPreview; features: string | null }[]>`
    SELECT preview, ${options.rows ? sql`features` : sql`NULL::text`} AS features FROM import_previews
    WHERE id = ${id} AND created_by = ${createdBy} AND expires_at >= now()
    ${options.lock ? sql`FOR UPDATE` : sql``}`;
  if (!row) return undefined;
  const rows = row.features ? (JSON.parse(row.features) as ImportRow[]) : [];
  return { preview: row.preview, rows: rows.map(codedProblems) };
}

/** A preview stored before problems had codes (they are kept a day) has its words as a rule broken. */
function codedProblems(row: ImportRow): ImportRow {
  const problems = row.problems as Array<ImportProblem | string>;
  if (!problems.some((item) => typeof item === 'string')) return row;
  return { ...row, problems: problems.map((item) => (typeof item === 'string' ? problem('rule_broken', { rule: item }, item) : item)) };
}

export async function deletePreview(sql: Queryable, id: string, createdBy: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const rows = await sql`DELETE FROM import_previews WHERE id = ${id} AND created_by = ${createdBy} RETURNING id`;
  return rows.length === 1;
}

/** The preview as changed (its mapping and what the mapping makes of the rows); the rows stay as read. */
export async function updatePreview(sql: Queryable, preview: ImportPreview, createdBy: string): Promise<void> {
  await sql`UPDATE import_previews SET preview = ${JSON.stringify(preview)}::text::jsonb WHERE id = ${preview.id} AND created_by = ${createdBy}`;
}
