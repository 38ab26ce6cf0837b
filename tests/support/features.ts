import type { Hono } from 'hono';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Role } from '../../core/accounts/roles.ts';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import type { FeatureRecord } from '../../core/layers/feature-contract.ts';
import type { AppEnv } from '../../server/app-env.ts';
import type { Sql } from '../../server/db/client.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from './session.ts';

type App = { request: Hono['request'] };

/** The feature-editing API as a client would call it; a body may be an object or raw text. */
export function createFeatureClient(app: App) {
  const send = async (method: string, path: string, cookie: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    app.request(path, {
      method,
      headers: sessionHeaders(cookie, headers),
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const ifMatch = (version: number | undefined): Record<string, string> => (version === undefined ? {} : { 'If-Match': formatEntityTag(version) });
  return {
    create: (layer: string, body: unknown, cookie: string | undefined, headers?: Record<string, string>) => send('POST', `/api/layers/${layer}/features`, cookie, body, headers),
    read: (layer: string, id: number | string) => send('GET', `/api/layers/${layer}/features/${id}`, undefined),
    patch: (layer: string, id: number, body: unknown, cookie: string | undefined, version?: number) =>
      send('PATCH', `/api/layers/${layer}/features/${id}`, cookie, body, ifMatch(version)),
    remove: (layer: string, id: number, cookie: string | undefined, version?: number) => send('DELETE', `/api/layers/${layer}/features/${id}`, cookie, undefined, ifMatch(version)),
    history: (layer: string, id: number, cookie: string | undefined) => send('GET', `/api/layers/${layer}/features/${id}/history`, cookie),
  };
}

/** A created feature, or a failure naming what the API said. */
export async function expectCreated(response: Response): Promise<FeatureRecord> {
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${await response.text()}`);
  return (await response.json()) as FeatureRecord;
}

/** What a write can change: the layer's rows (as JSON), the audit trail's length, the layer version. */
export async function snapshotLayer(sql: Sql, layer: string) {
  const [state] = await sql.unsafe<{ rows: string; audit: number; version: number }[]>(`
    SELECT (SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t.id)), '') FROM ${layer} t) AS rows,
           (SELECT count(*)::int FROM audit_log) AS audit,
           (SELECT version::int FROM layer_versions WHERE layer = '${layer}') AS version`);
  return state;
}

/** A point inside a community (and so the district), with that community and its town. */
export async function pointInCommunity(sql: Sql, offset = 0) {
  const [row] = await sql<{ lon: number; lat: number; code: string; town_code: string }[]>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat, code, town_code
    FROM (SELECT ST_PointOnSurface(geom) AS p, code, town_code FROM communities ORDER BY code OFFSET ${offset} LIMIT 1) AS c`;
  return row;
}

/**
 * A test file's editing kit: a session per role (signed in before its tests), the API client,
 * and every feature its tests add, deleted through the API after them so later files see the
 * demo data as it was.
 */
export function useFeatureEditing(app: Hono<AppEnv>, sql: Sql) {
  const features = createFeatureClient(app);
  const cookies = {} as Record<Role, string>;
  const added: Array<{ layer: string; id: number }> = [];

  beforeAll(async () => {
    for (const role of Object.keys(DEMO_USERNAMES) as Role[]) cookies[role] = await signIn(app, DEMO_USERNAMES[role]);
  });

  afterAll(async () => {
    for (const { layer, id } of added) {
      const response = await features.read(layer, id);
      if (response.status !== 200) continue;
      const { version } = (await response.json()) as FeatureRecord;
      expect((await features.remove(layer, id, cookies.admin, version)).status).toBe(204);
    }
  });

  /** A feature the test adds (expected to be created), remembered for the clean-up. */
  async function add(layer: string, response: Response): Promise<FeatureRecord> {
    const feature = await expectCreated(response);
    added.push({ layer, id: feature.id });
    return feature;
  }

  async function kindergartenAt(lon: number, lat: number, properties: Record<string, unknown> = {}, role: Role = 'commission') {
    const body = { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { name: '测试幼儿园', ...properties } };
    return add('kindergartens', await features.create('kindergartens', body, cookies[role]));
  }

  /** A refused write: the status and error code, and nothing changed in the layer or the trail. */
  async function expectRefused(layer: string, write: () => Promise<Response>, status: number, code?: string) {
    const before = await snapshotLayer(sql, layer);
    const response = await write();
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(status);
    expect(body.error).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String) });
    expect(await snapshotLayer(sql, layer)).toEqual(before);
    return body.error;
  }

  return { features, cookies, add, kindergartenAt, expectRefused };
}
