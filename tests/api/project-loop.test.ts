import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../core/audit/audit-contract.ts';
import type { DemandReceipt, StaffDemand } from '../../core/demands/demand-contract.ts';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import type { ProjectRecord } from '../../core/projects/project-contract.ts';
import type { AppEnv } from '../../server/app-env.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { nextAddress } from '../support/demands.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from '../support/session.ts';
import { runSiting } from '../support/siting.ts';

/**
 * The loop the product exists for, through the API as each role would walk it: a resident asks
 * for a kindergarten, the town office accepts the demand, the commission sites a kindergarten
 * near it, turns the chosen site into a project that answers the demand, approves it, builds it
 * and completes it. Then the kindergarten is on the map, coverage rose by exactly the people it
 * newly serves, the demand is resolved and the audit trail tells each step, by whom.
 */

const { sql, kind } = useTestDatabase();
const app: Hono<AppEnv> = createTestApp(sql, kind);
const RADIUS_M = 300;

const cookies: Record<'town' | 'commission' | 'inspector', string> = { town: '', commission: '', inspector: '' };
const started = new Date(Date.now() - 1000).toISOString();
let demandId: number | undefined;
let projectId: number | undefined;

async function call(method: string, path: string, cookie: string | undefined, body?: unknown, version?: number) {
  return app.request(
    path,
    { method, headers: sessionHeaders(cookie, version === undefined ? {} : { 'If-Match': formatEntityTag(version) }), body: body === undefined ? undefined : JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: nextAddress() } } },
  );
}

async function expectStatus<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const coverage = async (body: object) => expectStatus<{ coveredPopulation: number; byCommunity: Array<{ code: string; coveredPopulation: number }> }>(
  await call('POST', '/api/analysis/coverage', undefined, body), 200);

/**
 * A densely peopled place in the town office's town with no kindergarten within 500 m and no
 * project planning one within 700 m: where a resident would ask for one.
 */
async function findUnservedPlace(): Promise<{ lon: number; lat: number; town: string }> {
  // (The boxes only let the GiST index prune: 0.01° is wider than 700 m here.)
  const [row] = await sql<{ lon: number; lat: number; town: string }[]>`
    SELECT ST_X(p.c) AS lon, ST_Y(p.c) AS lat, c.town_code AS town
    FROM (SELECT ST_Centroid(geom) AS c, population, id, community_code FROM population) AS p JOIN communities c ON c.code = p.community_code
    WHERE c.town_code = (SELECT town_code FROM users WHERE username = ${DEMO_USERNAMES.town})
      AND NOT EXISTS (SELECT 1 FROM kindergartens k WHERE k.geom && ST_Expand(p.c, 0.01) AND ST_DWithin(p.c::geography, k.geom::geography, 500))
      AND NOT EXISTS (SELECT 1 FROM projects j WHERE j.facility_layer = 'kindergartens' AND j.geom && ST_Expand(p.c, 0.01) AND ST_DWithin(p.c::geography, j.geom::geography, 700))
      AND ST_Covers(c.geom, p.c)
    ORDER BY p.population DESC, p.id LIMIT 1`;
  return row;
}

/** People within the radius of the point and of no kindergarten of the layer before it: by PostGIS alone. */
async function newlyCoveredByPostgis(lon: number, lat: number, excludeFeature: number): Promise<number> {
  const [row] = await sql<{ covered: number }[]>`
    SELECT coalesce(sum(p.population), 0)::float8 AS covered FROM population p
    WHERE ST_DWithin(ST_Centroid(p.geom)::geography, ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)::geography, ${RADIUS_M}::float8)
      AND NOT EXISTS (SELECT 1 FROM kindergartens k WHERE k.id <> ${excludeFeature}
                        AND ST_DWithin(ST_Centroid(p.geom)::geography, k.geom::geography, ${RADIUS_M}::float8))`;
  return row.covered;
}

beforeAll(async () => {
  for (const role of ['town', 'commission', 'inspector'] as const) cookies[role] = await signIn(app, DEMO_USERNAMES[role]);
});

afterAll(async () => {
  // The loop's project and demand go, so later files see the data as it was (the trail keeps its rows).
  if (projectId !== undefined) {
    const [row] = await sql<{ phase: string; version: number }[]>`SELECT phase, version FROM projects WHERE id = ${projectId}`;
    if (row?.phase === 'completed') await call('POST', `/api/projects/${projectId}/phase`, cookies.commission, { phase: 'construction' }, row.version);
    await sql`DELETE FROM projects WHERE id = ${projectId}`;
  }
  if (demandId !== undefined) {
    await sql`DELETE FROM demand_supports WHERE demand_id = ${demandId}`;
    await sql`DELETE FROM demands WHERE id = ${demandId}`;
  }
});

