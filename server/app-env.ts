import type { Config } from './config.ts';
import type { Sql } from './db/client.ts';
import type { Logger } from './log.ts';
import type { AppServices } from './app-services.ts';
import type { SessionUser } from '../core/accounts/roles.ts';

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

/** The signed-in user behind a request, with the id the audit trail and scope checks use. */
export interface RequestUser extends SessionUser {
  id: number;
}

export type AppEnv = {
  Variables: {
    deps: AppDependencies;
    /** Names the request in the audit trail and the logs (also sent back as X-Request-Id). */
    requestId: string;
    /** The client's address: the socket's, or X-Forwarded-For's only when TRUST_PROXY is set. */
    address: string;
    /** The session's user, or null for the public. */
    user: RequestUser | null;
  };
};
