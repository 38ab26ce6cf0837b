import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { unavailable } from '../errors.ts';

/**
 * The one readiness gate, in front of every route: the server listens before its migrations and
 * data load are done (so health can say what it is doing), and until then every request is a
 * 503 naming the phase, never a 500 from a table that does not exist yet.
 */
export const requireReady: MiddlewareHandler<AppEnv> = async (context, next) => {
  const { state } = context.get('deps');
  if (state.phase !== 'ready') {
    context.header('Retry-After', '5');
    throw unavailable('not_ready', state.reason ?? `the server is ${state.phase}`, { phase: state.phase });
  }
  await next();
};
