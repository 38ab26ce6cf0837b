import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createLogger } from '../../server/log.ts';
import { reloadDemoDataset } from '../../server/seed/ensure-dataset.ts';
import { ensureDemoAccounts } from '../../server/accounts/demo-accounts.ts';

export const TEST_SEED = 20211223;
/** The demo accounts' password in tests (one per role: demo-admin, demo-commission…). */
export const TEST_PASSWORD = 'atlas-test-password';

/** Migrate an empty database, load the demo dataset, and tell the test files where it is. */
export async function prepareDatabase(project: TestProject, url: string, kind: 'embedded' | 'postgres') {
  const sql = createDatabase({ url, embedded: kind === 'embedded' });
  try {
    const applied = await migrate(sql);
    await reloadDemoDataset(sql, TEST_SEED, createLogger('silent'));
    await ensureDemoAccounts(sql, TEST_PASSWORD, createLogger('silent'));
    project.provide('databaseUrl', url);
    project.provide('databaseKind', kind);
    project.provide('migrationsAppliedFromEmpty', applied);
  } finally {
    await sql.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: 'embedded' | 'postgres';
    migrationsAppliedFromEmpty: string[];
  }
}
