import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Queryable, Sql } from './client.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any constant will do: it only has to be the same for every process that migrates. */
const MIGRATION_LOCK = 7_300_108;

export interface Migration {
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ name: file, sql: readFileSync(`${dir}/${file}`, 'utf8') }));
}

/**
 * Apply the migrations not yet recorded, each in its own transaction, in file order.
 * An advisory lock keeps two processes (two API instances on one real server) from racing.
 * Returns the names applied now; an up-to-date database gives [].
 */
export async function migrate(sql: Sql, migrations = readMigrations()): Promise<string[]> {
  await createMigrationsTable(sql);
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      const [existing] = await tx`SELECT 1 FROM schema_migrations WHERE name = ${migration.name}`;
      if (existing) return false;
      await applyMigration(tx, migration);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

export async function createMigrationsTable(sql: Queryable): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
}

/** One migration and its record, in the caller's transaction (a restore runs them inside its own). */
export async function applyMigration(tx: Queryable, migration: Migration): Promise<void> {
  await tx.unsafe(migration.sql);
  await tx`INSERT INTO schema_migrations (name) VALUES (${migration.name})`;
}
