import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findDataDirOwner } from '../../server/db/data-dir-lock.ts';

const PROCESS_SCRIPT = fileURLToPath(new URL('../../server/db/embedded-process.ts', import.meta.url));
const parent = mkdtempSync(join(tmpdir(), 'atlas-embedded-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('the embedded database process', () => {
  // What `npm run dev` does when a server file changes during a cold start: the server is
  // stopped while PGlite is still opening. The database process must not outlive it.
  it('closes and frees its data directory when its parent goes away before the database is open', async () => {
    const dataDir = join(parent, 'pglite');
    const child = fork(PROCESS_SCRIPT, [dataDir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let ready = false;
    child.on('message', (message: { type?: string }) => (ready ||= message?.type === 'ready'));
    // Wait until it holds the directory (it locks before opening PGlite), then let it go.
    await expect.poll(() => findDataDirOwner(dataDir), { timeout: 60_000, interval: 50 }).toBe(child.pid);
    child.disconnect();

    expect(await exited).toBe(0);
    expect(ready).toBe(false);
    expect(findDataDirOwner(dataDir)).toBeUndefined();
    // The directory it made is whole: opened again, it starts and answers ready.
    const again = fork(PROCESS_SCRIPT, [dataDir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const message = await new Promise<{ type?: string }>((resolve) => again.once('message', resolve));
    expect(message.type).toBe('ready');
    const stopped = new Promise<number | null>((resolve) => again.once('exit', resolve));
    again.send({ type: 'shutdown' });
    expect(await stopped).toBe(0);
    expect(existsSync(dataDir)).toBe(true);
  }, 180_000);
});
