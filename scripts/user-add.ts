/**
 * `npm run user:add -- --username U --role R [--town CODE] [--communities C1,C2] [--display-name N] [--generate]`
 *
 * Adds an account to the configured database (DATABASE_URL, or the embedded one in DATA_DIR)
 * the way an administrator's POST /api/users does: the same checks, the same hashing, and an
 * audit row in the same transaction, made by `cli`. The first administrator of a real
 * database is made this way. The password is read from standard input (a prompt without echo
 * in a terminal) or, with --generate, made here and printed once; it is never logged.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { newUserSchema, passwordSchema, type NewUserRequest } from '../core/accounts/account-contract.ts';
import { ROLES } from '../core/accounts/roles.ts';
import { addUser } from '../server/accounts/add-user.ts';
import type { AuditActor } from '../server/audit/audit-actor.ts';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { createDatabase, type Sql } from '../server/db/client.ts';
import { findDataDirOwner } from '../server/db/data-dir-lock.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../server/db/embedded.ts';
import { migrate } from '../server/db/migrate.ts';
import { findScopeMismatch } from '../server/accounts/user-scope.ts';
import { ApiError } from '../server/errors.ts';
import { readPassword } from './read-password.ts';

const USAGE = `usage: npm run user:add -- --username NAME --role ROLE [--town CODE] [--communities CODE,CODE] [--display-name NAME] [--generate]
  ROLE is one of ${ROLES.join(', ')}; a town office names its --town, a planner its --communities.
  The password comes from standard input (typed without echo in a terminal), or --generate makes one and prints it once.`;

/** What to say, and the exit code: 2 for a request that cannot be right, 1 for one the database refused. */
class Refusal extends Error {
  constructor(message: string, readonly exitCode: 1 | 2) {
    super(message);
  }
}

/** Flags the API names in its messages, so the hint points at the option to give. */
const HINTS: Record<string, string> = {
  town_required: ' (give --town CODE)',
  communities_required: ' (give --communities CODE,CODE)',
  town_not_allowed: ' (leave out --town)',
  communities_not_allowed: ' (leave out --communities)',
};

function readRequest(argv: string[]): { account: Omit<NewUserRequest, 'password'>; generate: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        town: { type: 'string' },
        communities: { type: 'string' },
        'display-name': { type: 'string' },
        generate: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new Refusal(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (!values.username || !values.role) throw new Refusal(`--username and --role are required\n${USAGE}`, 2);
  const fields = {
    username: values.username,
    displayName: values['display-name'] ?? values.username,
    role: values.role,
    town: values.town,
    communities: values.communities?.split(',').map((code) => code.trim()).filter(Boolean),
  };
  const parsed = newUserSchema.omit({ password: true }).safeParse(fields);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${issue.path.join('.').replace('displayName', 'display-name')}: ${issue.message}`);
    throw new Refusal(`${problems.join('\n')}\n${USAGE}`, 2);
  }
  const mismatch = findScopeMismatch(parsed.data.role, parsed.data.town ?? null, parsed.data.communities ?? []);
  if (mismatch) throw new Refusal(`${mismatch.message}${HINTS[mismatch.code] ?? ''}`, 2);
  return { account: parsed.data, generate: values.generate };
}

/** 18 random bytes: 24 characters of letters, digits, "-" and "_" (144 bits). */
const generatePassword = () => randomBytes(18).toString('base64url');

async function obtainPassword(username: string, generate: boolean): Promise<string> {
  const password = generate ? generatePassword() : await readPassword(`password for ${username}: `);
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new Refusal(checked.error.issues[0].message, 2);
  return password;
}

interface OpenDatabase {
  sql: Sql;
  where: string;
  close(): Promise<void>;
}

/** The configured database; the embedded one only when no server holds its directory. */
async function openDatabase(config: Config): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const { hostname, port, pathname } = new URL(config.databaseUrl);
    const where = `the database at ${hostname}:${port || 5432}${pathname}`;
    const sql = createDatabase({ url: config.databaseUrl, embedded: false, max: 1 });
    try {
      await sql`SELECT 1`;
    } catch (error) {
      await sql.end();
      // The error's code, never its message: that may quote the URL with its password.
      throw new Refusal(`cannot reach ${where} (${(error as { code?: string }).code ?? 'no answer'}); nothing was changed`, 1);
    }
    return { sql, where, close: () => sql.end() };
  }
  const dataDir = resolve(config.dataDir, 'pglite');
  const owner = findDataDirOwner(dataDir);
  if (owner) {
    throw new Refusal(
      `the embedded database in ${dataDir} is open in a running Renewal Atlas server (pid ${owner}), and only one process may use it.\n` +
        'Stop the server (Ctrl-C) and run npm run user:add again, or sign in to the running site as an administrator and add the account there.',
      1,
    );
  }
  let embedded: EmbeddedDatabase;
  try {
    embedded = await startEmbeddedDatabase(dataDir);
  } catch (error) {
    throw new Refusal((error as Error).message, 1);
  }
  const sql = createDatabase({ url: embedded.url, embedded: true });
  return {
    sql,
    where: `the embedded database in ${dataDir}`,
    close: async () => {
      await sql.end();
      await embedded.stop();
    },
  };
}

async function main(): Promise<void> {
  const { account, generate } = readRequest(process.argv.slice(2));
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new Refusal(error.message, 2);
    throw error;
  }
  const password = await obtainPassword(account.username, generate);
  const database = await openDatabase(config);
  try {
    await migrate(database.sql);
    const actor: AuditActor = { userId: null, name: 'cli', role: 'cli', requestId: randomUUID() };
    const user = await addUser(database.sql, actor, { ...account, password }).catch((error: unknown) => {
      if (error instanceof ApiError) throw new Refusal(`${error.message}${HINTS[error.code] ?? ''}; nothing was changed`, 1);
      throw error;
    });
    if (!user) throw new Refusal(`the username ${account.username} is taken on ${database.where}; nothing was changed`, 1);
    const scope = user.town ? ` for town ${user.town}` : user.communities.length ? ` for communities ${user.communities.join(', ')}` : '';
    console.log(`added ${user.role} account ${user.username}${scope} on ${database.where}`);
    if (generate) console.log(`its password, shown only now: ${password}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof Refusal) {
    console.error(`user:add: ${error.message}`);
    process.exit(error.exitCode);
  }
  // Unexpected: the message only (a database error's detail may quote a row).
  console.error(`user:add failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
