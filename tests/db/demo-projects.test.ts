import { describe, expect, it } from 'vitest';
import { computeLateness, type Milestone, type PhaseDates } from '../../core/projects/project-schedule.ts';
import { REFERENCE_DATE } from '../../server/demo/project-schedule-draw.ts';
import { createLogger } from '../../server/log.ts';
import { buildDemoDataset } from '../../server/seed/demo-dataset.ts';
import { ensureDemoDataset } from '../../server/seed/ensure-dataset.ts';
import { TEST_SEED } from '../setup/prepare-database.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql } = useTestDatabase();
const expected = buildDemoDataset(TEST_SEED).projects!;

describe('the demo project library as loaded', () => {
  // Only what no later write changes: other files move demo projects on the same database.
  it('holds the generator’s projects, all marked demo, with their ids, names, codes and geometry', async () => {
    const rows = await sql<{ id: number; code: string; name: string; type: string; geometry: string; created_at: Date }[]>`
      SELECT id, code, name, type, ST_AsGeoJSON(geom, 6) AS geometry, created_at FROM projects WHERE demo AND id <= ${expected.length} ORDER BY id`;
    expect(rows.map((row) => [row.id, row.name, row.type])).toEqual(expected.map((project) => [project.id, project.name, project.type]));
    expect(rows.map((row) => row.code)).toEqual(expected.map((project) => `XM${String(project.id).padStart(6, '0')}`));
    expect(rows.map((row) => JSON.parse(row.geometry).coordinates)).toEqual(expected.map((project) => project.geometry.coordinates));
    expect(rows.map((row) => row.created_at.toISOString())).toEqual(expected.map((project) => project.createdAt));
  });

  it('lies inside the district, placed by the server’s own rule: a point in the community it was drawn in', async () => {
    const rows = await sql<{ id: number; inside: boolean; primary_community: string; primary_town: string; length_m: number | null; area_m2: number | null }[]>`
      SELECT p.id, ST_CoveredBy(p.geom, d.geom) AS inside, p.primary_community, p.primary_town, p.length_m, p.area_m2
      FROM projects p, district d WHERE p.demo AND p.id <= ${expected.length} ORDER BY p.id`;
    for (const [index, row] of rows.entries()) {
      const project = expected[index];
      expect(row.inside, project.name).toBe(true);
      if (project.geometry.type === 'Point') expect([row.primary_community, row.primary_town], project.name).toEqual([project.communityCode, project.townCode]);
      expect(row.length_m !== null).toBe(project.geometry.type === 'LineString');
      expect(row.area_m2 !== null).toBe(project.geometry.type === 'Polygon');
    }
  });

  it('keeps its planned and actual dates and milestones, and is late exactly as the schedule rule says on the reference day', async () => {
    const [dates, milestones, projects] = await Promise.all([
      sql<{ project_id: number; phase: 'approved' | 'design' | 'construction'; planned_start: string | null; planned_end: string | null; actual_start: string | null; actual_end: string | null }[]>`
        SELECT project_id, phase, planned_start::text, planned_end::text, actual_start::text, actual_end::text FROM project_phase_dates WHERE project_id <= ${expected.length}`,
      sql<{ project_id: number; name: string; planned: string | null; actual: string | null }[]>`
        SELECT project_id, name, planned::text, actual::text FROM project_milestones WHERE project_id <= ${expected.length} ORDER BY project_id, position`,
      sql<{ id: number; overdue_from: string | null; phase: string }[]>`SELECT id, overdue_from::text, phase FROM projects WHERE demo AND id <= ${expected.length} ORDER BY id`,
    ]);
    let late = 0;
    for (const project of expected) {
      const schedule: Record<string, PhaseDates> = {};
      for (const row of dates.filter((candidate) => candidate.project_id === project.id)) {
        schedule[row.phase] = { plannedStart: row.planned_start, plannedEnd: row.planned_end, actualStart: row.actual_start, actualEnd: row.actual_end };
      }
      expect(schedule).toEqual(project.schedule);
      const kept: Milestone[] = milestones.filter((row) => row.project_id === project.id).map(({ name, planned, actual }) => ({ name, planned, actual }));
      expect(kept).toEqual(project.milestones);
      const row = projects.find((candidate) => candidate.id === project.id)!;
      const lateness = computeLateness(project.phase, project.heldFrom, project.schedule, project.milestones, REFERENCE_DATE);
      expect(row.overdue_from !== null && row.overdue_from < REFERENCE_DATE).toBe(lateness.isLate);
      if (lateness.isLate) late += 1;
    }
    expect(late).toBeGreaterThan(10);
  });

  it('links each project to its demands, the completed ones’ resolved by the completion', async () => {
    const links = await sql<{ project_id: number; demand_id: number; resolved_by_completion: boolean }[]>`
      SELECT project_id, demand_id, resolved_by_completion FROM project_demands WHERE project_id <= ${expected.length} ORDER BY project_id, demand_id`;
    expect(links.map((link) => [link.project_id, link.demand_id]))
      .toEqual(expected.flatMap((project) => project.demandIds.map((demandId) => [project.id, demandId])));
    const completed = new Set(expected.filter((project) => project.phase === 'completed').map((project) => project.id));
    for (const link of links) expect(link.resolved_by_completion).toBe(completed.has(link.project_id));
  });

  it('names, for each completed project with a facility, the feature of its layer it became', async () => {
    const built = expected.filter((project) => project.facilityFeatureId !== null);
    expect(built.length).toBeGreaterThan(15);
    for (const project of built) {
      const [row] = await sql.unsafe<{ same: boolean; name: string }[]>(
        `SELECT ST_Equals(f.geom, p.geom) AS same, f.name FROM ${project.facility!.layer} f, projects p WHERE f.id = $1 AND p.id = $2`,
        [project.facilityFeatureId!, project.id]);
      expect(row, project.name).toEqual({ same: true, name: project.facility!.properties.name });
    }
  });

  it('continues the identity after the loaded ids', async () => {
    const [row] = await sql<{ next: number; max: number }[]>`
      SELECT nextval(pg_get_serial_sequence('projects', 'id'))::int AS next, (SELECT max(id) FROM projects)::int AS max`;
    expect(row.next).toBeGreaterThan(row.max);
  });

  // Last: it empties the library and lets start-up fill it again, as on a database from before it.
  it('fills the empty library of a demo database loaded before projects existed, leaving layers and demands alone', async () => {
    const others = async () => (await sql<{ digest: string }[]>`
      SELECT (SELECT md5(string_agg(k::text, ',' ORDER BY k.id)) FROM kindergartens k) || (SELECT md5(string_agg(d.id || d.status, ',' ORDER BY d.id)) FROM demands d) AS digest`)[0].digest;
    const before = await others();
    await sql`TRUNCATE project_inspections, project_milestones, project_phase_dates, project_demands, projects RESTART IDENTITY`;
    await ensureDemoDataset(sql, TEST_SEED, createLogger('silent'));
    const rows = await sql<{ name: string }[]>`SELECT name FROM projects WHERE demo ORDER BY id`;
    expect(rows.map((row) => row.name)).toEqual(expected.map((project) => project.name));
    expect(await others()).toBe(before);
    // Filled once: a second start finds the library and leaves it as it is.
    await sql`UPDATE projects SET name = '已改' WHERE id = 1`;
    await ensureDemoDataset(sql, TEST_SEED, createLogger('silent'));
    expect((await sql<{ name: string }[]>`SELECT name FROM projects WHERE id = 1`)[0].name).toBe('已改');
    await sql`UPDATE projects SET name = ${expected[0].name} WHERE id = 1`;
  }, 240_000); // two start-ups, each generating the demo dataset
});
