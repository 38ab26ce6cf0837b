import { Hono } from 'hono';
import type { HealthResponse } from '../../core/api/responses.ts';
import type { AppEnv } from '../app-env.ts';

export const healthRoutes = new Hono<AppEnv>();

/** Answers once the data is loaded (the readiness gate says what the server is doing before). */
healthRoutes.get('/health', async (context) => {
  const { state, sql } = context.get('deps');
  // Ask the database each time: health must notice a database that went away.
  const [row] = await sql<{ version: string }[]>`SELECT postgis_lib_version() AS version`;
  return context.json({ status: 'ok', database: state.database, postgis: row.version } satisfies HealthResponse);
});
