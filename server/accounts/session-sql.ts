import type { Role } from '../../core/accounts/roles.ts';
import type { RequestUser } from '../app-env.ts';
import type { Queryable } from '../db/client.ts';

/** A session lasts this long after its last use, and never longer than SESSION_MAX_HOURS in all. */
export const SESSION_IDLE_HOURS = 12;
const SESSION_MAX_HOURS = 7 * 24;
/** Sliding expiry is written at most this often per session (a page load makes many requests). */
const TOUCH_AFTER_MINUTES = 5;

/** The columns of `users` a signed-in request carries (user-sql.ts reads the rest for the administrator). */
export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  town_code: string | null;
  communities: string[];
}

export function toRequestUser(row: UserRow): RequestUser {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, town: row.town_code, communities: row.communities };
}

export async function insertSession(sql: Queryable, tokenHash: string, userId: number): Promise<void> {
  await sql`
    INSERT INTO sessions (token_hash, user_id, expires_at)
    VALUES (${tokenHash}, ${userId}, now() + make_interval(hours => ${SESSION_IDLE_HOURS}))`;
}

/**
 * The user of a live session, or undefined. A disabled account's sessions stop working at once.
 * Touching the expiry is a separate statement, taken only every few minutes.
 */
export async function readSessionUser(sql: Queryable, tokenHash: string): Promise<RequestUser | undefined> {
  const [row] = await sql<(UserRow & { stale: boolean })[]>`
    SELECT u.id, u.username, u.display_name, u.role, u.town_code, u.communities,
           s.last_seen_at < now() - make_interval(mins => ${TOUCH_AFTER_MINUTES}) AS stale
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ${tokenHash} AND s.expires_at > now() AND NOT u.disabled`;
  if (!row) return undefined;
  if (row.stale) {
    await sql`
      UPDATE sessions SET last_seen_at = now(),
        expires_at = least(now() + make_interval(hours => ${SESSION_IDLE_HOURS}), created_at + make_interval(hours => ${SESSION_MAX_HOURS}))
      WHERE token_hash = ${tokenHash}`;
  }
  return toRequestUser(row);
}

export async function deleteSession(sql: Queryable, tokenHash: string): Promise<boolean> {
  const rows = await sql`DELETE FROM sessions WHERE token_hash = ${tokenHash} RETURNING 1`;
  return rows.length > 0;
}

export async function deleteUserSessions(sql: Queryable, userId: number): Promise<void> {
  await sql`DELETE FROM sessions WHERE user_id = ${userId}`;
}

/** Expired sessions go as new ones come (no scheduler needed). */
export async function deleteExpiredSessions(sql: Queryable): Promise<void> {
  await sql`DELETE FROM sessions WHERE expires_at <= now()`;
}

export async function readUserForSignIn(sql: Queryable, username: string): Promise<(UserRow & { password_hash: string; disabled: boolean }) | undefined> {
  const [row] = await sql<(UserRow & { password_hash: string; disabled: boolean })[]>`
    SELECT id, username, display_name, role, town_code, communities, password_hash, disabled FROM users WHERE username = ${username}`;
  return row;
}
