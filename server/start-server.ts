import { serve, type ServerType } from '@hono/node-server';
import type { Server as HttpServer } from 'node:http';
import { resolve } from 'node:path';
import type { Config } from './config.ts';
import { createApp } from './app.ts';
import type { ServerState } from './app-env.ts';
import { createAppServices } from './app-services.ts';
import { createDatabase, type Sql } from './db/client.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import type { Logger } from './log.ts';
import { ensureDemoDataset } from './seed/ensure-dataset.ts';
import { ensureDemoAccounts } from './accounts/demo-accounts.ts';
import { ensureClientBuilt } from './static/client-build.ts';
import { serveClient } from './static/serve-client.ts';

export interface RunningServer {
  url: string;
  state: ServerState;
  /** Resolves when the data is loaded and the API answers; rejects if start-up failed. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Build the client if it is missing or stale (off in API tests, which need no pages). */
  buildClient?: boolean;
}

/**
 * Start the database (embedded unless DATABASE_URL is set), listen at once so health can say
 * what is going on, then migrate, load the demo data on first start and build the client.
 */
export async function startServer(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningServer> {
  const state: ServerState = { phase: 'starting', database: config.databaseUrl ? 'postgres' : 'embedded' };
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    const dataDir = resolve(config.dataDir, 'pglite');
    log.info(`starting the embedded PostGIS database (data in ${dataDir})…`);
    embedded = await startEmbeddedDatabase(dataDir);
  }
  const sql = createDatabase({ url: config.databaseUrl ?? embedded!.url, embedded: Boolean(embedded) });
  try {
    await checkReachable(sql, config.databaseUrl ?? embedded!.url);
  } catch (error) {
    await closeDatabase(sql, embedded);
    throw error;
  }
  const services = createAppServices(sql, log);
  const app = createApp({ config, sql, state, log, services });
  const withClient = config.serveClient && options.buildClient !== false;
  if (withClient) serveClient(app);

  let httpServer: ServerType;
  try {
    httpServer = await listen(app.fetch, config);
  } catch (error) {
    await closeDatabase(sql, embedded);
    throw error;
  }
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  log.info(`listening on ${url} (the API answers 503 until the data is loaded)`);

  const ready = prepare(sql, config, state, log, withClient).catch((error: unknown) => {
    state.phase = 'failed';
    state.reason = `start-up failed: ${error instanceof Error ? error.message : String(error)}`;
    log.error(state.reason);
    throw error;
  });
  ready.catch(() => {}); // the caller decides what a failed start means; never an unhandled rejection

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((done) => {
        httpServer.close(() => done());
        // Idle keep-alive sockets would hold close() open for seconds.
        (httpServer as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await services.close();
      await closeDatabase(sql, embedded);
    })());
  return { url, state, ready, stop };
}

async function prepare(sql: Sql, config: Config, state: ServerState, log: Logger, withClient: boolean) {
  const clientBuild = withClient ? ensureClientBuilt(log) : Promise.resolve();
  state.phase = 'migrating';
  state.reason = 'applying database migrations';
  const applied = await migrate(sql);
  log.info(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
  state.phase = 'loading';
  state.reason = 'loading the demo dataset';
  await ensureDemoDataset(sql, config.demoSeed, log);
  if (config.demoAccounts) await ensureDemoAccounts(sql, config.demoPassword, log);
  const [row] = await sql<{ version: string }[]>`SELECT postgis_lib_version() AS version`;
  state.postgis = row.version;
  await clientBuild;
  state.phase = 'ready';
  state.reason = undefined;
  log.info(`ready: PostGIS ${row.version} on the ${state.database} database`);
}

const KEEP_ALIVE_MS = 65_000;

function listen(fetch: (request: Request) => Response | Promise<Response>, config: Config): Promise<ServerType> {
  return new Promise((resolveListen, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host });
    // Node closes an idle keep-alive connection after 5 s; a client sending on it at that moment
    // gets ECONNRESET on a request that never arrived (a POST is not retried). Keeping idle
    // connections longer than clients and proxies usually do (60 s) moves the close to their side.
    // serve() makes an HTTP/1 server unless given createServer.
    const http1 = server as HttpServer;
    http1.keepAliveTimeout = KEEP_ALIVE_MS;
    http1.headersTimeout = KEEP_ALIVE_MS + 1_000;
    server.once('listening', () => resolveListen(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT to another port)`
        : error.code === 'EACCES' ? `no permission to listen on port ${config.port} (set PORT to a port above 1023)`
        : error.message;
      reject(new Error(reason));
    });
  });
}

/** Fail fast, naming host and port but never the credentials in the URL. */
async function checkReachable(sql: Sql, url: string) {
  try {
    await sql`SELECT 1`;
  } catch (error) {
    const { hostname, port, pathname } = new URL(url);
    const code = (error as { code?: string }).code;
    const reason = code && !/^\d/.test(code) ? code : error instanceof Error ? error.message : String(error);
    throw new Error(`cannot reach the database at ${hostname}:${port || 5432}${pathname} (${reason})`);
  }
}

async function closeDatabase(sql: Sql, embedded: EmbeddedDatabase | undefined) {
  await sql.end({ timeout: 5 });
  await embedded?.stop();
}
