import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type postgres from 'postgres';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Role } from '../../core/accounts/roles.ts';
import type { DemandReceipt, StaffDemand } from '../../core/demands/demand-contract.ts';
import { SUPPORTER_HEADER } from '../../core/demands/demand-support.ts';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import type { AppEnv } from '../../server/app-env.ts';
import type { Sql } from '../../server/db/client.ts';
import { readError } from './accounts.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from './session.ts';

type App = Hono<AppEnv>;

/**
 * A fresh client address (as the socket gives it), so public submissions do not share a rate
 * limit: random, since the files of a run share the database and its hour of submissions.
 */
export function nextAddress(): string {
  const group = () => randomBytes(2).toString('hex');
  return `fd00::${group()}:${group()}:${group()}`;
}

export interface Call {
  cookie?: string;
  address?: string;
  headers?: Record<string, string>;
}

/** The demand API as a client would call it; a body may be an object or raw text. */
export function createDemandClient(app: App) {
  const send = (method: string, path: string, call: Call = {}, body?: unknown) =>
    app.request(
      path,
      {
        method,
        headers: sessionHeaders(call.cookie, call.headers),
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      },
      { incoming: { socket: { remoteAddress: call.address ?? nextAddress() } } },
    );
  return {
    submit: (body: unknown, call?: Call) => send('POST', '/api/demands', call, body),
    list: (query: string, call?: Call) => send('GET', `/api/demands${query ? `?${query}` : ''}`, call),
    read: (id: number | string, call?: Call) => send('GET', `/api/demands/${id}`, call),
    receipt: (code: string) => send('GET', `/api/demands/receipt/${encodeURIComponent(code)}`),
    patch: (id: number, body: unknown, cookie: string | undefined, version?: number) =>
      send('PATCH', `/api/demands/${id}`, { cookie, headers: version === undefined ? {} : { 'If-Match': formatEntityTag(version) } }, body),
    support: (id: number, token: string | undefined, call: Call = {}) =>
      send('POST', `/api/demands/${id}/support`, { ...call, headers: token === undefined ? {} : { [SUPPORTER_HEADER]: token } }),
    history: (id: number, cookie: string | undefined) => send('GET', `/api/demands/${id}/history`, { cookie }),
    counts: (query: string, call?: Call) => send('GET', `/api/demand-counts${query ? `?${query}` : ''}`, call),
  };
}

export type DemandClient = ReturnType<typeof createDemandClient>;

/** A point inside a community, with that community and its town. */
export interface Place {
  lon: number;
  lat: number;
  community: string;
  town: string;
}

/**
 * Places the demo accounts' scopes make interesting: `home` in the planner's first community (so
 * also in the town office's town), `town` in the same town but outside the planner's
 * communities, and `elsewhere` in another town.
 */
export async function readPlaces(sql: Sql): Promise<{ home: Place; town: Place; elsewhere: Place }> {
  const [planner] = await sql<{ communities: string[]; town: string }[]>`
    SELECT p.communities, t.town_code AS town FROM users p, users t WHERE p.username = ${DEMO_USERNAMES.planner} AND t.username = ${DEMO_USERNAMES.town}`;
  const place = (where: postgres.Fragment) => sql<Place[]>`
    SELECT ST_X(p) AS lon, ST_Y(p) AS lat, code AS community, town_code AS town
    FROM (SELECT ST_PointOnSurface(geom) AS p, code, town_code FROM communities WHERE ${where} ORDER BY code LIMIT 1) AS c`;
  const [[home], [town], [elsewhere]] = await Promise.all([
    place(sql`code = ${planner.communities[0]}`),
    place(sql`town_code = ${planner.town} AND NOT code = ANY(${planner.communities}::text[])`),
    place(sql`town_code <> ${planner.town}`),
  ]);
  return { home, town, elsewhere };
}

