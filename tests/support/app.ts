import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Sql } from '../../server/db/client.ts';
import { createLogger } from '../../server/log.ts';

/** The real app on the test database, ready, as `npm start` would run it (minus the static client). */
export function createTestApp(sql: Sql, kind: 'embedded' | 'postgres') {
  return createApp({ config: loadConfig({}), sql, state: { phase: 'ready', database: kind }, log: createLogger('silent') });
}
