import { execFile, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findDataDirOwner } from '../../server/db/data-dir-lock.ts';

const PROCESS_SCRIPT = fileURLToPath(new URL('../../server/db/embedded-process.ts', import.meta.url));
const parent = mkdtempSync(join(tmpdir(), 'atlas-embedded-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/**
 * A server that starts the embedded database and is stopped while PGlite is still opening, as
 * `npm run dev` does when a server file changes during a cold start: it prints its database
 * process's PID once that holds the data directory, and exits.
 */
const SERVER_STOPPED_EARLY = `
  const { fork } = require('node:child_process');
  const { existsSync } = require('node:fs');
  const [script, dataDir] = process.argv.slice(1);
  const child = fork(script, [dataDir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  setInterval(() => { if (existsSync(dataDir + '.lock')) { console.log(child.pid); process.exit(0); } }, 20);
`;

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the embedded database process', () => {
  it('outlives a server stopped during its start only until it is open, and the next server waits for it instead of being refused', async () => {
    const dataDir = join(parent, 'pglite');
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', SERVER_STOPPED_EARLY, PROCESS_SCRIPT, dataDir]);
    const orphan = Number(stdout.trim());
    expect(findDataDirOwner(dataDir)).toBe(orphan);

    // The next server's database: it waits for the orphan to close, then opens the same directory.
    const next = fork(PROCESS_SCRIPT, [dataDir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const message = await new Promise<{ type?: string; message?: string }>((resolve) => next.once('message', resolve));
    expect(message).toMatchObject({ type: 'ready' });
    expect(isRunning(orphan)).toBe(false);
    expect(findDataDirOwner(dataDir)).toBe(next.pid);

    const stopped = new Promise<number | null>((resolve) => next.once('exit', resolve));
    next.send({ type: 'shutdown' });
    expect(await stopped).toBe(0);
    expect(findDataDirOwner(dataDir)).toBeUndefined();
  }, 180_000);
});
