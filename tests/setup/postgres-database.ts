import type { TestProject } from 'vitest/node';
import { readTestDatabaseUrl } from '../../server/config.ts';
import { createDatabase } from '../../server/db/client.ts';
import { prepareDatabase } from './prepare-database.ts';

/**
 * The real PostGIS named by TEST_DATABASE_URL. Its public schema is emptied first, so the
 * migrations really run from empty: point it only at a database kept for tests.
 */
export default async function setup(project: TestProject) {
  const url = readTestDatabaseUrl()!;
  const sql = createDatabase({ url, embedded: false, max: 1 });
  try {
    await sql.unsafe('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  } finally {
    await sql.end();
  }
  await prepareDatabase(project, url, 'postgres');
}
