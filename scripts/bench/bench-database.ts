import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app.ts';
import { createAppServices } from '../../server/app-services.ts';
import { loadConfig } from '../../server/config.ts';
import { createDatabase, type Sql } from '../../server/db/client.ts';
import { startEmbeddedDatabase } from '../../server/db/embedded.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createLogger } from '../../server/log.ts';
import { ensureDemoDataset } from '../../server/seed/ensure-dataset.ts';

export interface BenchDatabase {
  kind: 'embedded' | 'postgres';
  sql: Sql;
  /** A fresh app (empty tile cache) served on a loopback port. */
  serveApp(): Promise<{ origin: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

const DEMO_SEED = 20211223;

/** The databases a benchmark runs on: always the embedded one, and BENCH_DATABASE_URL if set. */
export function benchDatabaseKinds(): Array<'embedded' | 'postgres'> {
  return process.env.BENCH_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
}

/** `postgresUrl`: a real database other than BENCH_DATABASE_URL (a benchmark's own). */
export async function openBenchDatabase(kind: 'embedded' | 'postgres', postgresUrl?: string): Promise<BenchDatabase> {
  const dataDir = kind === 'embedded' ? mkdtempSync(join(tmpdir(), 'atlas-bench-db-')) : undefined;
  const embedded = dataDir ? await startEmbeddedDatabase(join(dataDir, 'pglite')) : undefined;
  const url = embedded?.url ?? postgresUrl ?? process.env.BENCH_DATABASE_URL!;
  const sql = createDatabase({ url, embedded: kind === 'embedded' });
  const log = createLogger('silent');
  await migrate(sql);
  await ensureDemoDataset(sql, DEMO_SEED, log);
  return {
    kind,
    sql,
    async serveApp() {
      const app = createApp({ config: loadConfig({}), sql, state: { phase: 'ready', database: kind }, log, services: createAppServices(sql, log) });
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as { port: number };
      return {
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
      };
    },
    async close() {
      await sql.end();
      await embedded?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
