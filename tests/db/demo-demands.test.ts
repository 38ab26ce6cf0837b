import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.ts';
import { buildDemoDataset } from '../../server/seed/demo-dataset.ts';
import { ensureDemoDataset } from '../../server/seed/ensure-dataset.ts';
import { TEST_SEED } from '../setup/prepare-database.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql } = useTestDatabase();

describe('the demo demand list as loaded', () => {
  // Only what no later write changes: other files triage demo demands on the same database.
  it('holds the generator’s demands, all marked demo, with their ids, receipts and times', async () => {
    const expected = buildDemoDataset(TEST_SEED).demands!;
    const rows = await sql<{ id: number; receipt: string; type: string; created_at: Date }[]>`
      SELECT id, receipt, type, created_at FROM demands WHERE demo ORDER BY id`;
    expect(rows.length).toBe(expected.length);
    expect(rows.map((row) => [row.id, row.receipt, row.type])).toEqual(expected.map((demand) => [demand.id, demand.receipt, demand.type]));
    expect(rows.map((row) => row.created_at.toISOString())).toEqual(expected.map((demand) => demand.createdAt));
  });

  it('lies in the communities and towns it names', async () => {
    const [row] = await sql<{ misplaced: number }[]>`
      SELECT count(*)::int AS misplaced FROM demands d
      WHERE NOT EXISTS (SELECT 1 FROM communities c WHERE c.code = d.community_code AND c.town_code = d.town_code AND ST_Intersects(c.geom, d.geom))`;
    expect(row.misplaced).toBe(0);
  });

  it('shows only the accepted, planned and resolved ones on the map', async () => {
    const [row] = await sql<{ view: number; published: number }[]>`
      SELECT (SELECT count(*)::int FROM published_demands) AS view,
             (SELECT count(*)::int FROM demands WHERE status IN ('accepted', 'planned', 'resolved')) AS published`;
    expect(row.view).toBe(row.published);
    expect(row.published).toBeGreaterThan(400);
  });

  it('continues the identity after the loaded ids', async () => {
    const [row] = await sql<{ next: number; max: number }[]>`
      SELECT nextval(pg_get_serial_sequence('demands', 'id'))::int AS next, (SELECT max(id) FROM demands)::int AS max`;
    expect(row.next).toBeGreaterThan(row.max);
  });

  // Last: it empties the list and lets start-up fill it again, as on a database from before it.
  it('fills the empty list of a demo database loaded before demands existed, leaving its layers alone', async () => {
    const layersOf = async () => (await sql<{ digest: string }[]>`
      SELECT md5(string_agg(k::text, ',' ORDER BY k.id)) || (SELECT md5(string_agg(v::text, ',' ORDER BY v.layer)) FROM layer_versions v WHERE v.layer NOT IN ('published_demands', 'published_projects', 'projects')) AS digest
      FROM kindergartens k`)[0].digest;
    const layers = await layersOf();
    await sql`TRUNCATE demand_supports, project_demands, demands RESTART IDENTITY`;
    await ensureDemoDataset(sql, TEST_SEED, createLogger('silent'));
    const expected = buildDemoDataset(TEST_SEED);
    const rows = await sql<{ receipt: string }[]>`SELECT receipt FROM demands WHERE demo ORDER BY id`;
    expect(rows.map((row) => row.receipt)).toEqual(expected.demands!.map((demand) => demand.receipt));
    expect(await layersOf()).toBe(layers);
    // Filled once: a second start finds the list and leaves it as it is.
    await sql`UPDATE demands SET title = '已改' WHERE id = 1`;
    await ensureDemoDataset(sql, TEST_SEED, createLogger('silent'));
    expect((await sql<{ title: string }[]>`SELECT title FROM demands WHERE id = 1`)[0].title).toBe('已改');
    await sql`UPDATE demands SET title = ${expected.demands![0].title} WHERE id = 1`;
  });
});
