import { Hono } from 'hono';
import type { ClientConfig } from '../../core/api/responses.ts';
import type { AppEnv } from '../app-env.ts';
import { DEMO_ACCOUNTS } from '../accounts/demo-accounts.ts';

export const clientConfigRoutes = new Hono<AppEnv>();

/**
 * What the map client may only learn from the server's configuration. The online basemap is off
 * unless ONLINE_BASEMAP_URL is set, so the map works with no internet by default. The demo
 * accounts are named only where they exist, so the sign-in form never offers one that does not.
 */
clientConfigRoutes.get('/client-config', (context) => {
  const { config } = context.get('deps');
  return context.json({
    onlineBasemapUrl: config.onlineBasemapUrl ?? null,
    demoAccounts: config.demoAccounts ? DEMO_ACCOUNTS.map((account) => account.username) : [],
  } satisfies ClientConfig);
});
