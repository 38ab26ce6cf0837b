import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { forbidden } from '../errors.ts';
import { readSessionCookie } from '../accounts/session-cookie.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * No cross-site request forgery: a write that carries a session cookie must come from a page of
 * this site. Browsers name the page's origin in `Origin` (or, from older ones, `Referer`); one
 * naming another site is refused. SameSite=Lax cookies already stay home on cross-site posts;
 * this also covers sibling subdomains and browsers without SameSite. Writes without a cookie
 * (the public's) carry no authority to forge.
 */
export const refuseCrossSiteWrites: MiddlewareHandler<AppEnv> = async (context, next) => {
  if (!SAFE_METHODS.has(context.req.method) && readSessionCookie(context) !== undefined) {
    const source = context.req.header('Origin') ?? context.req.header('Referer');
    if (source !== undefined && !allowedOrigins(context.req.url, context.get('deps').config.publicUrl).has(originOf(source))) {
      throw forbidden('cross_site_request', 'a signed-in write must come from this site’s own pages');
    }
  }
  await next();
};

function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return 'null'; // "Origin: null" (sandboxed frames, file: pages) is no site of ours
  }
}

function allowedOrigins(requestUrl: string, publicUrl: string | undefined): Set<string> {
  const origins = new Set([new URL(requestUrl).origin]);
  if (publicUrl) origins.add(new URL(publicUrl).origin);
  return origins;
}
