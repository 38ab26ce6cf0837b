import type { Role } from '../../core/accounts/roles.ts';
import type { Sql } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { checkPassword, hashPassword } from './password.ts';
import { deleteUserSessions } from './session-sql.ts';
import { insertUser } from './user-sql.ts';

/** The town the demo town office and planner work in. */
export const DEMO_TOWN_NAME = '南坪街道';

interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'demo-admin', displayName: '演示 · 系统管理员', role: 'admin' },
  { username: 'demo-commission', displayName: '演示 · 区发展改革委', role: 'commission' },
  { username: 'demo-planner', displayName: '演示 · 社区规划师', role: 'planner' },
  { username: 'demo-town', displayName: '演示 · 南坪街道办事处', role: 'town' },
  { username: 'demo-inspector', displayName: '演示 · 区政府督查办', role: 'inspector' },
];

/**
 * One account per role, marked demo, with the demo password: the town office works in 南坪街道
 * and the planner in its first two communities. Existing demo accounts keep their scope; their
 * password follows DEMO_PASSWORD.
 */
export async function ensureDemoAccounts(sql: Sql, password: string, log: Logger): Promise<void> {
  // Nan'an's 南坪街道, or the first town of another district loaded with npm run district:init.
  const [town] = await sql<{ code: string }[]>`SELECT code FROM towns ORDER BY name = ${DEMO_TOWN_NAME} DESC, code LIMIT 1`;
  if (!town) throw new Error(`the demo accounts need a town (${DEMO_TOWN_NAME} in the demo), and the data has none`);
  const communities = (await sql<{ code: string }[]>`SELECT code FROM communities WHERE town_code = ${town.code} ORDER BY code LIMIT 2`).map((row) => row.code);
  const existing = new Map(
    (await sql<{ username: string; password_hash: string }[]>`SELECT username, password_hash FROM users WHERE demo`).map((row) => [row.username, row.password_hash]),
  );
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const storedHash = existing.get(account.username);
    if (storedHash === undefined) {
      const made = await insertUser(sql, {
        ...account,
        town: account.role === 'town' ? town.code : null,
        communities: account.role === 'planner' ? communities : [],
        passwordHash: await hashPassword(password),
        demo: true,
      });
      if (made) created += 1;
    } else if (!(await checkPassword(storedHash, password))) {
      // A new demo password (the old one was perhaps known too widely) also ends the sessions opened with the old one.
      const passwordHash = await hashPassword(password);
      await sql.begin(async (tx) => {
        const [user] = await tx<{ id: number }[]>`UPDATE users SET password_hash = ${passwordHash}, version = version + 1, updated_at = now() WHERE username = ${account.username} RETURNING id`;
        await deleteUserSessions(tx, user.id);
      });
    }
  }
  if (created) log.info(`created ${created} demo account(s) of ${DEMO_ACCOUNTS.map((account) => account.username).join(', ')}`);
}
