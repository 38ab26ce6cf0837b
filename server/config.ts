import { z } from 'zod';
import { ANALYSIS_DEFAULTS } from '../core/standards.ts';

/**
 * The one module that reads the environment. Everything else receives a `Config`.
 * A bad value stops start-up with a message naming the variable, never a stack trace.
 */
const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), 'must be a postgres:// or postgresql:// URL');

/** Known to everyone who reads the README: refused when the server listens beyond loopback. */
export const DEFAULT_DEMO_PASSWORD = 'atlas-demo';

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('data'),
  DEMO_SEED: z.coerce.number().int().nonnegative().default(20211223),
  LOG_LEVEL: z.enum(['silent', 'info', 'debug']).default('info'),
  /** Style URL of an online basemap; unset means our own offline basemap only. */
  ONLINE_BASEMAP_URL: z.url().optional(),
  /** `npm run dev` turns this off: Vite serves the client there, with reload. */
  SERVE_CLIENT: z.enum(['true', 'false']).default('true'),
  /** Turns walking metres into minutes in network analysis and isochrones. */
  WALKING_SPEED_KMH: z.coerce.number().min(1).max(10).default(ANALYSIS_DEFAULTS.walkingSpeedKmh),
  /** The address users reach the site at; https makes the session cookie Secure. */
  PUBLIC_URL: z.url().refine((value) => /^https?:\/\//.test(value), 'must be an http:// or https:// URL').optional(),
  /** Set behind a reverse proxy: client addresses are then read from X-Forwarded-For. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Demo accounts (one per role) on a DATABASE_URL database; the embedded demo always has them. */
  DEMO_ACCOUNTS: z.enum(['true', 'false']).optional(),
  DEMO_PASSWORD: z.string().min(10, 'must have at least 10 characters').max(200).default(DEFAULT_DEMO_PASSWORD),
});

export interface Config {
  /** The address users reach the site at (cookies are Secure when it is https). */
  publicUrl?: string;
  /** Read client addresses from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy: boolean;
  /** Create the demo accounts: always on the embedded database, on DATABASE_URL only when asked. */
  demoAccounts: boolean;
  demoPassword: string;

  port: number;
  host: string;
  /** Unset: the embedded PGlite + PostGIS database under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  demoSeed: number;
  logLevel: 'silent' | 'info' | 'debug';
  onlineBasemapUrl?: string;
  serveClient: boolean;
  walkingSpeedKmh: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as shells and .env files produce them for "no value". */
function withoutEmptyValues(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    // Name the variable and the rule, never echo the value: it may hold a password.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  const demoAccounts = values.DEMO_ACCOUNTS === undefined ? !values.DATABASE_URL : values.DEMO_ACCOUNTS === 'true';
  if (demoAccounts && values.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD && !isLoopbackHost(values.HOST)) {
    throw new ConfigError([`DEMO_PASSWORD: the demo accounts' default password may only be used on a loopback address; HOST is ${values.HOST}: set DEMO_PASSWORD, or DEMO_ACCOUNTS=false`]);
  }
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.DATA_DIR,
    demoSeed: values.DEMO_SEED,
    logLevel: values.LOG_LEVEL,
    onlineBasemapUrl: values.ONLINE_BASEMAP_URL,
    serveClient: values.SERVE_CLIENT === 'true',
    walkingSpeedKmh: values.WALKING_SPEED_KMH,
    publicUrl: values.PUBLIC_URL,
    trustProxy: values.TRUST_PROXY === 'true',
    demoAccounts,
    demoPassword: values.DEMO_PASSWORD,
  };
}

/** The test suite's own switch: a real PostGIS to run every database test against as well. */
export function readTestDatabaseUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const value = env.TEST_DATABASE_URL || env.DATABASE_URL;
  return value ? postgresUrl.parse(value) : undefined;
}

/** Loopback names and addresses: only this machine can reach a server listening there. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
