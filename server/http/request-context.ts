import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { readClientAddress } from './client-address.ts';

/** Every request gets an id (for the audit trail and logs) and its client's address. */
export const identifyRequest: MiddlewareHandler<AppEnv> = async (context, next) => {
  const requestId = randomUUID();
  context.set('requestId', requestId);
  context.set('address', readClientAddress(context, context.get('deps').config.trustProxy));
  context.set('user', null);
  context.header('X-Request-Id', requestId);
  await next();
};
