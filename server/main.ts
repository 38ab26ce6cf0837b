/** `npm start`: the product on one port, on the embedded database unless DATABASE_URL is set. */
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startServer } from './start-server.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Renewal Atlas cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  log.info('Renewal Atlas (城市更新一张图) starting');
  const server = await startServer(config, log);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping (closing connections, then the database)…`);
    await server.stop();
    log.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await server.ready;
    log.info(`open ${server.url} in a browser`);
  } catch {
    await server.stop();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(`Renewal Atlas cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
