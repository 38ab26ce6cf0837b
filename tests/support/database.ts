import { afterAll, inject } from 'vitest';
import { createDatabase, type Sql } from '../../server/db/client.ts';

/** The database this project's global setup prepared, closed after the file's tests. */
export function useTestDatabase(): { sql: Sql; kind: 'embedded' | 'postgres'; url: string } {
  const url = inject('databaseUrl');
  const kind = inject('databaseKind');
  const sql = createDatabase({ url, embedded: kind === 'embedded' });
  afterAll(() => sql.end());
  return { sql, kind, url };
}
