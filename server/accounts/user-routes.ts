import { Hono, type Context } from 'hono';
import { MAX_ACCOUNT_BODY_CHARS, newUserSchema, userPatchSchema, usernameSchema, type UserRecord, type UsersResponse } from '../../core/accounts/account-contract.ts';
import type { AppEnv } from '../app-env.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { requireIfMatch, setEntityTag, staleVersion } from '../http/entity-tag.ts';
import { limitBodyChars, readJsonBody } from '../http/read-body.ts';
import { addUser } from './add-user.ts';
import { hashPassword } from './password.ts';
import { deleteUserSessions } from './session-sql.ts';
import { checkUserScope } from './user-scope.ts';
import { listUsers, readUser, updateUser } from './user-sql.ts';

export const userRoutes = new Hono<AppEnv>();

/** What the trail keeps of an account: everything but the password hash (which is never read). */
const audited = (user: UserRecord) => ({ ...user });

function readUsername(context: Context<AppEnv>): string {
  const parsed = usernameSchema.safeParse(context.req.param('username'));
  if (!parsed.success) throw notFound('unknown_user', 'no such user');
  return parsed.data;
}

userRoutes.get('/users', async (context) => {
  return context.json({ items: await listUsers(context.get('deps').sql) } satisfies UsersResponse);
});

userRoutes.get('/users/:username', async (context) => {
  const user = await readUser(context.get('deps').sql, readUsername(context));
  if (!user) throw notFound('unknown_user', 'no such user');
  setEntityTag(context, user.version);
  return context.json(user);
});

/** A new account, with its audit row; the password is hashed and written nowhere else. */
userRoutes.post('/users', limitBodyChars(MAX_ACCOUNT_BODY_CHARS), async (context) => {
  const request = await readJsonBody(context, newUserSchema, MAX_ACCOUNT_BODY_CHARS);
  const created = await addUser(context.get('deps').sql, await readActor(context), request);
  if (!created) throw conflict('username_taken', `the username ${request.username} is taken`);
  setEntityTag(context, created.version);
  context.header('Location', `/api/users/${created.username}`);
  return context.json(created, 201);
});

/** Change an account (role, scope, name, password, disabled). Disabling ends its sessions at once. */
userRoutes.patch('/users/:username', limitBodyChars(MAX_ACCOUNT_BODY_CHARS), async (context) => {
  const username = readUsername(context);
  const version = requireIfMatch(context);
  const patch = await readJsonBody(context, userPatchSchema, MAX_ACCOUNT_BODY_CHARS);
  const { sql } = context.get('deps');
  const current = await readUser(sql, username);
  if (!current) throw notFound('unknown_user', 'no such user');
  if (current.version !== version) throw staleVersion(current, current.version, version);
  const role = patch.role ?? current.role;
  const town = patch.town !== undefined ? patch.town : role === current.role ? current.town : null;
  const communities = patch.communities !== undefined ? [...new Set(patch.communities)] : role === current.role ? current.communities : [];
  await checkUserScope(sql, role, town, communities);
  if (username === context.get('user')!.username && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
    throw badRequest('cannot_demote_self', 'an administrator cannot disable or demote their own account (ask another administrator)');
  }
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  const actor = await readActor(context);
  const updated = await sql.begin(async (tx) => {
    const user = await updateUser(tx, username, version, {
      displayName: patch.displayName ?? current.displayName,
      role,
      town,
      communities,
      disabled: patch.disabled ?? current.disabled,
      passwordHash,
    });
    if (!user) return undefined;
    // A new password, a new role or a disabled account: sessions opened before no longer apply.
    if (patch.password || patch.disabled || role !== current.role) await deleteUserSessions(tx, user.id);
    await writeAudit(tx, actor, {
      action: patch.password ? 'update+password' : 'update',
      entity: 'user',
      entityId: username,
      before: audited(current),
      after: audited(user),
    });
    return user;
  });
  if (!updated) {
    const now = await readUser(sql, username);
    throw staleVersion(now, now?.version ?? 0, version);
  }
  setEntityTag(context, updated.version);
  return context.json(updated);
});
