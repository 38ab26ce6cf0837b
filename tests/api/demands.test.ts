import { describe, expect, it } from 'vitest';
import { DEMAND_LIMITS, type DemandReceipt, type DemandStatusPage } from '../../core/demands/demand-contract.ts';
import { RECEIPT_PATTERN } from '../../core/demands/receipt-code.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { demandAt, nextAddress, useDemands } from '../support/demands.ts';

/** Submitting a demand, as a resident and as staff: the receipt, the status page, and what is refused. */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { demands, cookies, places, submit, staffRead, moveTo, publishedAt, expectRefused } = useDemands(app, sql);

describe('a resident submits a demand', () => {
  it('gets 201 with an id, a receipt, the derived community and town, and the demands nearby', async () => {
    const { home } = places();
    const response = await demands.submit(demandAt(home, { contact: '13800000000' }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as DemandReceipt;
    expect(body).toEqual({ id: expect.any(Number), receipt: expect.stringMatching(RECEIPT_PATTERN), community: home.community, town: home.town, status: 'submitted', nearby: expect.any(Array) });
    expect(response.headers.get('Location')).toBe(`/api/demands/receipt/${body.receipt}`);
    await sql`DELETE FROM demands WHERE id = ${body.id}`;
  });

  it('is stored as a public submission titled by its type, with the private contact, and audited under the address pseudonym', async () => {
    const { home } = places();
    const address = nextAddress();
    const receipt = await submit(demandAt(home, { contact: '王女士 13800000000' }), { address });
    const stored = await staffRead(receipt.id);
    expect(stored).toMatchObject({ source: 'public', title: '幼儿园学位', contact: '王女士 13800000000', status: 'submitted', supportCount: 0, demo: false, version: 1 });
    expect(stored.lon).toBeCloseTo(home.lon, 6);
    const [audit] = await sql<{ actor: string; actor_role: string; action: string; after: { receipt: string } }[]>`
      SELECT actor, actor_role, action, after FROM audit_log WHERE entity = 'demand' AND entity_id = ${String(receipt.id)}`;
    expect(audit).toMatchObject({ actor: expect.stringMatching(/^public:[0-9a-f]{16}$/), actor_role: 'public', action: 'create' });
    expect(audit.actor).not.toContain(address);
    expect(audit.after.receipt).toBe(receipt.receipt);
  });

  it('follows it on the status page by its receipt, typed in any case and with separators', async () => {
    const receipt = await submit(demandAt(places().home, { title: '希望增设幼儿园' }));
    const typed = `${receipt.receipt.slice(0, 5).toLowerCase()}-${receipt.receipt.slice(5)}`;
    const response = await demands.receipt(typed);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const page = (await response.json()) as DemandStatusPage;
    expect(page).toEqual({
      receipt: receipt.receipt, status: 'submitted', optimization: 2, type: 'kindergarten', title: '希望增设幼儿园',
      createdAt: expect.any(String), updatedAt: expect.any(String), reply: null, reason: null, mergedInto: null, supportCount: 0, projects: [],
    });
    expect(JSON.stringify(page)).not.toContain('contact');
    await moveTo(receipt.id, { status: 'rejected', reason: '不属于本区职责', reply: '已转市级部门' });
    expect(await (await demands.receipt(receipt.receipt)).json()).toMatchObject({ status: 'rejected', reason: '不属于本区职责', reply: '已转市级部门' });
  });

  it('answers 404 for an unknown or malformed receipt', async () => {
    for (const code of ['0000000000', 'NOT-A-CODE', 'x'.repeat(300), '%27%20OR%201%3D1']) {
      const response = await demands.receipt(code);
      expect(response.status, code).toBe(404);
      expect((await response.json()).error.code).toBe('unknown_receipt');
    }
  });

  it('is offered the published demands of the same type within 50 m, not others', async () => {
    const { home } = places();
    const near = await publishedAt(home, { text: '附近的幼儿园需求' });
    const otherType = await publishedAt(home, { optimization: 1, type: 'parking', text: '停车难' });
    const unpublished = await submit(demandAt(home));
    const far = await publishedAt({ ...home, lat: home.lat + 0.001 });
    const receipt = await submit(demandAt({ ...home, lon: home.lon + 0.0002 }));
    const ids = receipt.nearby.map((demand) => demand.id);
    expect(ids).toContain(near.id);
    expect(ids).not.toContain(otherType.id);
    expect(ids).not.toContain(unpublished.id);
    expect(ids).not.toContain(far.id);
    expect(JSON.stringify(receipt.nearby)).not.toMatch(/contact|receipt/);
  });

  it('keeps text verbatim: markup, quotes and SQL are data', async () => {
    const text = `<script>alert("x")</script>'; DROP TABLE demands; -- 100% _under_ \\ 😀`;
    const receipt = await submit(demandAt(places().home, { text, title: `<b>'标题'</b>` }));
    expect(await staffRead(receipt.id)).toMatchObject({ text, title: `<b>'标题'</b>` });
  });
});

describe('what a submission must be', () => {
  it.each([
    ['an unknown type', { type: 'teleporter' }, 400, 'unknown_type'],
    ['a type of another optimization', { optimization: 1 }, 400, 'type_not_in_optimization'],
    ['a type that is not snake_case', { type: 'Kinder Garten' }, 400, 'invalid_request'],
    ['an optimization out of range', { optimization: 8 }, 400, 'invalid_request'],
    ['empty text', { text: '   ' }, 400, 'invalid_request'],
    ['text over the limit', { text: '长'.repeat(DEMAND_LIMITS.textChars + 1) }, 400, 'invalid_request'],
    ['a title over the limit', { title: 't'.repeat(DEMAND_LIMITS.titleChars + 1) }, 400, 'invalid_request'],
    ['a contact over the limit', { contact: '1'.repeat(DEMAND_LIMITS.contactChars + 1) }, 400, 'invalid_request'],
    ['an unknown field', { photo: 'x' }, 400, 'invalid_request'],
    ['text with a NUL character', { text: 'a\u0000b' }, 400, 'invalid_request'],
    ['text with a lone surrogate', { text: 'a\uD800b' }, 400, 'invalid_request'],
    ['a place outside the district', { lon: 106.3, lat: 29.3 }, 400, 'outside_district'],
    ['a longitude that is not a number', { lon: 'east' }, 400, 'invalid_request'],
    ['a public submission claiming another source', { source: 'deputy' }, 403, 'source_staff_only'],
  ])('refuses %s, changing nothing', async (_name, extra, status, code) => {
    await expectRefused(() => demands.submit(demandAt(places().home, extra)), status, code);
  });

  it('refuses a retired type, changing nothing', async () => {
    await sql`UPDATE demand_types SET active = false WHERE id = 'canteen'`;
    try {
      await expectRefused(() => demands.submit(demandAt(places().home, { optimization: 3, type: 'canteen' })), 400, 'type_retired');
    } finally {
      await sql`UPDATE demand_types SET active = true WHERE id = 'canteen'`;
    }
  });

  it('refuses a huge body before reading it, and malformed JSON', async () => {
    const huge = JSON.stringify(demandAt(places().home, { text: 'x'.repeat(200_000) }));
    await expectRefused(() => demands.submit(huge), 400, 'body_too_large');
    const justOver = JSON.stringify(demandAt(places().home, { text: 'x'.repeat(DEMAND_LIMITS.maxBodyChars) }));
    await expectRefused(() => demands.submit(justOver), 400, 'body_too_large');
    await expectRefused(() => demands.submit('{"lon": 106.5,'), 400, 'invalid_json');
  });
});

describe('staff record demands', () => {
  it('from the hotline, within their area, attributed to them', async () => {
    const receipt = await submit(demandAt(places().town, { source: 'hotline', contact: '12345 热线工单 0001' }), { cookie: cookies.town });
    const stored = await staffRead(receipt.id);
    expect(stored).toMatchObject({ source: 'hotline', contact: '12345 热线工单 0001' });
    const [audit] = await sql<{ actor: string }[]>`SELECT actor FROM audit_log WHERE entity = 'demand' AND entity_id = ${String(receipt.id)}`;
    expect(audit.actor).toBe('demo-town');
  });

  it('a planner records theirs as a planner by default', async () => {
    const receipt = await submit(demandAt(places().home), { cookie: cookies.planner });
    expect((await staffRead(receipt.id)).source).toBe('planner');
  });

  it('not in another town (403), changing nothing', async () => {
    await expectRefused(() => demands.submit(demandAt(places().elsewhere, { source: 'survey' }), { cookie: cookies.town }), 403, 'out_of_scope');
    await expectRefused(() => demands.submit(demandAt(places().town), { cookie: cookies.planner }), 403, 'out_of_scope');
  });

  it('are not held to the public rate limit', async () => {
    const address = nextAddress();
    for (let index = 0; index <= DEMAND_LIMITS.publicPerHour; index += 1) await submit(demandAt(places().home), { cookie: cookies.commission, address });
  });
});

describe('the public rate limit', () => {
  it(`allows ${DEMAND_LIMITS.publicPerHour} submissions an hour from one address, then 429 with Retry-After, changing nothing`, async () => {
    const address = nextAddress();
    try {
      for (let index = 0; index < DEMAND_LIMITS.publicPerHour; index += 1) await submit(demandAt(places().home), { address });
      const { error, response } = await expectRefused(() => demands.submit(demandAt(places().home), { address }), 429, 'too_many_submissions');
      const retryAfter = Number(response.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThan(3000);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(error.details).toEqual({ retryAfterSeconds: retryAfter });
      // Another address is not held back, and refused requests did not count.
      await submit(demandAt(places().home), { address: nextAddress() });
    } finally {
      await sql`DELETE FROM demand_submissions WHERE at > now() - interval '1 hour'`;
    }
  });

  it('counts only accepted submissions: refused ones leave the address its places', async () => {
    const address = nextAddress();
    await sql`DELETE FROM demand_submissions`;
    try {
      for (let index = 0; index < DEMAND_LIMITS.publicPerHour + 2; index += 1) {
        expect((await demands.submit(demandAt(places().home, { type: 'nothing_here' }), { address })).status).toBe(400);
      }
      await submit(demandAt(places().home), { address });
      const [row] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM demand_submissions`;
      expect(row.count).toBe(1);
    } finally {
      await sql`DELETE FROM demand_submissions WHERE at > now() - interval '1 hour'`;
    }
  });

  it('lets an address submit again as its oldest submission leaves the hour', async () => {
    const address = nextAddress();
    await sql`DELETE FROM demand_submissions`;
    try {
      for (let index = 0; index < DEMAND_LIMITS.publicPerHour; index += 1) await submit(demandAt(places().home), { address });
      await sql`UPDATE demand_submissions SET at = now() - interval '61 minutes' WHERE id = (SELECT min(id) FROM demand_submissions)`;
      await submit(demandAt(places().home), { address });
    } finally {
      await sql`DELETE FROM demand_submissions WHERE at > now() - interval '1 day'`;
    }
  });
});
