import type { Hono } from 'hono';
import { afterAll, expect } from 'vitest';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import type { ProjectRecord } from '../../core/projects/project-contract.ts';
import { districtToday } from '../../core/projects/project-schedule.ts';
import type { AppEnv } from '../../server/app-env.ts';
import type { Sql } from '../../server/db/client.ts';
import { readError } from './accounts.ts';
import type { Place } from './demands.ts';
import { sessionHeaders } from './session.ts';

type App = Hono<AppEnv>;

/** The project API as a client would call it; a body may be an object or raw text. */
export function createProjectClient(app: App) {
  const send = (method: string, path: string, cookie?: string, body?: unknown, version?: number) =>
    app.request(path, {
      method,
      headers: sessionHeaders(cookie, version === undefined ? {} : { 'If-Match': formatEntityTag(version) }),
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    create: (body: unknown, cookie?: string) => send('POST', '/api/projects', cookie, body),
    list: (query: string, cookie?: string) => send('GET', `/api/projects${query ? `?${query}` : ''}`, cookie),
    read: (id: number, cookie?: string) => send('GET', `/api/projects/${id}`, cookie),
    patch: (id: number, body: unknown, cookie: string | undefined, version?: number) => send('PATCH', `/api/projects/${id}`, cookie, body, version),
    remove: (id: number, cookie: string | undefined, version?: number) => send('DELETE', `/api/projects/${id}`, cookie, undefined, version),
    phase: (id: number, body: unknown, cookie: string | undefined, version?: number) => send('POST', `/api/projects/${id}/phase`, cookie, body, version),
    milestones: (id: number, cookie?: string) => send('GET', `/api/projects/${id}/milestones`, cookie),
    putMilestones: (id: number, body: unknown, cookie: string | undefined, version?: number) => send('PUT', `/api/projects/${id}/milestones`, cookie, body, version),
    inspections: (id: number, cookie?: string) => send('GET', `/api/projects/${id}/inspections`, cookie),
    inspect: (id: number, body: unknown, cookie?: string) => send('POST', `/api/projects/${id}/inspections`, cookie, body),
    schedule: (query: string, cookie?: string) => send('GET', `/api/projects/schedule${query ? `?${query}` : ''}`, cookie),
    history: (id: number, cookie?: string) => send('GET', `/api/projects/${id}/history`, cookie),
  };
}

/** A calendar day this many days from the district's today (negative: in the past). */
export function dayFromToday(days: number): string {
  return districtToday(new Date(Date.now() + days * 86_400_000));
}

/** The issue's core call at a place: a kindergarten with 270 seats. */
export function kindergartenAt(place: Place, extra: Record<string, unknown> = {}) {
  return {
    name: '南坪幼儿园新建工程',
    optimization: 2,
    type: 'kindergarten',
    geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
    sizeClass: 'small',
    responsibleUnit: '区教委',
    funding: [{ source: 'fiscal', amount: 12_000_000 }],
    deliverables: [{ indicator: 'seats', amount: 270 }],
    facility: { layer: 'kindergartens', properties: { name: '南坪新建幼儿园', seats: 270, ownership: 'public' } },
    ...extra,
  };
}

/**
 * What a project write can change: every project row and its dates, milestones, links and
 * inspections, every demand, the kindergartens, the trail's length and the layers' versions.
 * Equal snapshots before and after a refused request mean it changed nothing.
 */
export async function snapshotProjects(sql: Sql) {
  const [state] = await sql<Record<string, string | number>[]>`
    SELECT (SELECT coalesce(md5(string_agg(p::text, ',' ORDER BY p.id)), '') FROM projects p) AS projects,
           (SELECT coalesce(md5(string_agg(d::text, ',' ORDER BY d.project_id, d.phase)), '') FROM project_phase_dates d) AS dates,
           (SELECT coalesce(md5(string_agg(m::text, ',' ORDER BY m.id)), '') FROM project_milestones m) AS milestones,
           (SELECT coalesce(md5(string_agg(l::text, ',' ORDER BY l.project_id, l.demand_id)), '') FROM project_demands l) AS links,
           (SELECT count(*)::int FROM project_inspections) AS inspections,
           (SELECT coalesce(md5(string_agg(d::text, ',' ORDER BY d.id)), '') FROM demands d) AS demands,
           (SELECT coalesce(md5(string_agg(k::text, ',' ORDER BY k.id)), '') FROM kindergartens k) AS kindergartens,
           (SELECT count(*)::int FROM audit_log) AS audit,
           (SELECT string_agg(layer || '=' || version, ',' ORDER BY layer) FROM layer_versions) AS versions`;
  return state;
}

/**
 * A test file's project kit: the client, and every project the file adds, deleted after its
 * tests with what they wrote (links, and a completion's facility) so later files see the data
 * as it was. Register it after useDemands, so it runs first when the file ends (hooks unwind).
 */
export function useProjects(app: App, sql: Sql) {
  const projects = createProjectClient(app);
  const added: number[] = [];

  afterAll(async () => {
    if (!added.length) return;
    const done = await sql<{ facility_layer: string; facility_feature_id: number }[]>`
      SELECT facility_layer, facility_feature_id FROM projects WHERE id IN ${sql(added)} AND facility_feature_id IS NOT NULL`;
    for (const row of done) await sql.unsafe(`DELETE FROM "${row.facility_layer.replace(/"/g, '')}" WHERE id = $1`, [row.facility_feature_id]);
    await sql`DELETE FROM project_demands WHERE project_id IN ${sql(added)}`;
    await sql`UPDATE projects SET parent_id = NULL WHERE id IN ${sql(added)}`;
    await sql`DELETE FROM projects WHERE id IN ${sql(added)}`;
  });

  /** Create and expect a 201; the project is removed after the file. */
  async function create(body: unknown, cookie: string): Promise<ProjectRecord> {
    const response = await projects.create(body, cookie);
    const text = await response.text();
    if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${text}`);
    const record = JSON.parse(text) as ProjectRecord;
    added.push(record.id);
    return record;
  }

  async function read(id: number, cookie: string): Promise<ProjectRecord> {
    const response = await projects.read(id, cookie);
    expect(response.status).toBe(200);
    return (await response.json()) as ProjectRecord;
  }

  /** Move a project through phases (expecting each to succeed) on its current version. */
  async function moveThrough(id: number, cookie: string, ...phases: Array<string | { phase: string; date?: string; reason?: string }>): Promise<ProjectRecord> {
    let record = await read(id, cookie);
    for (const step of phases) {
      const body = typeof step === 'string' ? { phase: step } : step;
      const response = await projects.phase(id, body, cookie, record.version);
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${record.phase} → ${body.phase}: expected 200, got ${response.status}: ${text}`);
      record = JSON.parse(text) as ProjectRecord;
    }
    return record;
  }

  /** Expect a refusal with this status and code in the standard shape, and nothing changed. */
  async function expectRefused(request: () => Response | Promise<Response>, status: number, code: string) {
    const before = await snapshotProjects(sql);
    const response = await request();
    const text = await response.text();
    expect(response.status, text).toBe(status);
    const body = JSON.parse(text) as { error: { code: string; message: string; details?: unknown } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(typeof body.error.message).toBe('string');
    expect(text).not.toMatch(/\bat .+\.ts:\d+/);
    const error = await readError(new Response(text));
    expect(error.code, text).toBe(code);
    expect(await snapshotProjects(sql)).toEqual(before);
    return { error, response };
  }

  return { projects, added, create, read, moveThrough, expectRefused };
}
