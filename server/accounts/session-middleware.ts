import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { readSessionCookie } from './session-cookie.ts';
import { readSessionUser } from './session-sql.ts';
import { hashSessionToken, isWellFormedToken } from './session-token.ts';

/**
 * Puts the session's user on the request, or null. An unknown, expired, forged or malformed
 * cookie is simply no session: the request goes on as the public's, and a route that needs an
 * account answers 401.
 */
export const loadSession: MiddlewareHandler<AppEnv> = async (context, next) => {
  const token = readSessionCookie(context);
  if (isWellFormedToken(token)) {
    const user = await readSessionUser(context.get('deps').sql, hashSessionToken(token));
    context.set('user', user ?? null);
  }
  await next();
};
