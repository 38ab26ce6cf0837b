import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from '../errors.ts';

/**
 * Parse the query string against a strict schema: an unknown or repeated parameter, or a value
 * the schema refuses, is a 400 naming it.
 */
export function readQuery<Schema extends z.ZodType>(context: Context, schema: Schema): z.infer<Schema> {
  const values: Record<string, string> = {};
  for (const [name, value] of new URL(context.req.url).searchParams) {
    if (name in values) throw badRequest('invalid_query', `the parameter ${JSON.stringify(name.slice(0, 40))} is given twice`);
    values[name] = value;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.').slice(0, 80), message: issue.message.slice(0, 200) }));
    throw badRequest('invalid_query', `invalid query: ${details.map((detail) => `${detail.path || 'query'}: ${detail.message}`).join('; ')}`, details);
  }
  return parsed.data;
}
