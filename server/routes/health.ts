import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';
import { unavailable } from '../errors.ts';

export const healthRoutes = new Hono<AppEnv>();

/** Ready only once the data is loaded; before that a 503 says what the server is doing. */
healthRoutes.get('/health', async (context) => {
  const { state, sql } = context.get('deps');
  if (state.phase !== 'ready') {
    throw unavailable('not_ready', state.reason ?? `the server is ${state.phase}`, { phase: state.phase });
  }
  // Ask the database each time: health must notice a database that went away.
  const [row] = await sql<{ version: string }[]>`SELECT postgis_lib_version() AS version`;
  return context.json({ status: 'ok', database: state.database, postgis: row.version });
});
