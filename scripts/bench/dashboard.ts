/**
 * The dashboard's data on each database (the embedded one, and BENCH_DATABASE_URL when set),
 * through the API as the page calls it: the year's targets (district and one town), the towns'
 * comparison and the surveys, with the demo library and again with ten thousand projects. The
 * baseline is the project list's first page, unfiltered, measured the same way in the same run.
 */
import { benchDatabaseKinds, openBenchDatabase } from './bench-database.ts';
import { formatMs, heading, median, percentile, report } from './measure.ts';
import { ensureBenchCommission, growProjectLibrary, removeBenchProjects, signInBenchCommission } from './project-bench-data.ts';

const LIBRARY_SIZE = 10_000;
const RUNS = 15;
const TARGET_MS = 100;
/** The monthly report reads all of the above and writes a document: the issue allows it 3 s. */
const REPORT_TARGET_MS = 3_000;

const verdict = (value: number) => `≤ ${formatMs(TARGET_MS)} ${value <= TARGET_MS ? 'met' : 'MISSED'}`;

async function timeCalls(origin: string, cookie: string, path: string): Promise<number[]> {
  const call = async () => {
    const response = await fetch(origin + path, { headers: { Cookie: cookie } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  await call();
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    await call();
    runs.push(performance.now() - started);
  }
  return runs;
}

async function measure(origin: string, cookie: string, town: string, label: string) {
  console.log(`  -- ${label}`);
  const baseline = median(await timeCalls(origin, cookie, '/api/projects?limit=20'));
  report('baseline: the project list, first page, median', formatMs(baseline));
  const calls: Array<[string, string, boolean]> = [
    ['targets of the year, district (p50 / p95)', '/api/targets', true],
    ['targets of the year, one town (p50 / p95)', `/api/targets?town=${town}`, true],
    ['towns comparison, a year (p50 / p95)', '/api/towns/comparison?period=2026', true],
    ['towns comparison, a quarter (p50 / p95)', '/api/towns/comparison?period=2026Q3', true],
    ['surveys of the latest quarter (p50 / p95)', '/api/surveys', false],
  ];
  for (const [name, path, targeted] of calls) {
    const runs = await timeCalls(origin, cookie, path);
    const p95 = percentile(runs, 0.95);
    report(name, `${formatMs(median(runs))} / ${formatMs(p95)}`, median(runs) / baseline, targeted ? verdict(p95) : undefined);
  }
  for (const [name, path] of [['monthly report, Word (p50 / p95)', '/api/reports/monthly?month=2026-10'], ['monthly report, page to print (p50 / p95)', '/api/reports/monthly?month=2026-10&format=html']]) {
    const runs = await timeCalls(origin, cookie, path);
    const p95 = percentile(runs, 0.95);
    report(name, `${formatMs(median(runs))} / ${formatMs(p95)}`, median(runs) / baseline, `≤ ${formatMs(REPORT_TARGET_MS)} ${p95 <= REPORT_TARGET_MS ? 'met' : 'MISSED'}`);
  }
}

export async function benchDashboard(): Promise<void> {
  for (const kind of benchDatabaseKinds()) {
    heading(`dashboard data on the ${kind} database`);
    const database = await openBenchDatabase(kind);
    try {
      await ensureBenchCommission(database.sql);
      const [{ town }] = await database.sql<{ town: string }[]>`SELECT primary_town AS town FROM projects GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`;
      const app = await database.serveApp();
      try {
        const cookie = await signInBenchCommission(app.origin);
        const [{ count }] = await database.sql<{ count: number }[]>`SELECT count(*)::int AS count FROM projects`;
        await measure(app.origin, cookie, town, `demo library (${count} projects)`);
        await growProjectLibrary(database.sql, LIBRARY_SIZE);
        await measure(app.origin, cookie, town, `${LIBRARY_SIZE.toLocaleString('en-US')} projects`);
      } finally {
        await app.close();
      }
    } finally {
      await removeBenchProjects(database.sql, []);
      await database.close();
    }
  }
}
