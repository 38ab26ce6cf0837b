import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { SESSION_IDLE_HOURS } from './session-sql.ts';

export const SESSION_COOKIE = 'atlas_session';

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure behind https. */
function cookieOptions(context: Context<AppEnv>) {
  const secure = context.get('deps').config.publicUrl?.startsWith('https://') ?? false;
  return { path: '/', httpOnly: true, sameSite: 'Lax', secure } as const;
}

export function readSessionCookie(context: Context<AppEnv>): string | undefined {
  return getCookie(context, SESSION_COOKIE);
}

export function setSessionCookie(context: Context<AppEnv>, token: string): void {
  setCookie(context, SESSION_COOKIE, token, { ...cookieOptions(context), maxAge: SESSION_IDLE_HOURS * 3600 * 14 });
}

export function clearSessionCookie(context: Context<AppEnv>): void {
  deleteCookie(context, SESSION_COOKIE, cookieOptions(context));
}