/** A submission's body at a place, with the defaults a resident's form would send. */
export function demandAt(place: Place, extra: Record<string, unknown> = {}) {
  return { lon: place.lon, lat: place.lat, optimization: 2, type: 'kindergarten', text: '小区附近缺少普惠性幼儿园学位', ...extra };
}

/**
 * What a demand write can change: every demand row, every support, the trail's length and the
 * map layer's version. Equal snapshots before and after a refused request mean it changed nothing.
 */
export async function snapshotDemands(sql: Sql) {
  const [state] = await sql<{ demands: string; supports: number; audit: number; version: number; types: string }[]>`
    SELECT (SELECT coalesce(md5(string_agg(d::text, ',' ORDER BY d.id)), '') FROM demands d) AS demands,
           (SELECT count(*)::int FROM demand_supports) AS supports,
           (SELECT count(*)::int FROM audit_log) AS audit,
           (SELECT version::int FROM layer_versions WHERE layer = 'published_demands') AS version,
           (SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t.id)), '') FROM demand_types t) AS types`;
  return state;
}

/**
 * A test file's demand kit: a session per role, the client, and every demand the file adds,
 * deleted (with its supports) after its tests so later files see the data as it was. The audit
 * trail keeps its rows: it is append-only.
 */
export function useDemands(app: App, sql: Sql) {
  const demands = createDemandClient(app);
  const cookies = {} as Record<Role, string>;
  const added: number[] = [];
  let places: Awaited<ReturnType<typeof readPlaces>>;

  beforeAll(async () => {
    for (const role of Object.keys(DEMO_USERNAMES) as Role[]) cookies[role] = await signIn(app, DEMO_USERNAMES[role]);
    places = await readPlaces(sql);
  });

  afterAll(async () => {
    if (added.length === 0) return;
    await sql`UPDATE demands SET merged_into = NULL, status = CASE WHEN status = 'merged' THEN 'hidden' ELSE status END WHERE id IN ${sql(added)} OR merged_into IN ${sql(added)}`;
    await sql`DELETE FROM demand_supports WHERE demand_id IN ${sql(added)}`;
    await sql`DELETE FROM demands WHERE id IN ${sql(added)}`;
  });

  /** Submit and expect a 201; the demand is removed after the file. */
  async function submit(body: unknown, call?: Call): Promise<DemandReceipt> {
    const response = await demands.submit(body, call);
    if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${await response.text()}`);
    const receipt = (await response.json()) as DemandReceipt;
    added.push(receipt.id);
    return receipt;
  }

  /** The demand as staff read it (the administrator sees every one). */
  async function staffRead(id: number): Promise<StaffDemand> {
    const response = await demands.read(id, { cookie: cookies.admin });
    expect(response.status).toBe(200);
    return (await response.json()) as StaffDemand;
  }

  /** Move a demand on as the administrator (expecting success), e.g. to publish it. */
  async function moveTo(id: number, body: Record<string, unknown>): Promise<StaffDemand> {
    const { version } = await staffRead(id);
    const response = await demands.patch(id, body, cookies.admin, version);
    if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${await response.text()}`);
    return (await response.json()) as StaffDemand;
  }

  /** A new demand at a place, published (accepted) unless told otherwise. */
  async function publishedAt(place: Place, extra: Record<string, unknown> = {}): Promise<StaffDemand> {
    const receipt = await submit(demandAt(place, extra));
    return moveTo(receipt.id, { status: 'accepted' });
  }

  /** Expect a refusal with this status and code, and no change to any demand, support, type or the trail. */
  async function expectRefused(request: () => Response | Promise<Response>, status: number, code: string) {
    const before = await snapshotDemands(sql);
    const response = await request();
    const text = await response.text();
    expect(response.status, text).toBe(status);
    const error = await readError(new Response(text));
    expect(error.code, text).toBe(code);
    expect(await snapshotDemands(sql)).toEqual(before);
    return { error, response };
  }

  return { demands, cookies, places: () => places, submit, staffRead, moveTo, publishedAt, expectRefused, added };
}
