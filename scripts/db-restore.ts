/**
 * `npm run db:restore -- FILE [--replace]`: restore a backup made by `npm run db:backup` into
 * DATABASE_URL or the embedded database in DATA_DIR, in one transaction. An empty database (or a
 * new DATA_DIR) takes it as is; a database holding anything is replaced only with --replace.
 * A backup from a newer schema than this version knows is refused. Restart API servers after a
 * restore on a shared database: their caches are keyed by layer versions, which go back too.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditActor } from '../server/audit/audit-actor.ts';
import { restoreBackup } from '../server/backup/restore-backup.ts';
import { withDatabase } from './with-database.ts';

const USAGE = 'usage: npm run db:restore -- FILE [--replace]   (--replace: replace everything the database holds, its audit trail included)';

let parsed;
try {
  parsed = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options: { replace: { type: 'boolean', default: false } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (parsed.positionals.length !== 1) {
  console.error(USAGE);
  process.exit(2);
}
const file = resolve(parsed.positionals[0]);
const actor: AuditActor = { userId: null, name: 'cli', role: 'cli', requestId: randomUUID() };

await withDatabase(async ({ sql, log }) => {
  const result = await restoreBackup(sql, file, { replace: parsed.values.replace, actor });
  const upgraded = result.upgradedWith.length ? `; then migrated with ${result.upgradedWith.join(', ')}` : '';
  log.info(`restored ${result.tables} tables, ${result.rows} rows from the backup of ${result.backupCreatedAt}${upgraded}`);
});
