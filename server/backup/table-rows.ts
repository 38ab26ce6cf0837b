import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client.ts';
import type { TableShape } from './backup-catalog.ts';

/**
 * A table's rows as backup lines: each row a JSON array of its columns in their PostgreSQL text
 * form (what COPY writes; null stays null). The text form reads back into the same value on any
 * PostgreSQL and PostGIS version (geometry as hex EWKB, floats in their shortest exact form,
 * instants in UTC), so a backup made on the embedded database restores on a real server.
 */
export async function* readTableLines(sql: Queryable, table: TableShape, batchSize = 2000): AsyncGenerator<string[]> {
  const values = table.columns.map((column) => `${quoteIdentifier(column.name)}::text`);
  const orderBy = table.orderBy.map((name) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    // Byte order, not the server's collation: the same rows give the same file and checksum everywhere.
    return column?.collatable ? `${quoteIdentifier(name)} COLLATE "C"` : quoteIdentifier(name);
  });
  // Names from the catalog, quoted; no values in this statement.
  // As JSON from the server (postgres.js reads a NULL element of a text[] as the word "NULL"),
  // written again by JSON.stringify so that both servers' rows give the same bytes.
  const query = sql.unsafe<{ r: string }[]>(
    `SELECT to_json(ARRAY[${values.join(', ')}]::text[])::text AS r FROM ${quoteIdentifier(table.name)} ORDER BY ${orderBy.join(', ')}`,
  );
  for await (const rows of query.cursor(batchSize)) yield rows.map((row) => JSON.stringify(JSON.parse(row.r)));
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A table's checksum: SHA-256 over its lines in order, each ended by a newline. */
export class TableDigest {
  private readonly hash = createHash('sha256');
  rows = 0;
  add(line: string) {
    this.hash.update(line).update('\n');
    this.rows += 1;
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

export async function checksumTable(sql: Queryable, table: TableShape): Promise<{ rows: number; sha256: string }> {
  const digest = new TableDigest();
  for await (const lines of readTableLines(sql, table)) for (const line of lines) digest.add(line);
  return { rows: digest.rows, sha256: digest.hex() };
}
