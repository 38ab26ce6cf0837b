import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { ROLE_TITLES } from '../../core/accounts/roles.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiError, forbidden, unauthorized } from '../errors.ts';
import { loadSessionUser } from '../accounts/session-middleware.ts';
import { findAccessRule } from './access-table.ts';

/** Public reads need no user; everything else (writes, staff routes) looks the session up. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Checks every request against the access table before its handler runs. The route is the
 * pattern Hono matched (`/api/users/:username`), so the rule cannot be dodged by spelling a path
 * differently. Paths no route matches fall through to the 404.
 *
 * When a path matches two routes (`/api/demands/export.csv` and `/api/demands/:id`), Hono runs
 * the one registered first and it answers; the rule is that route's, not the other's.
 */
export const authorize: MiddlewareHandler<AppEnv> = async (context, next) => {
  const route = matchedRoutes(context).find((candidate) => candidate.method !== 'ALL');
  if (!route) return next();
  const rule = findAccessRule(route.method, route.path);
  if (!rule) {
    context.get('deps').log.error(`no access rule for ${route.method} ${route.path}: add one to server/access/access-table.ts`);
    throw new ApiError(500, 'route_not_declared', 'this route has no access rule');
  }
  if (rule.allow !== 'public' || rule.user || !READ_METHODS.has(context.req.method)) await loadSessionUser(context);
  if (rule.allow !== 'public') {
    const user = context.get('user');
    if (!user) throw unauthorized('sign_in_required', 'sign in to do this');
    if (!rule.allow.includes(user.role)) {
      throw forbidden('role_not_allowed', `a ${ROLE_TITLES[user.role].en.toLowerCase()} account may not do this`, { role: user.role, allowed: rule.allow });
    }
  }
  await next();
};
