/**
 * Many signed-in editors at once on a real PostGIS: each reads a kindergarten and PATCHes it with
 * If-Match, adding one seat to what it read, over and over, on a few features so that editors
 * collide. Afterwards nothing may be lost: per feature, the version grew by exactly the accepted
 * PATCHes, so did the seats (a lost update would drop an increment), and the trail holds one row
 * per accepted PATCH. Baseline: one editor alone, in the same run.
 */
import type { FeatureRecord } from '../../core/layers/feature-contract.ts';
import { featureEntity } from '../../core/layers/feature-contract.ts';
import { ensureBenchAccounts, signInOver } from './bench-accounts.ts';
import type { BenchDatabase } from './bench-database.ts';
import { formatMs, heading, median, percentile, report } from './measure.ts';

const EDITORS = 50;
const DURATION_MS = 30_000;
const ALONE_MS = 5_000;
/** Few enough that editors often edit the same feature at the same time. */
const FEATURES = 10;

interface Feature {
  id: number;
  version: number;
  seats: number;
}

interface RunStats {
  requests: number;
  accepted: Map<number, number>;
  stale: number;
  errors: number;
  errorSamples: string[];
  patchMs: number[];
}

const featureUrl = (origin: string, id: number) => `${origin}/api/layers/kindergartens/features/${id}`;

/** Every editor loops until the deadline: read a feature, add a seat on the version read. */
async function runEditors(origin: string, cookies: readonly string[], features: readonly Feature[], durationMs: number): Promise<RunStats> {
  const stats: RunStats = { requests: 0, accepted: new Map(), stale: 0, errors: 0, errorSamples: [], patchMs: [] };
  const fail = (what: string) => {
    stats.errors += 1;
    if (stats.errorSamples.length < 5) stats.errorSamples.push(what);
  };
  const deadline = performance.now() + durationMs;
  await Promise.all(cookies.map(async (cookie, editor) => {
    for (let turn = 0; performance.now() < deadline; turn += 1) {
      const { id } = features[(editor * 3 + turn * 7) % features.length];
      const read = await fetch(featureUrl(origin, id), { headers: { Cookie: cookie } });
      stats.requests += 1;
      if (read.status !== 200) {
        fail(`GET ${read.status}: ${(await read.text()).slice(0, 200)}`);
        continue;
      }
      const feature = (await read.json()) as FeatureRecord;
      const started = performance.now();
      const patch = await fetch(featureUrl(origin, id), {
        method: 'PATCH',
        headers: { Cookie: cookie, 'Content-Type': 'application/json', 'If-Match': read.headers.get('ETag') ?? '' },
        body: JSON.stringify({ properties: { seats: Number(feature.properties.seats) + 1 } }),
      });
      const answer = await patch.text();
      stats.patchMs.push(performance.now() - started);
      stats.requests += 1;
      if (patch.status === 200) stats.accepted.set(id, (stats.accepted.get(id) ?? 0) + 1);
      else if (patch.status === 409) stats.stale += 1;
      else fail(`PATCH ${patch.status}: ${answer.slice(0, 200)}`);
    }
  }));
  return stats;
}

const readFeatures = (database: BenchDatabase, ids: readonly number[]) =>
  database.sql<Feature[]>`SELECT id, version, seats FROM kindergartens WHERE id = ANY(${ids as number[]}::int[]) ORDER BY id`;

