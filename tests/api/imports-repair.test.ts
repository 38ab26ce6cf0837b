import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { createImportClient } from '../support/imports.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/**
 * The other side of the refused bow-tie (imports-bad-input): an invalid polygon that ST_MakeValid
 * repairs into one polygon is kept, said to be repaired, and committed as that repair.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
let imports: ReturnType<typeof createImportClient>;
let inside: [number, number];

beforeAll(async () => {
  imports = createImportClient(app, await signIn(app, DEMO_USERNAMES.commission));
  const [row] = await sql<{ lon: number; lat: number }[]>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM communities ORDER BY code DESC LIMIT 1) AS place`;
  inside = [row.lon, row.lat];
});

describe('a polygon repaired on import', () => {
  it('a ring touching itself (an inverted hole) is repaired into a polygon with a hole, reported, and committed as repaired', async () => {
    const [x, y] = inside;
    const d = 0.0005;
    // A square whose outline runs in to touch itself at its top edge's middle: GEOS calls it a
    // ring self-intersection; made valid it is the square with a triangular hole.
    const ring = [[x, y], [x + 4 * d, y], [x + 4 * d, y + 4 * d], [x + 2 * d, y + 4 * d], [x + 3 * d, y + 2 * d], [x + d, y + 2 * d], [x + 2 * d, y + 4 * d], [x, y + 4 * d], [x, y]];
    const name = `修复地块 ${kind}`;
    const file = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { name } }] });
    const [input] = await sql<{ valid: boolean; area: number; holes: number }[]>`
      SELECT ST_IsValid(g) AS valid, ST_Area(ST_MakeValid(g)::geography) AS area, ST_NumInteriorRings(ST_MakeValid(g)) AS holes
      FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify({ type: 'Polygon', coordinates: [ring] })}), 4326) AS g) AS input`;
    expect(input.valid).toBe(false);
    expect(input.holes).toBe(1);

    const { status, body } = await imports.upload('plot.geojson', file, 'idle_plots');
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.invalidRows).toEqual([]);
    expect(body.repairedRows).toEqual([expect.objectContaining({ row: 1, reason: expect.stringMatching(/self-intersection.*repaired with ST_MakeValid/i) })]);
    expect(body.repairedRows[0]!.problems![0]!.code).toBe('repaired');

    const committed = await imports.commit(body);
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    expect(committed.body.committed).toBe(1);
    const [stored] = await sql<{ type: string; valid: boolean; area: number; holes: number }[]>`
      SELECT GeometryType(geom) AS type, ST_IsValid(geom) AS valid, ST_Area(geom::geography) AS area, ST_NumInteriorRings(geom) AS holes
      FROM idle_plots WHERE name = ${name}`;
    expect(stored).toMatchObject({ type: 'POLYGON', valid: true, holes: 1 });
    expect(stored.area).toBeCloseTo(input.area, 0);
  });
});
