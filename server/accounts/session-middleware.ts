import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { readSessionCookie } from './session-cookie.ts';
import { readSessionUser } from './session-sql.ts';
import { hashSessionToken, isWellFormedToken } from './session-token.ts';

/**
 * Puts the session's user on the request, or leaves it null. An unknown, expired, forged or
 * malformed cookie is simply no session: the request goes on as the public's, and a route that
 * needs an account answers 401. Called by `authorize` only where the user matters (writes,
 * staff routes, the session itself), so a signed-in map's tile requests cost no lookup.
 */
export async function loadSessionUser(context: Context<AppEnv>): Promise<void> {
  const token = readSessionCookie(context);
  if (!isWellFormedToken(token)) return;
  const user = await readSessionUser(context.get('deps').sql, hashSessionToken(token));
  context.set('user', user ?? null);
}
