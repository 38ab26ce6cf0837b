import type { Context } from 'hono';
import type { z } from 'zod';
import { isFacilityLayer, findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import { badRequest, notFound } from '../errors.ts';

/** Requests are a few numbers and names; anything bigger is not a request to analyse. */
const MAX_BODY_CHARS = 4096;

/** Quote a caller's text for an error message: JSON-escaped and short, never raw. */
export const quoteInput = (value: string) => JSON.stringify(value.slice(0, 80));

/**
 * Parse a JSON body against a schema; every failure is a 400 naming the fields, never a 500.
 * `maxChars` raises the limit for the few requests that carry data (a siting cost matrix).
 */
export async function readJsonBody<Schema extends z.ZodType>(context: Context, schema: Schema, maxChars = MAX_BODY_CHARS): Promise<z.infer<Schema>> {
  const text = await context.req.text();
  if (text.length > maxChars) throw badRequest('body_too_large', `the request body is limited to ${maxChars.toLocaleString('en-US')} characters`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'the request body is not valid JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.').slice(0, 80), message: issue.message.slice(0, 200) }));
    throw badRequest('invalid_request', `invalid request: ${details.map((detail) => `${detail.path || 'body'}: ${detail.message}`).join('; ')}`, details);
  }
  return parsed.data;
}

/** A facility layer by id: 404 for a name the registry does not know, 400 for a frame layer. */
export function requireFacilityLayer(id: string): LayerDefinition {
  const layer = findLayer(id);
  if (!layer) throw notFound('unknown_layer', `no layer named ${quoteInput(id)}`);
  if (!isFacilityLayer(layer)) throw badRequest('not_a_facility_layer', `${layer.id} is part of the frame, not a facility layer: coverage needs a facility layer`);
  return layer;
}

/** One of the allowed values of a query parameter, or its default when absent. */
export function readChoice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest(`invalid_${name}`, `${name} must be one of ${allowed.join(', ')}, not ${quoteInput(value)}`);
}
