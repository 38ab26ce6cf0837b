/**
 * What the project benchmark stands on: a commission account to call the API with, and a library
 * grown to ten thousand projects by copying the demo library's (same places, towns and dates
 * moved by whole years, phases, publication and funding drawn from hashes of the row number: the
 * same rows every run), with their phase dates and milestones. Removed again afterwards.
 */
import { hashPassword } from '../../server/accounts/password.ts';
import { insertUser } from '../../server/accounts/user-sql.ts';
import type { Sql } from '../../server/db/client.ts';

export const BENCH_USERNAME = 'bench-projects';
const PASSWORD = 'bench-projects-password';
/** Copies carry this note, so the run can take them away again. */
const BENCH_NOTE = 'bench-projects';

/** The commission's account for the run (kept between runs on a real database: it holds no data). */
export async function ensureBenchCommission(sql: Sql): Promise<void> {
  await insertUser(sql, { username: BENCH_USERNAME, displayName: '基准 · 发展改革委', role: 'commission', town: null, communities: [], passwordHash: await hashPassword(PASSWORD) });
}

export async function signInBenchCommission(origin: string): Promise<string> {
  const response = await fetch(`${origin}/api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: BENCH_USERNAME, password: PASSWORD }),
  });
  const token = /atlas_session=([^;]+)/.exec(response.headers.get('Set-Cookie') ?? '')?.[1];
  if (!token) throw new Error(`signing in as ${BENCH_USERNAME}: HTTP ${response.status}`);
  return `atlas_session=${token}`;
}

/** Grow the library to `total` projects with copies of the demo ones; returns how many were added. */
export async function growProjectLibrary(sql: Sql, total: number): Promise<number> {
  const [{ count }] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM projects`;
  const wanted = total - count;
  if (wanted <= 0) return 0;
  const [row] = await sql<{ added: number }[]>`
    WITH sources AS MATERIALIZED (
      SELECT row_number() OVER (ORDER BY id) AS n, * FROM projects WHERE demo
    ), draws AS (
      SELECT g, hashint4(g)::bigint & 2147483647 AS h1, hashint4(g + 1000003)::bigint & 2147483647 AS h2
      FROM generate_series(1, ${wanted}::int) AS g
    ), copies AS (
      SELECT d.g, d.h1, d.h2, s.*,
             (ARRAY['proposed', 'approved', 'design', 'construction', 'construction', 'completed', 'completed', 'on_hold', 'cancelled'])[1 + d.h2 % 9] AS new_phase,
             make_interval(years => (d.h1 % 5)::int - 2) AS shift
      FROM draws d JOIN sources s ON s.n = 1 + d.g % (SELECT count(*) FROM sources)
    ), inserted AS (
      INSERT INTO projects (name, optimization, type, phase, held_from, phase_since, size_class, responsible_unit, funding, budget,
                            budget_note, deliverables, facility_layer, facility_properties, published, opportunity, recorded_progress,
                            progress, town_codes, community_codes, primary_town, primary_community, length_m, area_m2,
                            overdue_from, overdue_what, span_start, span_end, demo, created_at, updated_at, geom)
      SELECT left(c.name, 100) || '（' || c.g || '）', c.optimization, c.type, c.new_phase,
             CASE WHEN c.new_phase = 'on_hold' THEN 'design' END, c.phase_since + c.shift, c.size_class, c.responsible_unit, c.funding,
             c.budget, ${BENCH_NOTE}, c.deliverables, c.facility_layer, c.facility_properties, c.h1 % 10 < 8, c.h2 % 7 = 0,
             c.recorded_progress, CASE WHEN c.new_phase = 'completed' THEN 100 ELSE c.progress END,
             c.town_codes, c.community_codes, c.primary_town, c.primary_community, c.length_m, c.area_m2,
             CASE WHEN c.new_phase IN ('completed', 'cancelled') THEN NULL ELSE c.overdue_from + c.shift END,
             CASE WHEN c.new_phase IN ('completed', 'cancelled') THEN NULL ELSE c.overdue_what END,
             c.span_start + c.shift, c.span_end + c.shift, false, c.created_at + c.shift, c.updated_at + c.shift, c.geom
      FROM copies c
      RETURNING id, name
    ), dated AS (
      INSERT INTO project_phase_dates (project_id, phase, planned_start, planned_end, actual_start, actual_end)
      SELECT i.id, d.phase, d.planned_start, d.planned_end, d.actual_start, d.actual_end
      FROM inserted i JOIN copies c ON i.name = left(c.name, 100) || '（' || c.g || '）' JOIN project_phase_dates d ON d.project_id = c.id
      RETURNING 1
    ), marked AS (
      INSERT INTO project_milestones (project_id, position, name, planned, actual)
      SELECT i.id, m.position, m.name, m.planned, m.actual
      FROM inserted i JOIN copies c ON i.name = left(c.name, 100) || '（' || c.g || '）' JOIN project_milestones m ON m.project_id = c.id
      RETURNING 1
    )
    SELECT (SELECT count(*)::int FROM inserted) AS added, (SELECT count(*) FROM dated) AS dates, (SELECT count(*) FROM marked) AS milestones`;
  // What autovacuum keeps on a library that grows day by day: statistics and the visibility map.
  await sql`VACUUM ANALYZE projects`;
  await sql`VACUUM ANALYZE project_phase_dates`;
  await sql`VACUUM ANALYZE project_milestones`;
  return row.added;
}

/** The copies and what the run made go; the demo library stays. */
export async function removeBenchProjects(sql: Sql, extraIds: readonly number[]): Promise<void> {
  await sql`DELETE FROM projects WHERE budget_note = ${BENCH_NOTE} OR id IN ${sql(extraIds.length ? [...extraIds] : [-1])}`;
}
