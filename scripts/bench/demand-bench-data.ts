/**
 * What the demand benchmark stands on: its own schema on the bench PostGIS (migrated, with the
 * demo dataset), dropped afterwards with everything the run wrote, audit trail included; the
 * 100,000 demands, made in one INSERT … SELECT; and the accounts the staff requests sign in with.
 */
import { serve } from '@hono/node-server';
import postgres from 'postgres';
import type { Role } from '../../core/accounts/roles.ts';
import { hashPassword } from '../../server/accounts/password.ts';
import { insertUser } from '../../server/accounts/user-sql.ts';
import type { RequestUser } from '../../server/app-env.ts';
import { createApp } from '../../server/app.ts';
import { createAppServices } from '../../server/app-services.ts';
import { loadConfig } from '../../server/config.ts';
import type { Sql } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createLogger } from '../../server/log.ts';
import { ensureDemoDataset } from '../../server/seed/ensure-dataset.ts';

const SCHEMA = 'bench_demands';
const DEMO_SEED = 20211223;
const PASSWORD = 'bench-demands-password';

export interface DemandBenchSchema {
  sql: Sql;
  /** The app served on a loopback port, behind a "proxy" (TRUST_PROXY): X-Forwarded-For names the client. */
  serveApp(): Promise<{ origin: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * A schema of its own, first on the search path, so the run's rows (demands, sessions, the
 * append-only audit trail) go with DROP SCHEMA. PostGIS stays in public, where every other
 * benchmark on this database expects it.
 */
export async function openDemandBenchSchema(url: string): Promise<DemandBenchSchema> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin`CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public`;
    await admin.unsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
  } finally {
    await admin.end();
  }
  const sql = postgres(url, {
    max: 10,
    onnotice: () => {},
    connection: { search_path: `${SCHEMA}, public` },
    types: { bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) } },
  }) as unknown as Sql;
  const log = createLogger('silent');
  await migrate(sql);
  await ensureDemoDataset(sql, DEMO_SEED, log);
  return {
    sql,
    async serveApp() {
      const config = loadConfig({ TRUST_PROXY: 'true' });
      const app = createApp({ config, sql, state: { phase: 'ready', database: 'postgres' }, log, services: createAppServices(sql, log) });
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as { port: number };
      return {
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
      };
    },
    async close() {
      await sql.end();
      const cleaner = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await cleaner.unsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      } finally {
        await cleaner.end();
      }
    },
  };
}

/**
 * `count` demands in one statement: places on the populated grid cells, types, sources, states
 * and two years of dates drawn from hashes of the row number (the same rows every run), a mix
 * like a busy list's (mostly in the list, some waiting, a few refused, merged or hidden).
 */
export async function generateBenchDemands(sql: Sql, count: number): Promise<number> {
  const [row] = await sql<{ inserted: number }[]>`
    WITH cells AS MATERIALIZED (
      SELECT row_number() OVER (ORDER BY p.id) AS n, ST_X(ST_Centroid(p.geom)) AS lon, ST_Y(ST_Centroid(p.geom)) AS lat,
             p.community_code, c.town_code
      FROM population p JOIN communities c ON c.code = p.community_code
    ), types AS MATERIALIZED (
      SELECT row_number() OVER (ORDER BY id) AS n, id, optimization FROM demand_types
    ), draws AS (
      SELECT g, hashint4(g)::bigint & 2147483647 AS h1, hashint4(g + 1000003)::bigint & 2147483647 AS h2,
             hashint4(g + 2000003)::bigint & 2147483647 AS h3
      FROM generate_series(1, ${count}::int) AS g
    ), rows AS (
      SELECT d.*, cl.lon, cl.lat, cl.community_code, cl.town_code, t.id AS type, t.optimization,
             CASE WHEN d.h2 % 100 < 40 THEN 'accepted' WHEN d.h2 % 100 < 60 THEN 'planned' WHEN d.h2 % 100 < 75 THEN 'resolved'
                  WHEN d.h2 % 100 < 90 THEN 'submitted' WHEN d.h2 % 100 < 95 THEN 'rejected' WHEN d.h2 % 100 < 98 THEN 'merged'
                  ELSE 'hidden' END AS status,
             now() - make_interval(secs => (d.h1 % (730 * 86400))::float8) AS created_at
      FROM draws d
      JOIN cells cl ON cl.n = 1 + d.h1 % (SELECT count(*) FROM cells)
      JOIN types t ON t.n = 1 + d.h3 % (SELECT count(*) FROM types)
    ), inserted AS (
      INSERT INTO demands (receipt, optimization, type, title, text, source, status, reason, merged_into, support_count,
                           community_code, town_code, demo, created_at, updated_at, geom)
      -- Hexadecimal digits are all in the receipt alphabet; the B keeps them apart from demo receipts' patterns.
      SELECT 'B' || lpad(upper(to_hex(r.g)), 9, '0'),
             r.optimization, r.type, '基准需求 ' || r.g, '基准测试生成的第 ' || r.g || ' 条需求：小区停车难、加装电梯、幼儿园学位。',
             (ARRAY['hotline', 'deputy', 'survey', 'public', 'planner'])[1 + r.h2 % 5], r.status,
             CASE WHEN r.status = 'rejected' THEN '基准测试' END, CASE WHEN r.status = 'merged' THEN 1 END, r.h3 % 50,
             r.community_code, r.town_code, true, r.created_at, r.created_at,
             ST_SetSRID(ST_MakePoint(r.lon + (r.h2 % 801 - 400) * 1e-6, r.lat + (r.h3 % 801 - 400) * 1e-6), 4326)
      FROM rows r
      ON CONFLICT (receipt) DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS inserted FROM inserted`;
  // What autovacuum keeps on a list that grows day by day: statistics and the visibility map.
  await sql`VACUUM ANALYZE demands`;
  return row.inserted;
}

/** An account of the role (a town office gets the busiest town), and the user as the list's SQL sees it. */
export async function createBenchUser(sql: Sql, role: Role): Promise<RequestUser> {
  const [busiest] = await sql<{ town: string }[]>`SELECT town_code AS town FROM demands GROUP BY town_code ORDER BY count(*) DESC LIMIT 1`;
  const user = await insertUser(sql, {
    username: `bench-${role}`, displayName: `基准 · ${role}`, role, town: role === 'town' ? busiest.town : null, communities: [],
    passwordHash: await hashPassword(PASSWORD),
  });
  if (!user) throw new Error(`bench-${role} exists already`);
  return { id: user.id, username: user.username, displayName: user.displayName, role, town: user.town, communities: user.communities };
}

/** Sign in through the API: the Cookie header value of the session. */
export async function signInBench(origin: string, username: string): Promise<string> {
  const response = await fetch(`${origin}/api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  const token = /atlas_session=([^;]+)/.exec(response.headers.get('Set-Cookie') ?? '')?.[1];
  if (!token) throw new Error(`signing in as ${username}: HTTP ${response.status}`);
  return `atlas_session=${token}`;
}
