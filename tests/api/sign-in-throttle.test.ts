import { afterEach, describe, expect, it } from 'vitest';
import { THROTTLE } from '../../server/accounts/sign-in-throttle.ts';
import { loadConfig } from '../../server/config.ts';
import { ACCOUNT_PASSWORD, createTestAccount, postSignIn, readError } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const behindProxy = createTestApp(sql, kind, { config: loadConfig({ TRUST_PROXY: 'true' }) });

/**
 * Every failure these tests make is for a `throttle-` username or from a documentation address
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), and is removed after each test, so no other
 * file's sign-ins are slowed or refused.
 */
afterEach(async () => {
  await sql`DELETE FROM sign_in_failures WHERE username LIKE 'throttle-%' OR address ~ '^(192\.0\.2|198\.51\.100|203\.0\.113)\.'`;
});

/** Failures recorded a moment ago, as earlier attempts would have left them. */
async function recordFailures(count: number, failure: (index: number) => { username: string; address: string }) {
  for (let index = 0; index < count; index += 1) {
    const { username, address } = failure(index);
    await sql`INSERT INTO sign_in_failures (username, address) VALUES (${username}, ${address})`;
  }
}

const failuresOf = async (column: 'username' | 'address', value: string) =>
  (await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM sign_in_failures WHERE ${sql(column)} = ${value}`)[0].count;

describe('failed sign-ins for one username', () => {
  it('are answered 401 until the limit, then 429 with Retry-After, even for the right password', async () => {
    await createTestAccount(sql, 'throttle-limit');
    for (let attempt = 1; attempt <= THROTTLE.refuseUsernameAt; attempt += 1) {
      const response = await postSignIn(app, { username: 'throttle-limit', password: `wrong-password-${attempt}` }, '192.0.2.10');
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const refused = await postSignIn(app, { username: 'throttle-limit', password: ACCOUNT_PASSWORD }, '192.0.2.11');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Set-Cookie')).toBeNull();
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(THROTTLE.windowMinutes * 60);
    expect(await readError(refused)).toMatchObject({ code: 'too_many_attempts', details: { retryAfterSeconds: retryAfter } });
  }, 120_000);

  it('sent all at once are held to the limit: no more than that many passwords are even checked', async () => {
    await createTestAccount(sql, 'throttle-burst');
    const burst = THROTTLE.refuseUsernameAt * 2;
    const answers = await Promise.all(
      Array.from({ length: burst }, (_, attempt) => postSignIn(app, { username: 'throttle-burst', password: `wrong-password-${attempt}` }, `192.0.2.${100 + attempt}`)),
    );
    const statuses = answers.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(THROTTLE.refuseUsernameAt);
    expect(statuses.filter((status) => status === 429)).toHaveLength(burst - THROTTLE.refuseUsernameAt);
    expect(await failuresOf('username', 'throttle-burst')).toBe(THROTTLE.refuseUsernameAt);
  }, 120_000);

  it('slow each attempt beyond the free few, yet a right password still opens a session', async () => {
    await createTestAccount(sql, 'throttle-slow');
    const recent = THROTTLE.slowAfter + 2;
    await recordFailures(recent, () => ({ username: 'throttle-slow', address: '192.0.2.20' }));
    const started = performance.now();
    const response = await postSignIn(app, { username: 'throttle-slow', password: ACCOUNT_PASSWORD }, '192.0.2.21');
    // A lower bound only: the wait is a sleep, so it cannot be shorter, however busy the machine.
    expect(performance.now() - started).toBeGreaterThanOrEqual((recent - THROTTLE.slowAfter + 1) * THROTTLE.stepMs - 5);
    expect(response.status).toBe(200);
  });

  it('are forgotten when the right password is given', async () => {
    await createTestAccount(sql, 'throttle-clear');
    for (const attempt of [1, 2]) {
      expect((await postSignIn(app, { username: 'throttle-clear', password: `wrong-password-${attempt}` }, '192.0.2.30')).status).toBe(401);
    }
    expect(await failuresOf('username', 'throttle-clear')).toBe(2);
    expect((await postSignIn(app, { username: 'throttle-clear', password: ACCOUNT_PASSWORD }, '192.0.2.30')).status).toBe(200);
    expect(await failuresOf('username', 'throttle-clear')).toBe(0);
  });

  it('count for an unknown username as for a real one', async () => {
    await postSignIn(app, { username: 'throttle-nobody', password: 'wrong-password' }, '192.0.2.40');
    expect(await failuresOf('username', 'throttle-nobody')).toBe(1);
  });
});

describe('failed sign-ins from one address', () => {
  it('across many usernames refuse that address with 429, even for a real account', async () => {
    await createTestAccount(sql, 'throttle-spray-target');
    await recordFailures(THROTTLE.refuseAddressAt, (index) => ({ username: `throttle-spray-${index}`, address: '198.51.100.5' }));
    const response = await postSignIn(app, { username: 'throttle-spray-target', password: ACCOUNT_PASSWORD }, '198.51.100.5');
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('do not refuse the same account from another address', async () => {
    await createTestAccount(sql, 'throttle-elsewhere');
    await recordFailures(THROTTLE.refuseAddressAt, (index) => ({ username: `throttle-spray-${index}`, address: '198.51.100.6' }));
    expect((await postSignIn(app, { username: 'throttle-elsewhere', password: ACCOUNT_PASSWORD }, '198.51.100.7')).status).toBe(200);
  });
});

describe('the address a failure is counted under', () => {
  it('is the socket’s when TRUST_PROXY is unset: X-Forwarded-For is ignored', async () => {
    await postSignIn(app, { username: 'throttle-who', password: 'wrong-password' }, '198.51.100.10', { 'X-Forwarded-For': '203.0.113.10' });
    expect(await sql`SELECT address FROM sign_in_failures WHERE username = 'throttle-who'`).toEqual([{ address: '198.51.100.10' }]);
  });

  it('cannot be changed by rotating X-Forwarded-For when TRUST_PROXY is unset', async () => {
    await recordFailures(THROTTLE.refuseAddressAt, (index) => ({ username: `throttle-spray-${index}`, address: '198.51.100.11' }));
    for (const forwarded of ['203.0.113.1', '203.0.113.2', '203.0.113.3, 203.0.113.4']) {
      const response = await postSignIn(app, { username: 'throttle-rotate', password: 'wrong-password' }, '198.51.100.11', { 'X-Forwarded-For': forwarded });
      expect(response.status, forwarded).toBe(429);
    }
  });

  it('is the last X-Forwarded-For entry (the one the proxy added) when TRUST_PROXY=true', async () => {
    await postSignIn(behindProxy, { username: 'throttle-proxied', password: 'wrong-password' }, '127.0.0.1', { 'X-Forwarded-For': '192.0.2.99, 203.0.113.20' });
    expect(await sql`SELECT address FROM sign_in_failures WHERE username = 'throttle-proxied'`).toEqual([{ address: '203.0.113.20' }]);
  });

  it('behind a trusted proxy, refuses one client without refusing the others the proxy relays', async () => {
    await createTestAccount(sql, 'throttle-relayed');
    await recordFailures(THROTTLE.refuseAddressAt, (index) => ({ username: `throttle-spray-${index}`, address: '203.0.113.30' }));
    const refused = await postSignIn(behindProxy, { username: 'throttle-relayed', password: ACCOUNT_PASSWORD }, '127.0.0.1', { 'X-Forwarded-For': '203.0.113.30' });
    expect(refused.status).toBe(429);
    const other = await postSignIn(behindProxy, { username: 'throttle-relayed', password: ACCOUNT_PASSWORD }, '127.0.0.1', { 'X-Forwarded-For': '203.0.113.31' });
    expect(other.status).toBe(200);
  });
});
