import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { badRequest, notFound } from '../errors.ts';
import { readCommunityProfile } from './community-sql.ts';

export const communityRoutes = new Hono<AppEnv>();

/** Division codes are digits (12 for a community); imported data may use letters and dashes too. */
const CODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$/;

/** One community's profile: population, area, town and the facilities inside it. */
communityRoutes.get('/communities/:code', async (context) => {
  const code = context.req.param('code');
  if (!CODE_PATTERN.test(code)) {
    throw badRequest('invalid_code', 'a community code is 1–40 letters, digits, "-" or "_"', { code: code.slice(0, 80) });
  }
  const { sql } = context.get('deps');
  const profile = await readCommunityProfile(sql, code);
  if (!profile) throw notFound('unknown_community', `no community with code ${code}`, { code });
  return context.json(profile);
});
