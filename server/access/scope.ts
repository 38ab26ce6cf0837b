import type { RequestUser } from '../app-env.ts';
import type { Sql } from '../db/client.ts';

/**
 * A role's area as a SQL condition on a record's town and community columns: a town office sees
 * its town, a planner the communities assigned to them, every other role the whole district.
 * Column names come from the caller's own code, never from a request.
 */
export function scopeCondition(sql: Sql, user: RequestUser, columns: { town: string; community: string }) {
  if (user.role === 'town') return sql`${sql(columns.town)} = ${user.town ?? ''}`;
  if (user.role === 'planner') return sql`${sql(columns.community)} = ANY(${user.communities}::text[])`;
  return sql`true`;
}

/** The same rule in code, for records already read (e.g. to tell "not yours" from "not there"). */
export function isWithinScope(user: RequestUser, record: { town: string | null; community: string | null }): boolean {
  if (user.role === 'town') return record.town !== null && record.town === user.town;
  if (user.role === 'planner') return record.community !== null && user.communities.includes(record.community);
  return true;
}
