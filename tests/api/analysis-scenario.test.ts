import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFacility, type FacilityGeometry } from '../../core/analysis/facility.ts';
import { computeNearestDistances } from '../../core/analysis/nearest-distance.ts';
import { computeNetworkDistances, snapPoints } from '../../core/analysis/network-distance.ts';
import { createNetworkSnapper } from '../../core/analysis/network-snap.ts';
import { createRoadGraph } from '../../core/analysis/road-graph.ts';
import type { ScenarioResponse } from '../../core/analysis/scenario-contract.ts';
import { findLayer } from '../../core/layers/registry.ts';
import type { ProjectRecord } from '../../core/projects/project-contract.ts';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import { ANALYSIS_DEFAULTS } from '../../core/standards.ts';
import { readDemandSet, readFacilities, readRoadEdges } from '../../server/analysis/analysis-sql.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from '../support/session.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
let planner: string;
let commission: string;
const added: number[] = [];

beforeAll(async () => {
  planner = await signIn(app, DEMO_USERNAMES.planner);
  commission = await signIn(app, DEMO_USERNAMES.commission);
});

afterAll(async () => {
  // This file's projects go (their completions undone first, taking their facilities out).
  for (const id of added) {
    const [row] = await sql<{ phase: string; version: number }[]>`SELECT phase, version FROM projects WHERE id = ${id}`;
    if (row?.phase === 'completed') await moveProject(id, 'construction', row.version);
  }
  if (added.length) await sql`DELETE FROM projects WHERE id IN ${sql(added)}`;
});

