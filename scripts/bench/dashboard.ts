/**
 * The dashboard's data on each database (the embedded one, and with BENCH_DATABASE_URL a real
 * PostGIS: this benchmark's own database beside it, created and seeded when missing), through the
 * API as the dashboard page calls it: the year's targets (district and one town), the towns'
 * comparison (coverage gained included), the surveys by quarter, the late projects and demand
 * counts, the city check at every level, and the monthly report; with the demo library and again
 * with ten thousand projects. p50 and p95 are printed with their ratios to the baseline, the
 * project list's first page, unfiltered, measured the same way in the same run.
 */
import { benchDatabaseKinds, openBenchDatabase } from './bench-database.ts';
import { ensureDashboardDatabase } from './dashboard-database.ts';
import { formatMs, heading, median, percentile, report } from './measure.ts';
import { ensureBenchCommission, growProjectLibrary, removeBenchProjects, signInBenchCommission } from './project-bench-data.ts';

const LIBRARY_SIZE = 10_000;
const RUNS = 15;
const TARGET_MS = 100;
/** The monthly report reads all of the above and writes a document: the issue allows it 3 s. */
const REPORT_TARGET_MS = 3_000;

const verdict = (value: number, target: number) => `p95 ≤ ${formatMs(target)} ${value <= target ? 'met' : 'MISSED'}`;

async function timeCalls(origin: string, cookie: string, path: string): Promise<number[]> {
  const call = async () => {
    const response = await fetch(origin + path, { headers: { Cookie: cookie } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  // The first call fills what is kept per data version (the analysis's distances): the page's
  // later visits are what is measured.
  await call();
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    await call();
    runs.push(performance.now() - started);
  }
  return runs;
}

/** The dashboard's calls: [label, path, target]. */
function dashboardCalls(town: string, year: string, month: string): Array<[string, string, number]> {
  const quarters = [1, 2, 3, 4].map((quarter) => `${year}Q${quarter}`);
  return [
    ['targets of the year, district', `/api/targets?year=${year}`, TARGET_MS],
    ['targets of the year, one town', `/api/targets?year=${year}&town=${town}`, TARGET_MS],
    ['towns comparison, a year', `/api/towns/comparison?period=${year}`, TARGET_MS],
    ['towns comparison, a quarter', `/api/towns/comparison?period=${year}Q3`, TARGET_MS],
    ['surveys of the latest quarter', '/api/surveys', TARGET_MS],
    ...quarters.map((quarter): [string, string, number] => [`surveys of ${quarter}, one town`, `/api/surveys?quarter=${quarter}&town=${town}`, TARGET_MS]),
    ['late projects, one town (dashboard list)', `/api/projects?late=true&sort=late&limit=10&town=${town}`, TARGET_MS],
    ['demands by status and town', '/api/demand-counts?by=town', TARGET_MS],
    ['city check, district', '/api/city-check', TARGET_MS],
    ['city check, towns', '/api/city-check?level=town', TARGET_MS],
    ['city check, communities', '/api/city-check?level=community', TARGET_MS],
    ['monthly report, Word', `/api/reports/monthly?month=${month}`, REPORT_TARGET_MS],
    ['monthly report, page to print', `/api/reports/monthly?month=${month}&format=html`, REPORT_TARGET_MS],
  ];
}

async function measure(origin: string, cookie: string, calls: Array<[string, string, number]>, label: string): Promise<string[]> {
  console.log(`  -- ${label}`);
  const baseline = median(await timeCalls(origin, cookie, '/api/projects?limit=20'));
  report('baseline: the project list, first page, p50', formatMs(baseline));
  const missed: string[] = [];
  for (const [name, path, target] of calls) {
    const runs = await timeCalls(origin, cookie, path);
    const [p50, p95] = [median(runs), percentile(runs, 0.95)];
    console.log(`  ${`${name} p50 / p95`.padEnd(52)} ${`${formatMs(p50)} / ${formatMs(p95)}`.padStart(20)}  ×${(p50 / baseline).toFixed(2)} / ×${(p95 / baseline).toFixed(2)} baseline  (${verdict(p95, target)})`);
    if (p95 > target) missed.push(name);
  }
  if (missed.length) console.log(`  missed here: ${missed.join(', ')}`);
  return missed;
}

export async function benchDashboard(): Promise<void> {
  const missed: string[] = [];
  for (const kind of benchDatabaseKinds()) {
    const ownUrl = kind === 'postgres' ? await ensureDashboardDatabase(process.env.BENCH_DATABASE_URL!) : undefined;
    heading(`dashboard data on the ${kind} database${ownUrl ? ` (${new URL(ownUrl).pathname.slice(1)})` : ''}`);
    const database = await openBenchDatabase(kind, ownUrl);
    try {
      // What a stopped run left behind goes first: the demo library is measured as the demo made it.
      await removeBenchProjects(database.sql, []);
      await ensureBenchCommission(database.sql);
      const [{ town }] = await database.sql<{ town: string }[]>`SELECT primary_town AS town FROM projects GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
      // The year the surveys reach and the last month with demands: where the demo data has figures.
      const [{ year, month }] = await database.sql<{ year: string; month: string }[]>`
        SELECT (SELECT max(left(quarter, 4)) FROM surveys) AS year,
               (SELECT to_char(max(created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') FROM demands) AS month`;
      const calls = dashboardCalls(town, year, month);
      const app = await database.serveApp();
      try {
        const cookie = await signInBenchCommission(app.origin);
        const [{ count }] = await database.sql<{ count: number }[]>`SELECT count(*)::int AS count FROM projects`;
        missed.push(...await measure(app.origin, cookie, calls, `${kind}, demo library (${count} projects)`));
        await growProjectLibrary(database.sql, LIBRARY_SIZE);
        await database.sql`ANALYZE projects`;
        missed.push(...await measure(app.origin, cookie, calls, `${kind}, ${LIBRARY_SIZE.toLocaleString('en-US')} projects`));
      } finally {
        await app.close();
      }
    } finally {
      await removeBenchProjects(database.sql, []);
      await database.close();
    }
  }
  console.log(missed.length ? `\n  ${missed.length} figures MISSED their target (listed under each section)` : '\n  every figure within its target');
}
