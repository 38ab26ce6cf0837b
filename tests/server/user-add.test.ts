import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPassword } from '../../server/accounts/password.ts';
import { createDatabase } from '../../server/db/client.ts';
import { startEmbeddedDatabase } from '../../server/db/embedded.ts';
import { useUserAdd } from '../support/user-add.ts';

/**
 * `npm run user:add` on the embedded database, in a throw-away data directory. Starting PGlite
 * takes a while, so most refusals here happen before any database is opened; adding accounts
 * to a database in all its ways is tested on the real PostGIS (user-add-postgres.test.ts).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-user-add-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const userAdd = useUserAdd({ DATA_DIR: dataDir });

describe('npm run user:add on the embedded database', { timeout: 180_000 }, () => {
  it('adds an account to a new data directory, with its audit row by cli', async () => {
    const run = await userAdd.run(['--username', 'cli-first', '--role', 'admin'], 'first-admin-password\n');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`added admin account cli-first on the embedded database in ${join(dataDir, 'pglite')}\n`);
    const embedded = await startEmbeddedDatabase(join(dataDir, 'pglite'));
    const sql = createDatabase({ url: embedded.url, embedded: true });
    try {
      const [account] = await sql<{ role: string; password_hash: string }[]>`SELECT role, password_hash FROM users WHERE username = 'cli-first'`;
      expect(account.role).toBe('admin');
      expect(await checkPassword(account.password_hash, 'first-admin-password')).toBe(true);
      expect(await sql`SELECT actor, action FROM audit_log WHERE entity = 'user' AND entity_id = 'cli-first'`).toEqual([{ actor: 'cli', action: 'create' }]);
    } finally {
      await sql.end();
      await embedded.stop();
    }
  });

  it('says so when a running server holds the data directory, and opens nothing', async () => {
    // The lock a server's database process takes: this test's own (living) process id.
    const lockFile = join(dataDir, 'pglite.lock');
    writeFileSync(lockFile, String(process.pid));
    try {
      const run = await userAdd.run(['--username', 'cli-locked', '--role', 'inspector', '--generate']);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `user:add: the embedded database in ${join(dataDir, 'pglite')} is open in a running Renewal Atlas server (pid ${process.pid}), and only one process may use it.\n` +
          'Stop the server (Ctrl-C) and run npm run user:add again, or sign in to the running site as an administrator and add the account there.\n',
      );
      expect(run.stdout).toBe('');
    } finally {
      rmSync(lockFile, { force: true });
    }
  });
});

describe('npm run user:add refuses, before it opens a database', () => {
  it.each([
    ['an unknown role', ['--username', 'cli-role', '--role', 'mayor'], /--role: /],
    ['no username', ['--role', 'admin'], /--username and --role are required/],
    ['a password in the arguments', ['--username', 'cli-option', '--role', 'admin', '--password', 'in-the-args'], /Unknown option '--password'/],
    ['a username with capitals', ['--username', 'CLI-Caps', '--role', 'admin'], /--username: a username is 3–40 lower-case/],
  ])('%s, with the usage', async (_, args, message) => {
    const run = await userAdd.run(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: npm run user:add -- --username NAME --role ROLE');
    expect(run.stderr).not.toContain('in-the-args');
  });

  it('a town office without its town, naming the option', async () => {
    const run = await userAdd.run(['--username', 'cli-town', '--role', 'town', '--generate']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'user:add: a town office account names its town (a town code) (give --town CODE)\n' });
  });

  it('a planner without communities, naming the option', async () => {
    const run = await userAdd.run(['--username', 'cli-planner', '--role', 'planner', '--generate']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'user:add: a planner account names the communities assigned to it (give --communities CODE,CODE)\n' });
  });

  it('a password under 10 characters, without showing it', async () => {
    const run = await userAdd.run(['--username', 'cli-short', '--role', 'inspector'], 'tiny-pw\n');
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'user:add: a password has at least 10 characters\n' });
  });

  it('no password at all on standard input', async () => {
    const run = await userAdd.run(['--username', 'cli-empty', '--role', 'inspector'], '');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no password on standard input');
  });

  it('two different passwords typed in a terminal, showing neither', async () => {
    const { code, screen } = await userAdd.runInTerminal(['--username', 'cli-mistyped', '--role', 'commission'], ['typed-password-1', 'typed-password-2']);
    expect(code).toBe(1);
    expect(screen).toContain('the two passwords differ; nothing was changed');
    expect(screen).not.toMatch(/typed-password-[12]/);
  });
});
