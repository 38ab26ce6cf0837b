import type { NewUserRequest, UserRecord } from '../../core/accounts/account-contract.ts';
import type { AuditActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import type { Sql } from '../db/client.ts';
import { hashPassword } from './password.ts';
import { checkUserScope } from './user-scope.ts';
import { insertUser } from './user-sql.ts';

/**
 * A new account and its audit row, in one transaction: the one way accounts are made, by an
 * administrator through the API or by `npm run user:add`. The password is hashed before the
 * transaction and goes nowhere else; the trail keeps the account without it. Undefined when
 * the username is taken (nothing is written).
 */
export async function addUser(sql: Sql, actor: AuditActor, request: NewUserRequest): Promise<UserRecord | undefined> {
  const town = request.town ?? null;
  const communities = [...new Set(request.communities ?? [])];
  await checkUserScope(sql, request.role, town, communities);
  const passwordHash = await hashPassword(request.password);
  return sql.begin(async (tx) => {
    const user = await insertUser(tx, { username: request.username, displayName: request.displayName, role: request.role, town, communities, passwordHash });
    if (user) await writeAudit(tx, actor, { action: 'create', entity: 'user', entityId: user.username, after: user });
    return user;
  });
}
