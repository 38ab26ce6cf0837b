import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { badRequest } from '../errors.ts';

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
  return checkAgainstSchema(parseJsonText(text), schema);
}

/** JSON text to a value; a syntax error is a 400. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'the request body is not valid JSON');
  }
}

/** A parsed body against its schema; a mismatch is a 400 naming the fields. */
export function checkAgainstSchema<Schema extends z.ZodType>(body: unknown, schema: Schema): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.').slice(0, 80), message: issue.message.slice(0, 200) }));
    throw badRequest('invalid_request', `invalid request: ${details.map((detail) => `${detail.path || 'body'}: ${detail.message}`).join('; ')}`, details);
  }
  return parsed.data;
}

/**
 * A cap for routes that take larger bodies, applied before the body is read. A declared
 * Content-Length decides on its own: Node's HTTP parser never hands over more bytes than it
 * declares. Only a chunked body is counted as it arrives (hono's bodyLimit), so a huge upload is
 * cut off before it is held in memory. Not touching the body stream in the common case matters:
 * asking for `raw.body` turns the request into a web stream, and the adapter then loses its direct
 * read (measured on public submissions: about a quarter of the server's CPU per request).
 * Four bytes per character is UTF-8's widest, so no body within the character limit is refused
 * here (readJsonBody then applies the exact limit).
 */
export function limitBodyChars(maxChars: number): MiddlewareHandler {
  return limitBodyBytes(maxChars * 4, () => badRequest('body_too_large', `the request body is limited to ${maxChars.toLocaleString('en-US')} characters`));
}

/** The same cap in bytes, with the route's own refusal (an uploaded file's is a 413). */
export function limitBodyBytes(maxBytes: number, tooLarge: () => Error): MiddlewareHandler {
  const counted = bodyLimit({ maxSize: maxBytes, onError: () => { throw tooLarge(); } });
  return async (context, next) => {
    const declared = context.req.header('content-length');
    if (declared !== undefined && context.req.header('transfer-encoding') === undefined) {
      if (!/^\d+$/.test(declared) || Number(declared) > maxBytes) throw tooLarge();
      return next();
    }
    return counted(context, next);
  };
}
