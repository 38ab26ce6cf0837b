import type { Hono } from 'hono';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import type { FeatureRecord } from '../../core/layers/feature-contract.ts';
import type { Sql } from '../../server/db/client.ts';
import { sessionHeaders } from './session.ts';

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
