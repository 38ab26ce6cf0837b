import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, ensureDemoAccounts } from '../../server/accounts/demo-accounts.ts';
import { createLogger } from '../../server/log.ts';
import { snapshotAccounts } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { DEMO_USERNAMES, sessionHeaders, signIn } from '../support/session.ts';
import { TEST_PASSWORD } from '../setup/prepare-database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const log = createLogger('silent');

describe('the demo accounts at start-up', () => {
  it('are one per role, marked demo, with the scope the README gives', async () => {
    const rows = await sql<{ username: string; role: string; demo: boolean; town: string | null; communities: string[] }[]>`
      SELECT u.username, u.role, u.demo, t.name AS town, u.communities FROM users u LEFT JOIN towns t ON t.code = u.town_code
      WHERE u.username = ANY(${DEMO_ACCOUNTS.map((account) => account.username)}) ORDER BY u.username`;
    expect(rows.map((row) => [row.username, row.role, row.demo])).toEqual(DEMO_ACCOUNTS.map((account) => [account.username, account.role, true]).sort());
    expect(rows.find((row) => row.role === 'town')?.town).toBe('南坪街道');
    expect(rows.find((row) => row.role === 'planner')?.communities).toHaveLength(2);
  });

  it('change nothing when started again with the same password', async () => {
    const before = await snapshotAccounts(sql);
    await ensureDemoAccounts(sql, TEST_PASSWORD, log);
    expect(await snapshotAccounts(sql)).toEqual(before);
  });

  it('take a new DEMO_PASSWORD, and the sessions opened with the old one end', async () => {
    const cookie = await signIn(app, DEMO_USERNAMES.inspector);
    try {
      await ensureDemoAccounts(sql, 'a-new-demo-password', log);
      expect((await app.request('/api/session', { headers: sessionHeaders(cookie) })).status).toBe(401);
      await signIn(app, DEMO_USERNAMES.inspector, 'a-new-demo-password');
    } finally {
      await ensureDemoAccounts(sql, TEST_PASSWORD, log);
    }
    await signIn(app, DEMO_USERNAMES.inspector);
  });
});
