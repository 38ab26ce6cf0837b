import { resolve } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { createDatabase, type Sql } from '../server/db/client.ts';
import { startEmbeddedDatabase } from '../server/db/embedded.ts';
import { createLogger, type Logger } from '../server/log.ts';

/**
 * Run a maintenance task against the configured database: DATABASE_URL, or the embedded one in
 * DATA_DIR (which must not be open in a running server at the same time).
 */
export async function withDatabase(task: (context: { sql: Sql; log: Logger; config: Config }) => Promise<void>) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase(resolve(config.dataDir, 'pglite'));
  const sql = createDatabase({ url: config.databaseUrl ?? embedded!.url, embedded: Boolean(embedded) });
  try {
    await task({ sql, log, config });
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await sql.end();
    await embedded?.stop();
  }
}
