import { createHash } from 'node:crypto';
import { DATASET_LAYERS, sqlTypeOf, type LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable, Sql } from '../db/client.ts';
import { replaceDemands, type DatasetDemand } from './load-demands.ts';
import { replaceProjects, type DatasetProject } from './load-projects.ts';
import { replaceSurveys, replaceTargets, type DatasetSurvey, type DatasetTargets } from './load-targets.ts';

export interface DatasetFeature {
  id: number;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

export interface LoadableDataset {
  name: string;
  seed: number | null;
  /** Text the dataset hash is taken from, so a reload can tell what it holds. */
  serialized: string;
  layers: Record<string, DatasetFeature[]>;
  /** A dataset with a demand list replaces the demands too; one without leaves them alone. */
  demands?: readonly DatasetDemand[];
  /** Likewise the project library, loaded after the demands it links to. */
  projects?: readonly DatasetProject[];
  /** The yearly targets and the quarterly surveys, replaced likewise when present. */
  targets?: DatasetTargets;
  surveys?: readonly DatasetSurvey[];
}

export type LoadProgress = (message: string) => void;

/** Work done in the load's own transaction: a check before it writes, an audit row after. */
export interface LoadHooks {
  before?: (tx: Queryable) => Promise<void>;
  after?: (tx: Queryable) => Promise<void>;
}

/** Rows per INSERT: big enough to be quick, small enough to report progress on the 26k-cell grid. */
const BATCH_SIZE = 1000;

/**
 * Replace every dataset layer's rows with the dataset's, in one transaction: a failure leaves the
 * database as it was. Table and column names come from the registry only. Workflow layers are
 * views over records people write, not the dataset's to replace.
 */
export async function loadDataset(sql: Sql, dataset: LoadableDataset, progress: LoadProgress = () => {}, hooks: LoadHooks = {}): Promise<void> {
  const sha256 = createHash('sha256').update(dataset.serialized).digest('hex');
  await sql.begin(async (tx) => {
    await hooks.before?.(tx);
    await tx.unsafe(`TRUNCATE ${DATASET_LAYERS.map((layer) => layer.id).join(', ')} RESTART IDENTITY`);
    for (const layer of DATASET_LAYERS) {
      const features = dataset.layers[layer.id] ?? [];
      for (let start = 0; start < features.length; start += BATCH_SIZE) {
        await insertFeatures(tx, layer, features.slice(start, start + BATCH_SIZE));
      }
      await tx.unsafe(`SELECT setval(pg_get_serial_sequence('${layer.id}', 'id'), GREATEST((SELECT max(id) FROM ${layer.id}), 1))`);
      progress(`loaded ${layer.id}: ${features.length} features`);
    }
    if (dataset.demands) {
      await replaceDemands(tx, dataset.demands, { demo: dataset.name === 'demo' });
      progress(`loaded demands: ${dataset.demands.length}`);
    }
    if (dataset.projects) {
      await replaceProjects(tx, dataset.projects, { demo: dataset.name === 'demo' });
      progress(`loaded projects: ${dataset.projects.length}`);
    }
    if (dataset.targets) {
      await replaceTargets(tx, dataset.targets, { demo: dataset.name === 'demo' });
      progress(`loaded targets: ${dataset.targets.targets.length}`);
    }
    if (dataset.surveys) {
      await replaceSurveys(tx, dataset.surveys, { demo: dataset.name === 'demo' });
      progress(`loaded surveys: ${dataset.surveys.length}`);
    }
    await tx`DELETE FROM dataset`;
    await tx`INSERT INTO dataset (name, seed, sha256) VALUES (${dataset.name}, ${dataset.seed}, ${sha256})`;
    await hooks.after?.(tx);
  });
  // Fresh statistics so the planner uses the GiST indexes from the first query on.
  await sql.unsafe(`ANALYZE ${[...DATASET_LAYERS.map((layer) => layer.id), ...(dataset.demands ? ['demands'] : []), ...(dataset.projects ? ['projects'] : [])].join(', ')}`);
}

async function insertFeatures(sql: Queryable, layer: LayerDefinition, features: DatasetFeature[]) {
  const columns = Object.keys(layer.properties);
  const recordType = [
    'id integer',
    ...columns.map((column) => `${column} ${sqlTypeOf(layer.properties[column].type)}`),
    'geometry json',
  ].join(', ');
  // Multi-part tables take single parts too: ST_Multi makes the generator's Polygons fit.
  const geometry = layer.geometry.startsWith('Multi')
    ? 'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geometry::text), 4326))'
    : 'ST_SetSRID(ST_GeomFromGeoJSON(geometry::text), 4326)';
  const rows = features.map((feature) => ({ id: feature.id, ...feature.properties, geometry: feature.geometry }));
  await sql.unsafe(
    `INSERT INTO ${layer.id} (id, ${columns.join(', ')}, geom)
     SELECT id, ${columns.join(', ')}, ${geometry} FROM json_to_recordset($1::text::json) AS r(${recordType})`,
    [JSON.stringify(rows)],
  );
}

/** What the database holds now, or undefined before the first load. */
export async function readLoadedDataset(sql: Sql): Promise<{ name: string; seed: number | null; sha256: string } | undefined> {
  const [row] = await sql<{ name: string; seed: number | null; sha256: string }[]>`SELECT name, seed, sha256 FROM dataset`;
  return row;
}
