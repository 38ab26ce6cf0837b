import { z } from 'zod';
import { ANALYSIS_DEFAULTS } from '../core/standards.ts';

/**
 * The one module that reads the environment. Everything else receives a `Config`.
 * A bad value stops start-up with a message naming the variable, never a stack trace.
 */
const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), 'must be a postgres:// or postgresql:// URL');

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
});

export interface Config {
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
  };
}

/** The test suite's own switch: a real PostGIS to run every database test against as well. */
export function readTestDatabaseUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const value = env.TEST_DATABASE_URL || env.DATABASE_URL;
  return value ? postgresUrl.parse(value) : undefined;
}
