import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword } from '../../server/accounts/password.ts';
import { THROTTLE } from '../../server/accounts/sign-in-throttle.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES } from '../support/session.ts';
import { TEST_PASSWORD } from '../setup/prepare-database.ts';

/**
 * Real server processes (`npm start`'s entry point) on one real PostGIS, as behind a load
 * balancer. Runs only in the postgres project (vitest.config.ts): the embedded database belongs
 * to one process. CI always has that project — a CI run without a real PostGIS stops in
 * vitest.config.ts instead of leaving this file out.
 */
const { sql, url } = useTestDatabase();

interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

/** Start `server/main.ts` on the test database and wait until it says it is ready (its URL has the port PORT=0 picked). */
function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, PORT: '0', SERVE_CLIENT: 'false', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not get ready within 90 s:\n${output}`));
    }, 90_000);
    const onOutput = (chunk: Buffer) => {
      output += chunk;
      const ready = /open (http:\/\/127\.0\.0\.1:\d+) in a browser/.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      child.stdout!.off('data', onOutput);
      resolve({
        url: ready[1],
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGINT');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${output}`));
    });
  });
}

async function signInAt(server: ServerProcess, username: string, password = TEST_PASSWORD) {
  return fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

async function sessionCookieAt(server: ServerProcess, username: string): Promise<string> {
  const response = await signInAt(server, username);
  expect(response.status).toBe(200);
  return /atlas_session=[^;]+/.exec(response.headers.get('Set-Cookie') ?? '')![0];
}

const whoAt = async (server: ServerProcess, cookie: string) => fetch(`${server.url}/api/session`, { headers: { Cookie: cookie } });

describe('two server processes on one database', () => {
  let first: ServerProcess;
  let second: ServerProcess;

  beforeAll(async () => {
    [first, second] = await Promise.all([
      startServerProcess({ DEMO_ACCOUNTS: 'true', DEMO_PASSWORD: TEST_PASSWORD }),
      startServerProcess({ DEMO_ACCOUNTS: 'true', DEMO_PASSWORD: TEST_PASSWORD }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('are two processes on two ports', () => {
    expect(first.url).not.toBe(second.url);
  });

  it('accept each other’s sessions', async () => {
    const cookie = await sessionCookieAt(first, DEMO_USERNAMES.planner);
    const response = await whoAt(second, cookie);
    expect(response.status).toBe(200);
    expect((await response.json()).user).toMatchObject({ username: DEMO_USERNAMES.planner, role: 'planner' });
  });

  it('end a session on both when it is signed out on one', async () => {
    const cookie = await sessionCookieAt(first, DEMO_USERNAMES.town);
    expect((await whoAt(second, cookie)).status).toBe(200);
    expect((await fetch(`${second.url}/api/session`, { method: 'DELETE', headers: { Cookie: cookie } })).status).toBe(204);
    expect((await whoAt(first, cookie)).status).toBe(401);
    expect((await whoAt(second, cookie)).status).toBe(401);
  });

  it('count failed sign-ins together: failures spread over both refuse the username on either', async () => {
    const username = 'two-processes-guess';
    try {
      for (let attempt = 0; attempt < THROTTLE.refuseUsernameAt; attempt += 1) {
        const response = await signInAt(attempt % 2 ? first : second, username, `wrong-password-${attempt}`);
        expect(response.status).toBe(401);
      }
      expect((await signInAt(first, username)).status).toBe(429);
      expect((await signInAt(second, username)).status).toBe(429);
    } finally {
      await sql`DELETE FROM sign_in_failures WHERE username = ${username}`;
    }
  }, 120_000);
});

describe('demo accounts on a DATABASE_URL database', () => {
  /**
   * The demo inspector is set aside under another name for the test, so a server that makes
   * demo accounts has one to make; the set-up's account is put back afterwards.
   */
  async function withoutDemoInspector(task: () => Promise<void>) {
    const [{ id }] = await sql<{ id: number }[]>`UPDATE users SET username = 'set-aside-inspector' WHERE username = ${DEMO_USERNAMES.inspector} RETURNING id`;
    try {
      await task();
    } finally {
      await sql`DELETE FROM users WHERE username = ${DEMO_USERNAMES.inspector} AND id <> ${id}`;
      await sql`UPDATE users SET username = ${DEMO_USERNAMES.inspector} WHERE id = ${id}`;
    }
  }

  it('are not made unless DEMO_ACCOUNTS=true', async () => {
    await withoutDemoInspector(async () => {
      const server = await startServerProcess();
      await server.stop();
      expect(await sql`SELECT 1 FROM users WHERE username = ${DEMO_USERNAMES.inspector}`).toEqual([]);
    });
  }, 120_000);

  it('are made with DEMO_ACCOUNTS=true, with DEMO_PASSWORD', async () => {
    await withoutDemoInspector(async () => {
      const server = await startServerProcess({ DEMO_ACCOUNTS: 'true', DEMO_PASSWORD: TEST_PASSWORD });
      await server.stop();
      const [made] = await sql<{ demo: boolean; role: string; password_hash: string }[]>`SELECT demo, role, password_hash FROM users WHERE username = ${DEMO_USERNAMES.inspector}`;
      expect(made).toMatchObject({ demo: true, role: 'inspector' });
      expect(await checkPassword(made.password_hash, TEST_PASSWORD)).toBe(true);
    });
  }, 120_000);
});
