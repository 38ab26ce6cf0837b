import type { Role } from '../../core/accounts/roles.ts';
import type { Queryable } from '../db/client.ts';
import { ApiError, badRequest } from '../errors.ts';
import { findUnknownPlaces } from './user-sql.ts';

/**
 * An account's scope fits its role: a town office names one town, a planner at least one
 * community, the other roles neither. Undefined when it fits; otherwise the 400 saying why.
 */
export function findScopeMismatch(role: Role, town: string | null, communities: readonly string[]): ApiError | undefined {
  if (role === 'town' && !town) return badRequest('town_required', 'a town office account names its town (a town code)');
  if (role !== 'town' && town) return badRequest('town_not_allowed', `a ${role} account has no town: the town belongs to town offices only`);
  if (role === 'planner' && !communities.length) return badRequest('communities_required', 'a planner account names the communities assigned to it');
  if (role !== 'planner' && communities.length) return badRequest('communities_not_allowed', `a ${role} account has no communities: they belong to planners only`);
  return undefined;
}

/**
 * The scope fits the role and every code names a real place; throws the 400 naming the problem
 * (the API and `npm run user:add` both say it as it is).
 */
export async function checkUserScope(sql: Queryable, role: Role, town: string | null, communities: readonly string[]): Promise<void> {
  const mismatch = findScopeMismatch(role, town, communities);
  if (mismatch) throw mismatch;
  const unknown = await findUnknownPlaces(sql, town, communities);
  if (unknown.length) throw badRequest('unknown_place', `no town or community with code ${unknown.map((code) => JSON.stringify(code)).join(', ')}`, { codes: unknown });
}
