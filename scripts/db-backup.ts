/**
 * `npm run db:backup -- FILE`: every table, sequence and the schema level of DATABASE_URL or of
 * the embedded database in DATA_DIR (stop the server first: the embedded database belongs to one
 * process), as a gzip'd JSON-lines file (server/backup/backup-format.ts).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBackup } from '../server/backup/write-backup.ts';
import { withDatabase } from './with-database.ts';

const USAGE = 'usage: npm run db:backup -- FILE   (FILE is written whole or not at all; it holds password hashes: keep it private)';

const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options: {} });
if (positionals.length !== 1) {
  console.error(USAGE);
  process.exit(2);
}
const file = resolve(positionals[0]);

await withDatabase(async ({ sql, log }) => {
  const summary = await writeBackup(sql, file);
  const rows = Object.values(summary.tables).reduce((sum, table) => sum + table.rows, 0);
  log.info(`backed up ${Object.keys(summary.tables).length} tables, ${rows} rows, schema ${summary.header.migrations.at(-1)} → ${file}`);
});
