import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AppEnv } from '../app-env.ts';
import { CLIENT_DIST } from './client-build.ts';

/**
 * The built client: hashed assets are immutable, index.html is always revalidated.
 * MapLibre's worker is an .mjs file and must go out as JavaScript (Hono's MIME table does that).
 */
export function serveClient(app: Hono<AppEnv>): void {
  // The bundle is text: gzip takes the 1.1 MB script to ~310 KB on the wire.
  app.use('/assets/*', compress());
  app.use('/index.html', compress());
  app.use('/', compress());
  app.use('/assets/*', async (context, next) => {
    await next();
    if (context.res.ok) context.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/*', serveStatic({
    root: CLIENT_DIST,
    onFound: (path, context) => {
      if (path.endsWith('.html')) context.header('Cache-Control', 'no-cache');
    },
  }));
}
