import { describe, expect, inject, it } from 'vitest';
import { migrate, readMigrations } from '../../server/db/migrate.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql } = useTestDatabase();

describe('migrations', () => {
  it('applied every migration file, in order, to an empty database', () => {
    expect(inject('migrationsAppliedFromEmpty')).toEqual(readMigrations().map((migration) => migration.name));
  });

  it('are idempotent: a second run applies nothing and changes no data', async () => {
    const [before] = await sql<{ cells: number }[]>`SELECT count(*)::int AS cells FROM population`;
    expect(await migrate(sql)).toEqual([]);
    const [after] = await sql<{ cells: number }[]>`SELECT count(*)::int AS cells FROM population`;
    expect(after.cells).toBe(before.cells);
    const recorded = await sql<{ name: string }[]>`SELECT name FROM schema_migrations ORDER BY name`;
    expect(recorded.map((row) => row.name)).toEqual(readMigrations().map((migration) => migration.name));
  });

  it('installs PostGIS 3.3 or newer', async () => {
    const [row] = await sql<{ version: string }[]>`SELECT postgis_lib_version() AS version`;
    const [major, minor] = row.version.split('.').map(Number);
    expect(major * 100 + minor).toBeGreaterThanOrEqual(303);
  });
});
