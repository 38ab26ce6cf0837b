import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../server/db/embedded.ts';
import { prepareDatabase } from './prepare-database.ts';

/** A throw-away in-memory PGlite + PostGIS for the whole embedded test project. */
export default async function setup(project: TestProject) {
  const database = await startEmbeddedDatabase(':memory:');
  await prepareDatabase(project, database.url, 'embedded');
  return () => database.stop();
}
