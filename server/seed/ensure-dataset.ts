import { createHash } from 'node:crypto';
import type { Sql } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { buildDemoDataset } from './demo-dataset.ts';
import { loadDataset, readLoadedDataset } from './load-dataset.ts';
import { replaceDemands } from './load-demands.ts';
import { replaceProjects } from './load-projects.ts';
import { replaceSurveys, replaceTargets } from './load-targets.ts';

/**
 * Load the demo dataset on first start, or when DEMO_SEED names another seed than the one loaded.
 * A database that holds imported (non-demo) data is never overwritten here.
 */
export async function ensureDemoDataset(sql: Sql, seed: number, log: Logger): Promise<void> {
  const loaded = await readLoadedDataset(sql);
  if (loaded?.name === 'demo' && loaded.seed === seed && !(await holdsAnyDemand(sql))) {
    await addDemoDemands(sql, seed, log);
    return;
  }
  if (loaded?.name === 'demo' && loaded.seed === seed && !(await holdsAnyProject(sql))) {
    await addDemoProjects(sql, seed, log);
    return;
  }
  if (loaded?.name === 'demo' && loaded.seed === seed && !(await holdsAnyTargetOrSurvey(sql))) {
    await addDemoTargetsAndSurveys(sql, seed, log);
    return;
  }
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

async function holdsAnyDemand(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM demands) AS any`;
  return row.any;
}

/**
 * A demo database loaded before the demand list existed gets the seed's demands, and keeps its
 * layers (and any edits made to them): only an empty list is filled, never one people wrote in.
 */
async function addDemoDemands(sql: Sql, seed: number, log: Logger): Promise<void> {
  log.info(`adding the demo demand list (seed ${seed}) to the loaded demo dataset…`);
  const dataset = buildDemoDataset(seed);
  const sha256 = createHash('sha256').update(dataset.serialized).digest('hex');
  await sql.begin(async (tx) => {
    await replaceDemands(tx, dataset.demands ?? [], { demo: true });
    await replaceProjects(tx, dataset.projects ?? [], { demo: true });
    await tx`UPDATE dataset SET sha256 = ${sha256}`;
  });
  log.info(`demo demands added: ${dataset.demands?.length ?? 0}, projects: ${dataset.projects?.length ?? 0}`);
}

async function holdsAnyProject(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM projects) AS any`;
  return row.any;
}

/**
 * A demo database loaded before the project library gets the seed's projects, linked to the
 * demands it still holds; layers, demands and their edits stay as they are. Only an empty
 * library is filled.
 */
async function addDemoProjects(sql: Sql, seed: number, log: Logger): Promise<void> {
  log.info(`adding the demo project library (seed ${seed}) to the loaded demo dataset…`);
  const dataset = buildDemoDataset(seed);
  const sha256 = createHash('sha256').update(dataset.serialized).digest('hex');
  await sql.begin(async (tx) => {
    await replaceProjects(tx, dataset.projects ?? [], { demo: true });
    await tx`UPDATE dataset SET sha256 = ${sha256}`;
  });
  log.info(`demo projects added: ${dataset.projects?.length ?? 0}`);
}

async function holdsAnyTargetOrSurvey(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM targets) OR EXISTS (SELECT 1 FROM surveys) AS any`;
  return row.any;
}

/**
 * A demo database loaded before the yearly targets and surveys gets the seed's; everything else
 * stays as it is. Only when both are empty, never over figures people set or imported.
 */
async function addDemoTargetsAndSurveys(sql: Sql, seed: number, log: Logger): Promise<void> {
  log.info(`adding the demo targets and surveys (seed ${seed}) to the loaded demo dataset…`);
  const dataset = buildDemoDataset(seed);
  await sql.begin(async (tx) => {
    if (dataset.targets) await replaceTargets(tx, dataset.targets, { demo: true });
    if (dataset.surveys) await replaceSurveys(tx, dataset.surveys, { demo: true });
  });
  log.info(`demo targets added: ${dataset.targets?.targets.length ?? 0}, surveys: ${dataset.surveys?.length ?? 0}`);
}
