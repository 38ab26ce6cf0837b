import { Hono } from 'hono';
import type { ClientConfig } from '../../core/api/responses.ts';
import type { AppEnv } from '../app-env.ts';
import { DEMO_ACCOUNTS } from '../accounts/demo-accounts.ts';
import { readDistrictName } from '../places/place-sql.ts';

export const clientConfigRoutes = new Hono<AppEnv>();

/**
 * What the map client may only learn from the server's configuration. The online basemap is off
 * unless ONLINE_BASEMAP_URL is set, so the map works with no internet by default. The demo
 * accounts are named only where they exist, so the sign-in form never offers one that does not.
 */
clientConfigRoutes.get('/client-config', async (context) => {
  const { config, sql } = context.get('deps');
  // The district's name comes from the data, so another district (npm run district:init) is named as such.
  const district = await readDistrictName(sql);
  return context.json({
    onlineBasemapUrl: config.onlineBasemapUrl ?? null,
    demoAccounts: config.demoAccounts ? DEMO_ACCOUNTS.map((account) => account.username) : [],
    district,
  } satisfies ClientConfig);
});
