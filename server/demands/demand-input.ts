import type { Context } from 'hono';
import type { RequestUser } from '../app-env.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { quoteInput } from '../http/read-body.ts';

/** What the demand routes read from a request besides the body's schema. */

/** A demand id is a positive integer; anything else names no demand. */
export function readDemandId(context: Context): number {
  const text = context.req.param('id') ?? '';
  if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) throw unknownDemand(text);
  return Number(text);
}

export const unknownDemand = (id: string | number) => notFound('unknown_demand', `there is no demand ${quoteInput(String(id))}`);

/** Another town's or community's demand: refused, and said so (not hidden as a 404). */
export function outOfScope(user: RequestUser, demand: { id: number; town_code: string; community_code: string }) {
  const area = user.role === 'town' ? `town ${user.town}` : `communities ${user.communities.join(', ') || '(none)'}`;
  return forbidden('out_of_scope', `demand ${demand.id} lies outside your area (${area})`, { demand: demand.id, town: demand.town_code, community: demand.community_code });
}

/** Lone UTF-16 surrogates have no UTF-8 form, and PostgreSQL text cannot hold NUL. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text is stored verbatim (markup, quotes and SQL are data); only what the database cannot hold
 * is refused, as a 400 naming the field rather than a failed statement.
 */
export function requireStorableText(fields: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string') continue;
    if (value.includes('\u0000')) throw badRequest('invalid_request', `${name} cannot contain the NUL character`, [{ path: name, message: 'NUL character' }]);
    if (LONE_SURROGATE.test(value)) throw badRequest('invalid_request', `${name} is not well-formed Unicode`, [{ path: name, message: 'lone surrogate' }]);
  }
}
