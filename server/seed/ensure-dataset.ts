import type { Sql } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { buildDemoDataset } from './demo-dataset.ts';
import { loadDataset, readLoadedDataset } from './load-dataset.ts';

/**
 * Load the demo dataset on first start, or when DEMO_SEED names another seed than the one loaded.
 * A database that holds imported (non-demo) data is never overwritten here.
 */
export async function ensureDemoDataset(sql: Sql, seed: number, log: Logger): Promise<void> {
  const loaded = await readLoadedDataset(sql);
  if (loaded && (loaded.name !== 'demo' || loaded.seed === seed)) {
    log.info(`dataset present: ${loaded.name}${loaded.seed === null ? '' : ` (seed ${loaded.seed})`}`);
    return;
  }
  await reloadDemoDataset(sql, seed, log);
}

export async function reloadDemoDataset(sql: Sql, seed: number, log: Logger): Promise<void> {
  const started = performance.now();
  log.info(`generating the demo dataset from seed ${seed}…`);
  const dataset = buildDemoDataset(seed);
  log.info(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s; loading it into the database…`);
  await loadDataset(sql, dataset, (message) => log.info(`  ${message}`));
  log.info(`demo dataset loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
