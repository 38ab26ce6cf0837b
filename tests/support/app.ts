import { createApp, type ServerState } from '../../server/app.ts';
import { createAppServices } from '../../server/app-services.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Sql } from '../../server/db/client.ts';
import { createLogger } from '../../server/log.ts';

export interface TestAppOptions {
  config?: Config;
  /** The start-up phase the app believes it is in (ready unless a test says otherwise). */
  state?: Partial<ServerState>;
}

/** The real app on the test database, ready, as `npm start` would run it (minus the static client). */
export function createTestApp(sql: Sql, kind: 'embedded' | 'postgres', options: TestAppOptions = {}) {
  const log = createLogger('silent');
  return createApp({
    config: options.config ?? loadConfig({}),
    sql,
    state: { phase: 'ready', database: kind, ...options.state },
    log,
    services: createAppServices(sql, log),
  });
}
