/**
 * What accounts cost, on each database:
 * - signing in over HTTP (throttle check, argon2id, session and audit rows), median of 20;
 *   baseline: the argon2id verification alone, in the same run;
 * - a kindergarten edit as the feature route makes it (lock-read, update on the version read),
 *   bare and with the session lookup and the audit row in its transaction (target ≤ 1.3×); and
 *   the real `PATCH /api/layers/kindergartens/features/:id` over HTTP against the bare edit;
 * - on BENCH_DATABASE_URL (loopback only): 50 signed-in editors for 30 s (accounts-editors.ts).
 */
import { findLayer } from '../../core/layers/registry.ts';
import { featureEntity, type FeatureRecord } from '../../core/layers/feature-contract.ts';
import { checkPassword, hashPassword } from '../../server/accounts/password.ts';
import { readSessionUser } from '../../server/accounts/session-sql.ts';
import { hashSessionToken } from '../../server/accounts/session-token.ts';
import { writeAudit } from '../../server/audit/audit-sql.ts';
import { isLoopbackHost } from '../../server/config.ts';
import type { Sql } from '../../server/db/client.ts';
import { readFeature, updateFeature } from '../../server/features/feature-sql.ts';
import { benchConcurrentEditors } from './accounts-editors.ts';
import { BENCH_PASSWORD, ensureBenchAccounts, signInOver } from './bench-accounts.ts';
import { benchDatabaseKinds, openBenchDatabase, type BenchDatabase } from './bench-database.ts';
import { formatMs, heading, median, report, timeIt } from './measure.ts';

const LAYER = findLayer('kindergartens')!;
const SIGN_INS = 20;
const EDITS = 60;
const WARM_UP = 5;

const within = (value: number, low: number, high: number) => `${low}–${high} ms ${value >= low && value <= high ? 'met' : 'MISSED'}`;

async function benchSignIn(origin: string): Promise<void> {
  const hash = await hashPassword(BENCH_PASSWORD);
  report('argon2id parameters (from a stored hash)', /^\$argon2id\$v=\d+\$([^$]+)\$/.exec(hash)?.[1] ?? hash.slice(0, 30));
  const verifying: number[] = [];
  for (let run = 0; run < SIGN_INS; run += 1) verifying.push((await timeIt(() => checkPassword(hash, BENCH_PASSWORD))).ms);
  const baseline = median(verifying);
  report(`baseline: argon2id verification alone, median of ${SIGN_INS}`, formatMs(baseline));
  for (let run = 0; run < WARM_UP; run += 1) await signInOver(origin, 'bench-signin');
  const signingIn: number[] = [];
  for (let run = 0; run < SIGN_INS; run += 1) signingIn.push((await timeIt(() => signInOver(origin, 'bench-signin'))).ms);
  const signIn = median(signingIn);
  report(`sign-in over HTTP, median of ${SIGN_INS}`, formatMs(signIn), signIn / baseline, within(signIn, 50, 250));
}

/**
 * The same edit three ways, interleaved so the machine's noise falls on all alike: the route's
 * SQL alone; with the session lookup before it and the audit row inside its transaction; and
 * the real PATCH over HTTP (If-Match, validation, session, audit, JSON both ways).
 */
async function benchEditOverhead(sql: Sql, origin: string): Promise<void> {
  const [{ id, seats: originalSeats }] = await sql<{ id: number; seats: number }[]>`SELECT id, seats FROM kindergartens WHERE seats IS NOT NULL ORDER BY id LIMIT 1`;
  const cookie = await signInOver(origin, 'bench-editor-00');
  const tokenHash = hashSessionToken(cookie.slice(cookie.indexOf('=') + 1));
  let seats = originalSeats;

  const bareEdit = () =>
    sql.begin(async (tx) => {
      const before = (await readFeature(tx, LAYER, id, { lock: true }))!;
      return updateFeature(tx, LAYER, id, before.version, { seats: ++seats }, undefined);
    });
  const accountedEdit = async () => {
    const user = (await readSessionUser(sql, tokenHash))!;
    return sql.begin(async (tx) => {
      const before = (await readFeature(tx, LAYER, id, { lock: true }))!;
      const after = await updateFeature(tx, LAYER, id, before.version, { seats: ++seats }, undefined);
      await writeAudit(tx, { userId: user.id, name: user.username, role: user.role, requestId: 'bench' }, { action: 'update', entity: featureEntity(LAYER.id), entityId: id, before, after });
      return after;
    });
  };
  const routeEdit = async () => {
    const version = (await readFeature(sql, LAYER, id))!.version;
    const started = performance.now();
    const response = await fetch(`${origin}/api/layers/${LAYER.id}/features/${id}`, {
      method: 'PATCH',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', 'If-Match': `"v${version}"` },
      body: JSON.stringify({ properties: { seats: ++seats } }),
    });
    const record = (await response.json()) as FeatureRecord;
    if (response.status !== 200) throw new Error(`PATCH answered ${response.status}: ${JSON.stringify(record)}`);
    return performance.now() - started;
  };

  const times = { bare: [] as number[], accounted: [] as number[], route: [] as number[] };
  for (let run = 0; run < WARM_UP + EDITS; run += 1) {
    const bare = await timeIt(bareEdit);
    const accounted = await timeIt(accountedEdit);
    const route = await routeEdit();
    if (run < WARM_UP) continue;
    times.bare.push(bare.ms);
    times.accounted.push(accounted.ms);
    times.route.push(route);
  }
  const baseline = median(times.bare);
  const accounted = median(times.accounted);
  const route = median(times.route);
  report(`baseline: the edit's SQL alone (lock, update on version), median of ${EDITS}`, formatMs(baseline));
  report('  + session lookup + audit row in its transaction', formatMs(accounted), accounted / baseline, `≤ 1.3× ${accounted / baseline <= 1.3 ? 'met' : 'MISSED'}`);
  report('  the real PATCH over HTTP (validation, session, audit, JSON)', formatMs(route), route / baseline);
  await sql.begin(async (tx) => {
    const current = (await readFeature(tx, LAYER, id, { lock: true }))!;
    await updateFeature(tx, LAYER, id, current.version, { seats: originalSeats }, undefined);
  });
}

async function benchOn(database: BenchDatabase): Promise<void> {
  await ensureBenchAccounts(database.sql, ['bench-signin', 'bench-editor-00'], 'commission');
  const server = await database.serveApp();
  try {
    heading(`sign-in (${database.kind} database)`);
    await benchSignIn(server.origin);
    heading(`a kindergarten edit, with and without the session check and the audit row (${database.kind} database)`);
    await benchEditOverhead(database.sql, server.origin);
  } finally {
    await server.close();
  }
}

export async function benchAccounts(): Promise<void> {
  const benchUrl = process.env.BENCH_DATABASE_URL;
  for (const kind of benchDatabaseKinds()) {
    if (kind === 'postgres' && !isLoopbackHost(new URL(benchUrl!).hostname)) {
      console.log(`\n== accounts (postgres): skipped, BENCH_DATABASE_URL is not on this machine (its accounts and edits are benchmark data)`);
      continue;
    }
    const database = await openBenchDatabase(kind);
    try {
      await benchOn(database);
      if (kind === 'postgres') await benchConcurrentEditors(database);
    } finally {
      await database.close();
    }
  }
  if (!benchUrl) console.log('\n== 50 concurrent editors: set BENCH_DATABASE_URL to a PostGIS on this machine to run them');
}
