/**
 * The embedded database's own floor, run as a separate process by the start-up benchmark:
 * PGlite + PostGIS created in a fresh directory and CREATE EXTENSION postgis, with nothing of ours.
 * Prints {"ms", "peakMb"} on stdout.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-pglite-'));
const started = performance.now();
const db = await PGlite.create({ dataDir, extensions: { postgis } });
await db.exec('CREATE EXTENSION postgis');
const ms = performance.now() - started;
const peakMb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
await db.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify({ ms, peakMb }));
