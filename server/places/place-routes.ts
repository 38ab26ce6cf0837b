import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { badRequest } from '../errors.ts';
import { readDivisions, searchPlaces } from './place-sql.ts';

export const placeRoutes = new Hono<AppEnv>();

const MAX_QUERY_LENGTH = 100;
const MAX_RESULTS = 10;

/** Towns and communities with names, label points and extents, for labels and code → name lookups. */
placeRoutes.get('/divisions', async (context) => {
  const { sql } = context.get('deps');
  context.header('Cache-Control', 'no-cache');
  return context.json(await readDivisions(sql));
});

/** Find a town or community by part of its Chinese name or its English / pinyin name. */
placeRoutes.get('/search', async (context) => {
  const query = (context.req.query('q') ?? '').trim();
  if (!query) throw badRequest('invalid_query', 'q must name part of a town or community name', { q: query });
  if (query.length > MAX_QUERY_LENGTH) {
    throw badRequest('invalid_query', `q must be at most ${MAX_QUERY_LENGTH} characters`, { length: query.length });
  }
  // PostgreSQL text cannot hold NUL, and no name holds a control character: refuse, don't fail.
  if (/[\u0000-\u001f\u007f]/.test(query)) throw badRequest('invalid_query', 'q must not contain control characters', { length: query.length });
  const { sql } = context.get('deps');
  return context.json(await searchPlaces(sql, query, MAX_RESULTS));
});
