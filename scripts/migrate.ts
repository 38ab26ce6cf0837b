/** `npm run db:migrate`: apply pending migrations to DATABASE_URL or the embedded database. */
import { withDatabase } from './with-database.ts';
import { migrate } from '../server/db/migrate.ts';

await withDatabase(async ({ sql, log }) => {
  const applied = await migrate(sql);
  log.info(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply: the schema is up to date');
});
