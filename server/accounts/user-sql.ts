import type { UserRecord } from '../../core/accounts/account-contract.ts';
import type { Role } from '../../core/accounts/roles.ts';
import type { UserRow } from './session-sql.ts';
import type { Queryable } from '../db/client.ts';

interface UserRecordRow extends UserRow {
  disabled: boolean;
  demo: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, username, display_name, role, town_code, communities, disabled, demo, version, created_at, updated_at';

export function toUserRecord(row: UserRecordRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    town: row.town_code,
    communities: row.communities,
    disabled: row.disabled,
    demo: row.demo,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listUsers(sql: Queryable): Promise<UserRecord[]> {
  const rows = await sql.unsafe<UserRecordRow[]>(`SELECT ${COLUMNS} FROM users ORDER BY username`);
  return rows.map(toUserRecord);
}

export async function readUser(sql: Queryable, username: string): Promise<UserRecord | undefined> {
  const [row] = await sql.unsafe<UserRecordRow[]>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [username]);
  return row ? toUserRecord(row) : undefined;
}

export interface UserValues {
  username: string;
  displayName: string;
  role: Role;
  town: string | null;
  communities: string[];
  passwordHash: string;
  demo?: boolean;
}

/** Undefined when the username is taken (the caller says so; nothing is written). */
export async function insertUser(sql: Queryable, values: UserValues): Promise<UserRecord | undefined> {
  const [row] = await sql.unsafe<UserRecordRow[]>(
    `INSERT INTO users (username, display_name, role, town_code, communities, password_hash, demo)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7)
     ON CONFLICT (username) DO NOTHING
     RETURNING ${COLUMNS}`,
    [values.username, values.displayName, values.role, values.town, values.communities, values.passwordHash, values.demo ?? false],
  );
  return row ? toUserRecord(row) : undefined;
}

export interface UserChanges {
  displayName: string;
  role: Role;
  town: string | null;
  communities: string[];
  disabled: boolean;
  passwordHash?: string;
}

/** The update happens only on the version the editor read; undefined means it had moved on. */
export async function updateUser(sql: Queryable, username: string, version: number, changes: UserChanges): Promise<UserRecord | undefined> {
  const [row] = await sql.unsafe<UserRecordRow[]>(
    `UPDATE users SET display_name = $3, role = $4, town_code = $5, communities = $6::text[], disabled = $7,
       password_hash = coalesce($8, password_hash), version = version + 1, updated_at = now()
     WHERE username = $1 AND version = $2
     RETURNING ${COLUMNS}`,
    [username, version, changes.displayName, changes.role, changes.town, changes.communities, changes.disabled, changes.passwordHash ?? null],
  );
  return row ? toUserRecord(row) : undefined;
}

/** Which of these codes name no town (the first) or no community (the rest): a scope names real places. */
export async function findUnknownPlaces(sql: Queryable, town: string | null, communities: readonly string[]): Promise<string[]> {
  const unknown: string[] = [];
  if (town) {
    const [row] = await sql`SELECT 1 FROM towns WHERE code = ${town}`;
    if (!row) unknown.push(town);
  }
  if (communities.length) {
    const rows = await sql<{ code: string }[]>`
      SELECT code FROM unnest(${communities as string[]}::text[]) AS wanted(code)
      WHERE NOT EXISTS (SELECT 1 FROM communities c WHERE c.code = wanted.code)`;
    unknown.push(...rows.map((row) => row.code));
  }
  return unknown;
}