describe('the loop: from a resident’s demand to the coverage it gained', () => {
  it('closes through the API, as the public, the town office and the commission would walk it', async () => {
    const place = await findUnservedPlace();

    // 1. A resident asks for a kindergarten (no account).
    const receipt = await expectStatus<DemandReceipt>(await call('POST', '/api/demands', undefined, {
      lon: place.lon, lat: place.lat, optimization: 2, type: 'kindergarten', text: '小区周边没有幼儿园，孩子入园要走很远，希望就近新建一所普惠性幼儿园',
    }), 201);
    demandId = receipt.id;

    // 2. The town office takes it into the demand list.
    const submitted = await expectStatus<StaffDemand>(await call('GET', `/api/demands/${demandId}`, cookies.town), 200);
    expect(submitted.status).toBe('submitted');
    expect(submitted.town).toBe(place.town);
    const accepted = await expectStatus<StaffDemand>(await call('PATCH', `/api/demands/${demandId}`, cookies.town, { status: 'accepted' }, submitted.version), 200);
    expect(accepted.status).toBe('accepted');

    // 3. The commission sites one kindergarten among places drawn around the demand hot-spot.
    const metres = (east: number, north: number) => ({ lon: place.lon + east / (111_320 * Math.cos((place.lat * Math.PI) / 180)), lat: place.lat + north / 110_574 });
    const candidates = [metres(60, 40), metres(-120, 80), metres(30, -150), metres(180, -20)].map((point, index) => ({ id: `site-${index + 1}`, ...point }));
    const siting = await runSiting(app, { model: 'mclp', p: 1, facilityLayer: 'kindergartens', radius: RADIUS_M, candidates: { points: candidates }, method: 'exact' });
    expect(siting.status).toBe('optimal');
    const [site] = siting.sites as Array<{ id: string; lon: number; lat: number }>;
    const before = await coverage({ layer: 'kindergartens', radius: RADIUS_M });
    expect(siting.baselineCoveredWeight).toBe(before.coveredPopulation);

    // 4. The chosen site becomes a project, with the facility it will add and the demand it answers.
    const created = await expectStatus<ProjectRecord>(await call('POST', '/api/projects', cookies.commission, {
      name: '回路普惠性幼儿园新建工程', optimization: 2, type: 'kindergarten',
      geometry: { type: 'Point', coordinates: [site.lon, site.lat] },
      sizeClass: 'small', responsibleUnit: '区教委',
      funding: [{ source: 'fiscal', amount: 12_000_000 }], deliverables: [{ indicator: 'seats', amount: 270 }],
      facility: { layer: 'kindergartens', properties: { name: '回路普惠性幼儿园', seats: 270, ownership: 'inclusive' } },
      demandIds: [demandId],
    }), 201);
    projectId = created.id;
    expect(created).toMatchObject({ phase: 'proposed', towns: [place.town], demandIds: [demandId] });
    expect(created.communities.length).toBe(1);
    expect((await expectStatus<StaffDemand>(await call('GET', `/api/demands/${demandId}`, cookies.town), 200)).status).toBe('planned');

    // 5. Approved, built and completed, each move on the version last read.
    let project = created;
    for (const phase of ['approved', 'construction', 'completed'] as const) {
      project = await expectStatus<ProjectRecord>(await call('POST', `/api/projects/${projectId}/phase`, cookies.commission, { phase }, project.version), 200);
      expect(project.phase).toBe(phase);
    }
    // A move on a version gone by is refused.
    const stale = await call('POST', `/api/projects/${projectId}/phase`, cookies.commission, { phase: 'construction' }, created.version);
    expect(stale.status).toBe(409);

    // 6. The kindergarten is in its layer, where the site was.
    expect(project.facilityFeatureId).not.toBeNull();
    const feature = await expectStatus<{ properties: Record<string, unknown>; geometry: { coordinates: number[] } }>(
      await call('GET', `/api/layers/kindergartens/features/${project.facilityFeatureId}`, undefined), 200);
    expect(feature.properties).toMatchObject({ name: '回路普惠性幼儿园', seats: 270, ownership: 'inclusive', town_code: place.town, demo: false });
    expect(feature.geometry.coordinates[0]).toBeCloseTo(site.lon, 6);
    expect(feature.geometry.coordinates[1]).toBeCloseTo(site.lat, 6);

    // 7. Coverage rose by exactly the people within 300 m of it and of no other kindergarten.
    const after = await coverage({ layer: 'kindergartens', radius: RADIUS_M });
    const [facility] = await sql<{ lon: number; lat: number }[]>`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM kindergartens WHERE id = ${project.facilityFeatureId!}`;
    const gained = await newlyCoveredByPostgis(facility.lon, facility.lat, project.facilityFeatureId!);
    expect(gained).toBeGreaterThan(0);
    expect(after.coveredPopulation - before.coveredPopulation).toBe(gained);
    expect(siting.coveredWeight - siting.baselineCoveredWeight).toBe(gained);
    const changed = after.byCommunity.filter((row, index) => row.coveredPopulation !== before.byCommunity[index].coveredPopulation);
    expect(changed.map((row) => row.code)).toContain(created.primaryCommunity);

    // 8. The demand is resolved, and its receipt says so to the resident.
    expect((await expectStatus<StaffDemand>(await call('GET', `/api/demands/${demandId}`, cookies.town), 200)).status).toBe('resolved');
    const followed = await expectStatus<{ status: string }>(await call('GET', `/api/demands/receipt/${encodeURIComponent(receipt.receipt)}`, undefined), 200);
    expect(followed.status).toBe('resolved');

    // 9. The trail tells the story, in order and by whom.
    const trail = await expectStatus<{ items: AuditEntry[] }>(await call('GET', `/api/audit?since=${encodeURIComponent(started)}&limit=500`, cookies.inspector), 200);
    const story = trail.items
      .filter((entry) => (entry.entity === 'demand' && entry.entityId === String(demandId)) || (entry.entity === 'project' && entry.entityId === String(projectId))
        || (entry.entity === 'feature:kindergartens' && entry.entityId === String(project.facilityFeatureId)))
      .sort((a, b) => a.id - b.id)
      .map((entry) => {
        const after = entry.after as { status?: string; move?: { to: string } } | null;
        return `${entry.actorRole} ${entry.action} ${entry.entity} ${after?.move?.to ?? (entry.entity === 'demand' ? after?.status : '') ?? ''}`.trim();
      });
    expect(story).toEqual([
      'public create demand submitted',
      'town update demand accepted',
      'commission update demand planned',
      'commission create project',
      'commission phase project approved',
      'commission phase project construction',
      'commission create feature:kindergartens',
      'commission update demand resolved',
      'commission phase project completed',
    ]);
  });
});
