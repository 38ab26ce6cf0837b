import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { startServer } from '../../server/start-server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * A cold start builds the demo dataset into a new embedded database: ~17 s on a quiet 2-core
 * machine, and 149 s measured while the other two test lanes kept both cores busy. The limit is a
 * safety net for a hung start, not a speed check (that is `npm run bench -- startup`).
 */
const COLD_START_MS = 300_000;
/** A warm start opens the data directory and prints its URL: 55 s for two of them under that load. */
const WARM_START_MS = 120_000;

/** Run `npm start`'s entry point with an environment and collect what it prints and how it ends. */

function runMain(env: Record<string, string>, timeoutMs = COLD_START_MS - 15_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', DATA_DIR: dataDir, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the embedded server', { timeout: COLD_START_MS }, () => {
  it('starts cold on an empty data directory, answers, and stops cleanly; a warm start keeps the data', async () => {
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir });
    const log = createLogger('silent');
    const cold = await startServer(config, log, { buildClient: false });
    await cold.ready;
    const health = await fetch(`${cold.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'embedded' });
    await cold.stop();
    await expect(fetch(`${cold.url}/api/health`)).rejects.toThrow();

    const messages: string[] = [];
    const warm = await startServer(config, { ...log, info: (message) => messages.push(message) }, { buildClient: false });
    await warm.ready;
    expect(messages.some((message) => message.startsWith('dataset present: demo'))).toBe(true);
    expect(messages.some((message) => message.startsWith('generating'))).toBe(false);
    const communities = await fetch(`${warm.url}/api/health`);
    expect(communities.status).toBe(200);
    await warm.stop();
  });
});

describe('npm start', { timeout: COLD_START_MS }, () => {
  it('prints its URL, serves, and stops cleanly on Ctrl-C, leaving a data directory that opens again', async () => {
    for (const attempt of [1, 2]) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', DATA_DIR: dataDir, PORT: '0', SERVE_CLIENT: 'false' },
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), WARM_START_MS);
        child.stdout.on('data', () => {
          const found = /open (http:\/\/127\.0\.0\.1:\d+) in a browser/.exec(output);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        });
      });
      expect((await fetch(`${url}/api/health`)).status, `attempt ${attempt}`).toBe(200);
      const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGINT');
      expect(await exit).toBe(0);
      expect(output).toContain('stopped cleanly');
    }
  });
});

describe('a second server on the same data directory', { timeout: COLD_START_MS }, () => {
  it('is refused with a clear message while the first runs, and starts once it has stopped', async () => {
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir });
    const first = await startServer(config, createLogger('silent'), { buildClient: false });
    await first.ready;
    try {
      const { code, output } = await runMain({ PORT: '0', SERVE_CLIENT: 'false' });
      expect(code).toBe(1);
      expect(output).toMatch(/data directory .* is in use by another Renewal Atlas process/);
    } finally {
      await first.stop();
    }
    const again = await startServer(config, createLogger('silent'), { buildClient: false });
    await again.ready;
    await again.stop();
  });
});

describe('npm start with bad configuration', { timeout: COLD_START_MS }, () => {
  it('stops at once on a bad PORT, naming it', async () => {
    const { code, output } = await runMain({ PORT: 'eighty' });
    expect(code).toBe(2);
    expect(output).toContain('PORT');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('says the database cannot be reached, without the password', async () => {
    const { code, output } = await runMain({ DATABASE_URL: 'postgres://atlas:s3cret@127.0.0.1:1/atlas', PORT: '0' });
    expect(code).toBe(1);
    expect(output).toMatch(/cannot reach the database/i);
    expect(output).not.toContain('s3cret');
  });

  it('says the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, output } = await runMain({ PORT: String(port) });
      expect(code).toBe(1);
      expect(output).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});
