/**
 * The embedded database process: PGlite + PostGIS (WASM) served on a loopback port by
 * pglite-socket, so the API talks to it with postgres.js exactly as to a real server.
 * It runs in its own process because PGlite executes on the thread that owns it.
 *
 * Protocol with the parent (IPC): we send { type: 'ready', port } or { type: 'failed', message };
 * the parent sends { type: 'shutdown' }. Ctrl-C reaches the whole process group, so SIGINT and
 * SIGTERM are ignored here: the parent decides when to stop, after its own connections closed,
 * and a lost parent (IPC disconnect) also closes the database cleanly.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from './data-dir-lock.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: embedded-process <data-dir>');

let closing: Promise<void> | undefined;
/** Set once the database is open; until then a lost parent is only noted. */
let closeDatabase: (() => Promise<void>) | undefined;
let parentGone = false;
// Listened for from the first moment: a parent stopped while PGlite was still opening (a restart
// under `npm run dev`, Ctrl-C during a cold start) disconnects before the database is open, and a
// handler added after that would never hear of it, leaving this process holding the data directory.
process.on('disconnect', () => {
  parentGone = true;
  void closeDatabase?.();
});

async function start() {
  // Memory-only when asked (tests that need a throw-away database); on disk otherwise.
  const inMemory = dataDir === ':memory:';
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const unlock = inMemory ? () => {} : await lockDataDir(dataDir);
  process.on('exit', unlock);
  const db = await PGlite.create({ dataDir: inMemory ? undefined : dataDir, extensions: { postgis } });
  // The app holds one connection; a second lets an operator's tool or a benchmark look in.
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 2 });
  await server.start();
  const address = server.getServerConn();
  const port = Number(address.slice(address.lastIndexOf(':') + 1));

  const close = () =>
    (closing ??= (async () => {
      await server.stop();
      await db.close();
    })().finally(() => process.exit(0)));
  closeDatabase = close;
  process.on('message', (message: { type?: string }) => message?.type === 'shutdown' && void close());
  // Closed only once open, so an interrupted first start never leaves a half-made data directory.
  if (parentGone || !process.connected) return void close();
  process.send?.({ type: 'ready', port });
}

process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
start().catch((error: unknown) => {
  process.send?.({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