async function moveProject(id: number, phase: string, version: number): Promise<ProjectRecord> {
  const response = await app.request(`/api/projects/${id}/phase`, { method: 'POST', body: JSON.stringify({ phase }), headers: sessionHeaders(commission, { 'If-Match': formatEntityTag(version) }) });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

/** A health-station project through the API, moved on to `phase` (no demo project adds to that layer). */
async function healthStationProject(name: string, geometry: object, phase: 'approved' | 'design' | 'construction'): Promise<ProjectRecord> {
  const response = await app.request('/api/projects', {
    method: 'POST',
    headers: sessionHeaders(commission),
    body: JSON.stringify({
      name, optimization: 3, type: 'health_station', geometry, sizeClass: 'small', responsibleUnit: '区卫生健康委',
      funding: [{ source: 'fiscal', amount: 1_500_000 }], deliverables: [{ indicator: 'health_stations', amount: 1 }],
      facility: { layer: 'health_stations', properties: { name: name.replace('新建工程', '') } },
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  let project = (await response.json()) as ProjectRecord;
  added.push(project.id);
  for (const step of ['approved', 'design', 'construction'] as const) {
    project = await moveProject(project.id, step, project.version);
    if (step === phase) break;
  }
  return project;
}

/** As the planner unless another session (or none: null) is given. */
async function scenario(body: object, cookie: string | null = planner): Promise<Response> {
  return app.request('/api/analysis/scenario', { method: 'POST', body: JSON.stringify(body), headers: sessionHeaders(cookie ?? undefined) });
}

async function scenarioOk(body: object): Promise<ScenarioResponse> {
  const response = await scenario(body);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

async function coverage(body: object) {
  const response = await app.request('/api/analysis/coverage', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  expect(response.status).toBe(200);
  return response.json();
}

/** The projects a scenario should add, read independently: their ids and geometries as GeoJSON. */
async function projectsOf(layer: string, phases: string[]) {
  return sql<{ id: number; geometry: string }[]>`
    SELECT id, ST_AsGeoJSON(geom, 15) AS geometry FROM projects WHERE facility_layer = ${layer} AND phase IN ${sql(phases)} ORDER BY id`;
}

/** Population within the radius of the layer or of these project points, by PostGIS alone (ST_DWithin on geography). */
async function coveredByPostgis(layer: string, projectIds: number[], radiusM: number): Promise<number> {
  const [row] = await sql.unsafe<{ covered: number }[]>(`
    SELECT coalesce(sum(p.population), 0)::float8 AS covered FROM population p
    WHERE EXISTS (SELECT 1 FROM ${layer} f WHERE f.geom && ST_Expand(ST_Centroid(p.geom), $1::float8 / 90000)
                    AND ST_DWithin(ST_Centroid(p.geom)::geography, f.geom::geography, $1::float8))
       OR EXISTS (SELECT 1 FROM projects j WHERE j.id = ANY($2::int[]) AND j.geom && ST_Expand(ST_Centroid(p.geom), $1::float8 / 90000)
                    AND ST_DWithin(ST_Centroid(p.geom)::geography, j.geom::geography, $1::float8))`, [radiusM, projectIds]);
  return row.covered;
}

function coveredBy(distances: Float64Array, population: Float64Array | number[], radiusM: number): number {
  let covered = 0;
  for (let cell = 0; cell < distances.length; cell += 1) if (distances[cell] <= radiusM) covered += population[cell];
  return covered;
}

describe('scenario: coverage today and with the approved, designed and building projects', () => {
  it('kindergartens within 300 m: today is the coverage answer, with the projects what PostGIS finds with their points added', async () => {
    const phases = ['approved', 'design', 'construction'];
    const [body, today, projects] = await Promise.all([scenarioOk({ layer: 'kindergartens' }), coverage({ layer: 'kindergartens' }), projectsOf('kindergartens', phases)]);
    expect(body).toMatchObject({ layer: 'kindergartens', radius: 300, mode: 'euclidean', phases });
    expect(body.projects.map((project) => project.id)).toEqual(projects.map((project) => project.id));
    expect(projects.length).toBeGreaterThan(2);
    expect(body.today).toEqual({ totalPopulation: today.totalPopulation, coveredPopulation: today.coveredPopulation, coveredShare: today.coveredShare });
    expect(body.withProjects.coveredPopulation).toBe(await coveredByPostgis('kindergartens', projects.map((project) => project.id), 300));
    expect(body.withProjects.coveredPopulation).toBeGreaterThan(body.today.coveredPopulation);
    expect(body.gainedPopulation).toBe(body.withProjects.coveredPopulation - body.today.coveredPopulation);
    expect(body.byCommunity.map((row) => [row.code, row.population, row.coveredToday]))
      .toEqual(today.byCommunity.map((row: { code: string; population: number; coveredPopulation: number }) => [row.code, row.population, row.coveredPopulation]));
    for (const row of body.byCommunity) {
      expect(row.coveredWithProjects).toBeGreaterThanOrEqual(row.coveredToday);
      expect(row.gainedPopulation).toBe(row.coveredWithProjects - row.coveredToday);
    }
    expect(body.byCommunity.filter((row) => row.gainedPopulation > 0).length).toBeGreaterThan(0);
  });

  it('names its phases: proposals alone add other projects, and the sums still hold', async () => {
    const body = await scenarioOk({ layer: 'kindergartens', phases: ['proposed'] });
    const projects = await projectsOf('kindergartens', ['proposed']);
    expect(body.projects.map((project) => project.id)).toEqual(projects.map((project) => project.id));
    expect(body.withProjects.coveredPopulation).toBe(await coveredByPostgis('kindergartens', projects.map((project) => project.id), 300));
  });

  it('greening areas within 300 m: with the projects, exactly a full recomputation over the layer and their polygons', async () => {
    const body = await scenarioOk({ layer: 'slope_greening', phases: ['approved', 'design', 'construction', 'proposed', 'on_hold'] });
    const [demand, layer, projects] = await Promise.all([readDemandSet(sql), readFacilities(sql, findLayer('slope_greening')!), projectsOf('slope_greening', ['approved', 'design', 'construction', 'proposed', 'on_hold'])]);
    expect(projects.length).toBeGreaterThan(0);
    const all = [...layer, ...projects.map((project) => createFacility(JSON.parse(project.geometry) as FacilityGeometry))];
    expect(body.withProjects.coveredPopulation).toBe(coveredBy(computeNearestDistances(demand, all, 300), demand.population, 300));
  });

  it('walking 500 m to a kindergarten: with the projects, exactly a full network recomputation over all of them', async () => {
    const body = await scenarioOk({ layer: 'kindergartens', radius: 500, mode: 'network' });
    const today = await coverage({ layer: 'kindergartens', radius: 500, mode: 'network' });
    const [demand, layer, edges, projects] = await Promise.all([readDemandSet(sql), readFacilities(sql, findLayer('kindergartens')!), readRoadEdges(sql), projectsOf('kindergartens', ['approved', 'design', 'construction'])]);
    const snapper = createNetworkSnapper(createRoadGraph(edges), ANALYSIS_DEFAULTS.snapToleranceM);
    const all = [...layer, ...projects.map((project) => createFacility(JSON.parse(project.geometry) as FacilityGeometry))];
    const { distances } = computeNetworkDistances(snapper, demand, snapPoints(snapper, demand.lon, demand.lat), all, 500);
    expect(body.today.coveredPopulation).toBe(today.coveredPopulation);
    expect(body.withProjects.coveredPopulation).toBe(coveredBy(distances, demand.population, 500));
    expect(body.withProjects.coveredPopulation).toBeGreaterThan(body.today.coveredPopulation);
  });
});

describe('scenario: exactly what the coverage analysis says once the projects are built', () => {
  it('health stations: three projects completed through the API give the scenario’s coverage, straight and walking, in total and per community', async () => {
    // Places with people and no health station near: a point with every digit a double holds, a
    // site drawn as a polygon (its facility is a point on it), and a plain point.
    // (The boxes only let the GiST indexes prune: 0.01° and 0.001° are wider than 900 m and 60 m here.)
    const places = await sql<{ lon: number; lat: number }[]>`
      SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Centroid(geom) AS c, population, id FROM population ORDER BY population DESC, id LIMIT 3000) AS p
      WHERE NOT EXISTS (SELECT 1 FROM health_stations h WHERE h.geom && ST_Expand(p.c, 0.01) AND ST_DWithin(p.c::geography, h.geom::geography, 900))
        AND EXISTS (SELECT 1 FROM roads r WHERE r.geom && ST_Expand(p.c, 0.001) AND ST_DWithin(p.c::geography, r.geom::geography, 60))
      ORDER BY p.population DESC, p.id LIMIT 400`;
    const [a, b, c] = [places[0], places.find((place) => Math.abs(place.lon - places[0].lon) > 0.03)!, places.find((place) => Math.abs(place.lat - places[0].lat) > 0.03 && Math.abs(place.lon - places[0].lon) > 0.01)!];
    const square = (lon: number, lat: number, half: number) => ({ type: 'Polygon', coordinates: [[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half], [lon - half, lat - half]]] });
    const projects = [
      await healthStationProject('甲社区卫生服务站新建工程', { type: 'Point', coordinates: [a.lon + 1.234567891e-5, a.lat - 9.87654321e-6] }, 'approved'),
      await healthStationProject('乙社区卫生服务站新建工程', square(b.lon, b.lat, 0.0004), 'design'),
      await healthStationProject('丙社区卫生服务站新建工程', { type: 'Point', coordinates: [c.lon, c.lat] }, 'construction'),
    ];
    const phases = ['approved', 'design', 'construction'];
    const straight = await scenarioOk({ layer: 'health_stations', phases });
    const walking = await scenarioOk({ layer: 'health_stations', phases, mode: 'network', radius: 500 });
    expect(straight.projects.map((project) => project.id)).toEqual(projects.map((project) => project.id));
    expect(straight.gainedPopulation).toBeGreaterThan(0);
    expect(walking.gainedPopulation).toBeGreaterThan(0);

    for (const project of projects) {
      let current = project;
      const path = current.phase === 'approved' ? ['design', 'construction', 'completed'] : current.phase === 'design' ? ['construction', 'completed'] : ['completed'];
      for (const phase of path) current = await moveProject(current.id, phase, current.version);
      expect(current.facilityFeatureId).not.toBeNull();
    }
    const builtStraight = await coverage({ layer: 'health_stations' });
    const builtWalking = await coverage({ layer: 'health_stations', mode: 'network', radius: 500 });
    for (const [predicted, built] of [[straight, builtStraight], [walking, builtWalking]] as const) {
      expect(built.coveredPopulation).toBe(predicted.withProjects.coveredPopulation);
      expect(built.coveredShare).toBe(predicted.withProjects.coveredShare);
      expect(built.byCommunity.map((row: { code: string; coveredPopulation: number }) => [row.code, row.coveredPopulation]))
        .toEqual(predicted.byCommunity.map((row) => [row.code, row.coveredWithProjects]));
    }
    // Built, they are today's coverage: a scenario of the same phases now adds nothing.
    const after = await scenarioOk({ layer: 'health_stations', phases });
    expect(after.projects).toEqual([]);
    expect(after.today.coveredPopulation).toBe(straight.withProjects.coveredPopulation);
  });
});

describe('scenario: who may ask, and what', () => {
  it('is for staff: without a session 401, every staff role 200', async () => {
    expect((await scenario({ layer: 'kindergartens' }, null)).status).toBe(401);
    for (const role of ['commission', 'town', 'inspector', 'admin'] as const) {
      expect((await scenario({ layer: 'kindergartens' }, await signIn(app, DEMO_USERNAMES[role]))).status).toBe(200);
    }
  });

  it('refuses a completed phase, a repeated one, an unknown layer and a frame layer', async () => {
    for (const [body, status, code] of [
      [{ layer: 'kindergartens', phases: ['completed'] }, 400, 'invalid_request'],
      [{ layer: 'kindergartens', phases: ['approved', 'approved'] }, 400, 'invalid_request'],
      [{ layer: 'kindergartens', phases: [] }, 400, 'invalid_request'],
      [{ layer: 'nowhere' }, 404, 'unknown_layer'],
      [{ layer: 'roads' }, 400, 'not_a_facility_layer'],
    ] as const) {
      const response = await scenario(body);
      const text = await response.text();
      expect(response.status, text).toBe(status);
      expect(JSON.parse(text).error.code, text).toBe(code);
    }
  });
});
