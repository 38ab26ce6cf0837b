import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';

/** Who a write is attributed to in the audit trail. */
export interface AuditActor {
  userId: number | null;
  /** A username, or `public:<hash>` for someone without an account. */
  name: string;
  role: string;
  requestId: string;
}

/**
 * The request's actor. The public are known only by a salted hash of their address: enough to
 * see that many writes came from one place, not enough to say which address it was.
 */
export async function readActor(context: Context<AppEnv>): Promise<AuditActor> {
  const user = context.get('user');
  const requestId = context.get('requestId');
  if (user) return { userId: user.id, name: user.username, role: user.role, requestId };
  const salt = await context.get('deps').services.addressSalt();
  const digest = createHash('sha256').update(`${salt}:${context.get('address')}`).digest('hex').slice(0, 16);
  return { userId: null, name: `public:${digest}`, role: 'public', requestId };
}
