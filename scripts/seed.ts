/** `npm run db:seed`: re-create the default demo dataset (DEMO_SEED) from scratch. */
import { withDatabase } from './with-database.ts';
import { migrate } from '../server/db/migrate.ts';
import { reloadDemoDataset } from '../server/seed/ensure-dataset.ts';

await withDatabase(async ({ sql, log, config }) => {
  await migrate(sql);
  await reloadDemoDataset(sql, config.demoSeed, log);
});
