import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../server/accounts/password.ts';
import type { Sql } from '../../server/db/client.ts';
import { useTestDatabase } from '../support/database.ts';
import { useUserAdd } from '../support/user-add.ts';

/**
 * `npm run user:add` on DATABASE_URL: the test's real PostGIS (the postgres project), where
 * opening the database is quick enough to add accounts every way the command can.
 */
const { sql, url } = useTestDatabase();
const userAdd = useUserAdd({ DATABASE_URL: url });
const unreachable = useUserAdd({ DATABASE_URL: 'postgres://atlas:s3cret-pass@127.0.0.1:1/atlas' });
const where = (() => {
  const { hostname, port, pathname } = new URL(url);
  return `the database at ${hostname}:${port || 5432}${pathname}`;
})();

const accountOf = async (db: Sql, username: string) =>
  (await db<{ role: string; display_name: string; town_code: string | null; communities: string[]; password_hash: string }[]>`
    SELECT role, display_name, town_code, communities, password_hash FROM users WHERE username = ${username}`)[0];

describe('npm run user:add on DATABASE_URL', () => {
  it('adds an account with the password from standard input (its first line), and an audit row by cli', async () => {
    const run = await userAdd.run(['--username', 'cli-piped', '--role', 'admin', '--display-name', '第一位管理员'], 'piped-password-1\nnot this line\n');
    expect(run).toEqual({ code: 0, stdout: `added admin account cli-piped on ${where}\n`, stderr: '' });
    const account = await accountOf(sql, 'cli-piped');
    expect(account).toMatchObject({ role: 'admin', display_name: '第一位管理员' });
    expect(await checkPassword(account.password_hash, 'piped-password-1')).toBe(true);
    const trail = await sql`SELECT actor, actor_user_id, actor_role, action, after::text AS after FROM audit_log WHERE entity = 'user' AND entity_id = 'cli-piped'`;
    expect(trail).toEqual([{ actor: 'cli', actor_user_id: null, actor_role: 'cli', action: 'create', after: expect.stringContaining('"username": "cli-piped"') }]);
    expect(trail[0].after).not.toMatch(/argon2|piped-password/);
  });

  it('with --generate makes a strong password, prints it once, and it opens the account', async () => {
    const run = await userAdd.run(['--username', 'cli-generated', '--role', 'inspector', '--generate']);
    expect(run.code).toBe(0);
    const password = /^its password, shown only now: (\S+)$/m.exec(run.stdout)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(run.stdout.split(password)).toHaveLength(2);
    expect(await checkPassword((await accountOf(sql, 'cli-generated')).password_hash, password)).toBe(true);
  });

  it('in a terminal, asks twice and shows nothing typed', async () => {
    const { code, screen } = await userAdd.runInTerminal(['--username', 'cli-typed', '--role', 'commission'], ['typed-password-1', 'typed-password-1']);
    expect(code).toBe(0);
    expect(screen).toContain('added commission account cli-typed');
    expect(screen).not.toContain('typed-password-1');
    expect(await checkPassword((await accountOf(sql, 'cli-typed')).password_hash, 'typed-password-1')).toBe(true);
  });

  it('adds a town office for a real town and a planner for real communities', async () => {
    const [place] = await sql<{ town: string; community: string }[]>`SELECT town_code AS town, code AS community FROM communities ORDER BY code LIMIT 1`;
    expect((await userAdd.run(['--username', 'cli-town', '--role', 'town', '--town', place.town, '--generate'])).code).toBe(0);
    expect((await userAdd.run(['--username', 'cli-planner', '--role', 'planner', '--communities', `${place.community}, ${place.community}`, '--generate'])).code).toBe(0);
    expect(await accountOf(sql, 'cli-town')).toMatchObject({ role: 'town', town_code: place.town, communities: [] });
    expect(await accountOf(sql, 'cli-planner')).toMatchObject({ role: 'planner', town_code: null, communities: [place.community] });
  });

  it('refuses a town that does not exist, changing nothing', async () => {
    const [before] = await sql`SELECT count(*)::int AS users, (SELECT count(*)::int FROM audit_log) AS audit FROM users`;
    const run = await userAdd.run(['--username', 'cli-nowhere', '--role', 'town', '--town', '500108999', '--generate']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'user:add: no town or community with code "500108999"; nothing was changed\n' });
    expect((await sql`SELECT count(*)::int AS users, (SELECT count(*)::int FROM audit_log) AS audit FROM users`)[0]).toEqual(before);
  });

  it('refuses a taken username, changing nothing and showing no password', async () => {
    expect((await userAdd.run(['--username', 'cli-twice', '--role', 'inspector'], 'first-password-1\n')).code).toBe(0);
    const again = await userAdd.run(['--username', 'cli-twice', '--role', 'admin'], 'second-password-2\n');
    expect(again).toEqual({ code: 1, stdout: '', stderr: `user:add: the username cli-twice is taken on ${where}; nothing was changed\n` });
    const account = await accountOf(sql, 'cli-twice');
    expect(account.role).toBe('inspector');
    expect(await checkPassword(account.password_hash, 'first-password-1')).toBe(true);
  });

  it('names the database without its password when it cannot be reached', async () => {
    const run = await unreachable.run(['--username', 'cli-unreachable', '--role', 'inspector', '--generate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('user:add: cannot reach the database at 127.0.0.1:1/atlas (ECONNREFUSED); nothing was changed\n');
    expect(run.stderr + run.stdout).not.toContain('s3cret-pass');
  });
});
