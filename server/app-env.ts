import type { Config } from './config.ts';
import type { Sql } from './db/client.ts';
import type { Logger } from './log.ts';
import type { AppServices } from './app-services.ts';

/**
 * The types every route shares, apart from the app that mounts them: routes import this module,
 * the app imports the routes, and no type cycle runs between them.
 */

/** What the server knows about its own start-up; health and the readiness gate report it. */
export interface ServerState {
  phase: 'starting' | 'migrating' | 'loading' | 'ready' | 'failed';
  reason?: string;
  database: 'embedded' | 'postgres';
  postgis?: string;
}

export interface AppDependencies {
  config: Config;
  sql: Sql;
  state: ServerState;
  log: Logger;
  /** Caches and workers bound to this app's database, made in one place (app-services.ts). */
  services: AppServices;
}

export type AppEnv = { Variables: { deps: AppDependencies } };
