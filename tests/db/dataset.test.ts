import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { featureEntity } from '../../core/layers/feature-contract.ts';
import { LAYERS } from '../../core/layers/registry.ts';
import { buildDemoDataset } from '../../server/seed/demo-dataset.ts';
import { TEST_SEED } from '../setup/prepare-database.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql } = useTestDatabase();
const layersWithCommunity = LAYERS.filter((layer) => 'community_code' in layer.properties);
const count = async (table: string, where = 'true') =>
  (await sql.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0].n;

describe('the demo dataset as loaded', () => {
  it('has the real frame: one district, 15 towns and 150 communities with unique codes', async () => {
    expect(await count('district')).toBe(1);
    expect(await count('towns')).toBe(15);
    expect(await count('communities')).toBe(150);
    expect(await count('communities c', 'NOT EXISTS (SELECT 1 FROM towns t WHERE t.code = c.town_code)')).toBe(0);
  });

  it('houses about 1.2 million people', async () => {
    const [row] = await sql<{ total: number }[]>`SELECT sum(population)::int AS total FROM population`;
    expect(row.total).toBeGreaterThan(1_188_000);
    expect(row.total).toBeLessThan(1_212_000);
  });

  it('is exactly what the generator makes from the seed', async () => {
    const [row] = await sql<{ seed: number; sha256: string }[]>`SELECT seed, sha256 FROM dataset`;
    const expected = createHash('sha256').update(buildDemoDataset(TEST_SEED).serialized).digest('hex');
    expect(row).toEqual({ seed: TEST_SEED, sha256: expected });
  });

  it.each(LAYERS.map((layer) => layer.id))('%s: every geometry is valid and lies in the district', async (table) => {
    expect(await count(table, 'NOT ST_IsValid(geom)')).toBe(0);
    // Coordinates are rounded to 6 decimals (≈ 0.1 m): allow that much slack at the boundary.
    const [outside] = await sql.unsafe<{ n: number }[]>(`WITH d AS MATERIALIZED (SELECT ST_Buffer(geom, 2e-6) AS geom FROM district)
      SELECT count(*)::int AS n FROM ${table} f, d WHERE NOT ST_Covers(d.geom, f.geom)`);
    expect(outside.n).toBe(0);
  });

  it('marks every generated feature as demonstration data', async () => {
    // The test database is shared: a feature another file made through the product (an edit, a
    // completed project, an import) is not demo data. It came after the generated ones (a higher
    // id: an import's audit row names the import, not each feature), or its making is in the trail.
    for (const layer of LAYERS.filter((candidate) => candidate.demo)) {
      const madeInTheProduct = `(${layer.id}.id > (SELECT max(g.id) FROM ${layer.id} g WHERE g.demo)
        OR EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = '${featureEntity(layer.id)}' AND a.entity_id = ${layer.id}.id::text AND a.action = 'create'))`;
      expect(await count(layer.id, `demo IS NOT TRUE AND NOT ${madeInTheProduct}`), layer.id).toBe(0);
    }
  });

  // A point lies in its community; a facility line starts there; a polygon overlaps it (cells cut
  // at the fence may reach into a neighbour, so "overlaps" rather than "contains"). A layer of
  // mixed shapes (the published projects) names the community holding the largest share: it
  // touches it.
  it.each(layersWithCommunity.map((layer) => [layer.id, layer.geometry === 'Geometry'] as const))('%s: every feature knows the community it lies in', async (table, mixed) => {
    const line = mixed ? 'ST_Intersects(c.geom, f.geom)' : 'ST_Intersects(c.geom, ST_StartPoint(f.geom))';
    const other = mixed ? 'ST_Intersects(c.geom, f.geom)' : `ST_Relate(c.geom, f.geom, '2********')`;
    expect(await count(`${table} f`, `NOT EXISTS (SELECT 1 FROM communities c WHERE c.code = f.community_code
      AND CASE GeometryType(f.geom) WHEN 'POINT' THEN ST_Intersects(c.geom, f.geom) WHEN 'LINESTRING' THEN ${line}
        ELSE ${other} END)`)).toBe(0);
  });

  it('towns are the unions of their communities', async () => {
    const [row] = await sql<{ worst: number }[]>`
      SELECT max(ST_Area(ST_SymDifference(t.geom, u.geom)::geography) / ST_Area(t.geom::geography)) AS worst
      FROM towns t JOIN (SELECT town_code, ST_Union(geom) AS geom FROM communities GROUP BY town_code) u ON u.town_code = t.code`;
    expect(row.worst).toBeLessThan(0.001);
  });

  it('has a walking network that is one connected graph with true edge lengths', async () => {
    const edges = await sql<{ source: number; target: number }[]>`SELECT source_node AS source, target_node AS target FROM roads`;
    const parent = new Map<number, number>();
    const find = (node: number): number => {
      let root = node;
      while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
      parent.set(node, root);
      return root;
    };
    for (const { source, target } of edges) {
      if (!parent.has(source)) parent.set(source, source);
      if (!parent.has(target)) parent.set(target, target);
      parent.set(find(source), find(target));
    }
    const roots = new Set([...parent.keys()].map(find));
    expect(edges.length).toBeGreaterThan(5000);
    expect(roots.size).toBe(1);
    // Lengths are geodesic; within 0.5 % of PostGIS's ellipsoidal measure (the generator's sphere differs by less).
    const [lengths] = await sql<{ worst: number }[]>`SELECT max(abs(length_m - ST_Length(geom::geography)) / ST_Length(geom::geography)) AS worst FROM roads`;
    expect(lengths.worst).toBeLessThan(0.005);
  });

  it('has every facility layer populated with capacities where declared', async () => {
    for (const layer of LAYERS.filter((candidate) => candidate.capacity)) {
      expect(await count(layer.id, `${layer.capacity!.column} > 0`), layer.id).toBe(await count(layer.id));
    }
  });
});