export async function benchConcurrentEditors(database: BenchDatabase): Promise<void> {
  heading(`${EDITORS} signed-in editors reading and PATCHing ${FEATURES} kindergartens for ${DURATION_MS / 1000} s (${database.kind} database)`);
  const usernames = Array.from({ length: EDITORS }, (_, index) => `bench-editor-${String(index).padStart(2, '0')}`);
  await ensureBenchAccounts(database.sql, usernames, 'commission');
  const server = await database.serveApp();
  try {
    // One after another, as people arrive: attempts being checked count towards their address's
    // limit (so a burst of guesses cannot slip through), and all 50 come from this machine.
    const cookies: string[] = [];
    for (const username of usernames) cookies.push(await signInOver(server.origin, username));
    const ids = (await database.sql<{ id: number }[]>`SELECT id FROM kindergartens WHERE seats IS NOT NULL ORDER BY id LIMIT ${FEATURES}`).map((row) => row.id);
    const before = await readFeatures(database, ids);
    const [{ lastAudit }] = await database.sql<{ lastAudit: number }[]>`SELECT coalesce(max(id), 0)::bigint AS "lastAudit" FROM audit_log`;

    const alone = await runEditors(server.origin, cookies.slice(0, 1), before, ALONE_MS);
    const crowd = await runEditors(server.origin, cookies, before, DURATION_MS);

    const after = await readFeatures(database, ids);
    const trail = new Map((await database.sql<{ id: string; rows: number }[]>`
      SELECT entity_id AS id, count(*)::int AS rows FROM audit_log
      WHERE id > ${lastAudit} AND entity = ${featureEntity('kindergartens')} AND action = 'update' AND actor LIKE 'bench-editor-%'
      GROUP BY entity_id`).map((row) => [Number(row.id), row.rows]));
    let lostVersions = 0;
    let lostSeats = 0;
    let trailMismatch = 0;
    for (const [index, feature] of after.entries()) {
      const accepted = (alone.accepted.get(feature.id) ?? 0) + (crowd.accepted.get(feature.id) ?? 0);
      lostVersions += Math.abs(feature.version - before[index].version - accepted);
      lostSeats += Math.abs(feature.seats - before[index].seats - accepted);
      trailMismatch += Math.abs((trail.get(feature.id) ?? 0) - accepted);
    }
    const acceptedInCrowd = [...crowd.accepted.values()].reduce((sum, count) => sum + count, 0);
    const aloneMs = median(alone.patchMs);
    const crowdMs = median(crowd.patchMs);
    report(`baseline: one editor alone for ${ALONE_MS / 1000} s, PATCH median`, formatMs(aloneMs));
    report(`requests (GET + PATCH) by ${EDITORS} editors in ${DURATION_MS / 1000} s`, String(crowd.requests));
    report('  per second', (crowd.requests / (DURATION_MS / 1000)).toFixed(1));
    report('  PATCH median', formatMs(crowdMs), crowdMs / aloneMs);
    report('  PATCH 95th percentile', formatMs(percentile(crowd.patchMs, 0.95)), percentile(crowd.patchMs, 0.95) / aloneMs);
    report('  PATCHes accepted (200) / refused as stale (409)', `${acceptedInCrowd} / ${crowd.stale}`);
    report('errors (neither 2xx nor 409)', String(alone.errors + crowd.errors), undefined, '0');
    report('lost updates: version ≠ before + accepted PATCHes', String(lostVersions), undefined, '0');
    report('lost updates: seats ≠ before + accepted increments', String(lostSeats), undefined, '0');
    report('audit rows ≠ accepted PATCHes', String(trailMismatch), undefined, '0');
    for (const sample of [...alone.errorSamples, ...crowd.errorSamples]) console.log(`    ${sample}`);
    await restoreSeats(server.origin, cookies[0], before);
  } finally {
    await server.close();
  }
}

/** Put the seats back as they were, through the API like any edit (the trail says so). */
async function restoreSeats(origin: string, cookie: string, features: readonly Feature[]): Promise<void> {
  for (const feature of features) {
    const read = await fetch(featureUrl(origin, feature.id));
    await read.arrayBuffer();
    const response = await fetch(featureUrl(origin, feature.id), {
      method: 'PATCH',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', 'If-Match': read.headers.get('ETag') ?? '' },
      body: JSON.stringify({ properties: { seats: feature.seats } }),
    });
    await response.arrayBuffer();
  }
}
