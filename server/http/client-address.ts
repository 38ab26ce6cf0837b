import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address throttling and rate limits count by. From the socket, so a client cannot choose
 * its own; only behind a reverse proxy (TRUST_PROXY) from X-Forwarded-For, taking the entry the
 * proxy appended (the last one), since anything before it came from the client.
 */
export function readClientAddress(context: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = context.req.header('X-Forwarded-For')?.split(',').map((part) => part.trim()).filter(Boolean);
    const last = forwarded?.at(-1);
    if (last && /^[0-9A-Fa-f:.]{2,45}$/.test(last)) return last;
  }
  try {
    return getConnInfo(context).remote.address ?? 'unknown';
  } catch {
    // In-process requests (tests through app.request) have no socket.
    return 'in-process';
  }
}
