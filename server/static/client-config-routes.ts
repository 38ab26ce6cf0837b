import { Hono } from 'hono';
import type { ClientConfig } from '../../core/api/responses.ts';
import type { AppEnv } from '../app-env.ts';

export const clientConfigRoutes = new Hono<AppEnv>();

/**
 * What the map client may only learn from the server's configuration. The online basemap is off
 * unless ONLINE_BASEMAP_URL is set, so the map works with no internet by default.
 */
clientConfigRoutes.get('/client-config', (context) => {
  const { config } = context.get('deps');
  return context.json({ onlineBasemapUrl: config.onlineBasemapUrl ?? null } satisfies ClientConfig);
});
