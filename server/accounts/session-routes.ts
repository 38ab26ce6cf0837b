import { Hono } from 'hono';
import { MAX_ACCOUNT_BODY_CHARS, signInSchema, type SessionResponse } from '../../core/accounts/account-contract.ts';
import type { AppEnv } from '../app-env.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import { unauthorized } from '../errors.ts';
import { limitBodyChars, readJsonBody } from '../http/read-body.ts';
import { checkPassword } from './password.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie.ts';
import { deleteExpiredSessions, deleteSession, insertSession, readUserForSignIn, toRequestUser } from './session-sql.ts';
import { createSessionToken, hashSessionToken, isWellFormedToken } from './session-token.ts';
import { clearSignInFailures, throttleSignIn } from './sign-in-throttle.ts';

export const sessionRoutes = new Hono<AppEnv>();

/** Unknown user, disabled account and wrong password all read the same: nothing to learn from it. */
const WRONG = 'the username or password is not right';

/** Sign in: a session cookie and who you are. */
sessionRoutes.post('/session', limitBodyChars(MAX_ACCOUNT_BODY_CHARS), async (context) => {
  const { username, password } = await readJsonBody(context, signInSchema, MAX_ACCOUNT_BODY_CHARS);
  const { sql } = context.get('deps');
  const name = username.trim().toLowerCase();
  const address = context.get('address');
  await throttleSignIn(sql, name, address);
  const row = await readUserForSignIn(sql, name);
  const passwordRight = await checkPassword(row?.password_hash, password);
  // The attempt was recorded as a failure by the throttle; only a success takes it back.
  if (!row || !passwordRight || row.disabled) throw unauthorized('sign_in_failed', WRONG);
  const user = toRequestUser(row);
  const token = createSessionToken();
  context.set('user', user);
  const actor = await readActor(context);
  await sql.begin(async (tx) => {
    await insertSession(tx, hashSessionToken(token), user.id);
    await writeAudit(tx, actor, { action: 'sign_in', entity: 'session', entityId: user.username });
  });
  await clearSignInFailures(sql, name);
  void deleteExpiredSessions(sql).catch(() => {});
  setSessionCookie(context, token);
  const { id: _userId, ...sessionUser } = user;
  return context.json({ user: sessionUser } satisfies SessionResponse);
});

/** Who is signed in: the user, or 401. */
sessionRoutes.get('/session', (context) => {
  const user = context.get('user');
  if (!user) throw unauthorized('no_session', 'not signed in');
  context.header('Cache-Control', 'no-store');
  const { id: _userId, ...sessionUser } = user;
  return context.json({ user: sessionUser } satisfies SessionResponse);
});

/** Sign out: the session ends on the server (every process), and the cookie is cleared. */
sessionRoutes.delete('/session', async (context) => {
  const token = readSessionCookie(context);
  const user = context.get('user');
  const { sql } = context.get('deps');
  if (isWellFormedToken(token) && user) {
    const actor = await readActor(context);
    await sql.begin(async (tx) => {
      if (await deleteSession(tx, hashSessionToken(token))) {
        await writeAudit(tx, actor, { action: 'sign_out', entity: 'session', entityId: user.username });
      }
    });
  }
  clearSessionCookie(context);
  return context.body(null, 204);
});
