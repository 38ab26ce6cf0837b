import type { Queryable } from '../db/client.ts';

/**
 * What a backup holds, read from the database's own catalog rather than the layer registry: a
 * backup must take every table the migrations made (accounts, sessions, the audit trail, jobs…),
 * including ones the registry never names. Tables that belong to an extension (PostGIS's
 * spatial_ref_sys) are the extension's, made again by CREATE EXTENSION.
 */
export interface TableShape {
  name: string;
  /** Stored columns in table order; generated columns are left out (the database computes them). */
  columns: ColumnShape[];
  /** The primary key's columns, or every column when there is none: the order rows are written in. */
  orderBy: string[];
}

export interface ColumnShape {
  name: string;
  /** As `format_type` spells it (`geometry(Point,4326)`, `text[]`): the cast a restored value takes. */
  type: string;
  /** Sorted byte-wise so two servers with different collations write the same order. */
  collatable: boolean;
}

export interface SequenceState {
  name: string;
  /** null when the sequence was never used: the restore resets it to its start. */
  lastValue: number | null;
}

/** Tables, views and functions in `public` that no extension owns: what the migrations made. */
const applicationObject = (sql: Queryable) =>
  sql`n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`;

export async function readTableShapes(sql: Queryable): Promise<TableShape[]> {
  const rows = await sql<{ table: string; column: string; type: string; collatable: boolean; key_position: number | null }[]>`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attcollation <> 0 AS collatable, array_position(k.conkey, a.attnum) AS key_position
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'p'
    WHERE c.relkind IN ('r', 'p') AND ${applicationObject(sql)}
    ORDER BY c.relname COLLATE "C", a.attnum`;
  const tables = new Map<string, { columns: ColumnShape[]; keys: { name: string; position: number }[] }>();
  for (const row of rows) {
    const table = tables.get(row.table) ?? { columns: [], keys: [] };
    tables.set(row.table, table);
    table.columns.push({ name: row.column, type: row.type, collatable: row.collatable });
    if (row.key_position !== null) table.keys.push({ name: row.column, position: row.key_position });
  }
  return [...tables].map(([name, { columns, keys }]) => ({
    name,
    columns,
    orderBy: keys.length ? keys.sort((a, b) => a.position - b.position).map((key) => key.name) : columns.map((column) => column.name),
  }));
}

/** The sequences behind identity columns (and any other the migrations made), with where they stand. */
export async function readSequenceStates(sql: Queryable): Promise<SequenceState[]> {
  const rows = await sql<{ name: string; last_value: string | null }[]>`
    SELECT sequencename AS name, last_value::text AS last_value FROM pg_sequences
    WHERE schemaname = 'public' ORDER BY sequencename COLLATE "C"`;
  return rows.map((row) => ({ name: row.name, lastValue: row.last_value === null ? null : Number(row.last_value) }));
}

/** The application's tables: a database holding any of them is not empty. */
export async function readApplicationTables(sql: Queryable): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND ${applicationObject(sql)} ORDER BY 1`;
  return rows.map((row) => row.name);
}

/**
 * Everything the migrations made, dropped so that they can run again (a restore with --replace):
 * views, then tables (their sequences, indexes and triggers go with them), then functions and types.
 * Extensions stay: PostGIS is slow to create again on the embedded database.
 */
export async function dropApplicationObjects(sql: Queryable): Promise<void> {
  const views = await sql<{ name: string; materialized: boolean }[]>`
    SELECT c.relname AS name, c.relkind = 'm' AS materialized FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND ${applicationObject(sql)}`;
  for (const view of views) {
    await (view.materialized ? sql`DROP MATERIALIZED VIEW IF EXISTS ${sql(view.name)} CASCADE` : sql`DROP VIEW IF EXISTS ${sql(view.name)} CASCADE`);
  }
  for (const table of await readApplicationTables(sql)) await sql`DROP TABLE IF EXISTS ${sql(table)} CASCADE`;
  const functions = await sql<{ signature: string }[]>`
    SELECT c.oid::regprocedure::text AS signature FROM pg_proc c JOIN pg_namespace n ON n.oid = c.pronamespace
    WHERE ${applicationObject(sql)}`;
  // A signature from the catalog, already quoted by regprocedure's output.
  for (const fn of functions) await sql.unsafe(`DROP FUNCTION IF EXISTS ${fn.signature} CASCADE`);
  const types = await sql<{ name: string }[]>`
    SELECT c.typname AS name FROM pg_type c JOIN pg_namespace n ON n.oid = c.typnamespace
    WHERE c.typtype IN ('e', 'd', 'c') AND c.typrelid = 0 AND ${applicationObject(sql)}`;
  for (const type of types) await sql`DROP TYPE IF EXISTS ${sql(type.name)} CASCADE`;
}
