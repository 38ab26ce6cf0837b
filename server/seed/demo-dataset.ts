import { generateDemoDataset, serializeDemoDataset } from '../demo/generate.ts';
import { readFrame } from '../demo/read-frame.ts';
import type { LoadableDataset } from './load-dataset.ts';

/** The default dataset: Nan'an's real frame with demonstration layers generated from `seed`. */
export function buildDemoDataset(seed: number): LoadableDataset {
  const dataset = generateDemoDataset(readFrame(), seed);
  return {
    name: 'demo',
    seed,
    serialized: serializeDemoDataset(dataset),
    layers: dataset.layers as LoadableDataset['layers'],
    demands: dataset.demands,
    projects: dataset.projects,
  };
}
