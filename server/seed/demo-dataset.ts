import { buildDemoModel, serializeDemoDataset } from '../demo/generate.ts';
import { createRng } from '../demo/random.ts';
import { readFrame } from '../demo/read-frame.ts';
import { buildDemoSurveys, everydayCoverage } from '../demo/surveys.ts';
import { buildDemoTargets } from '../demo/targets.ts';
import type { LoadableDataset } from './load-dataset.ts';

/**
 * The default dataset: Nan'an's real frame with demonstration layers generated from `seed`, the
 * demand list and project library, and the demo year's targets and four quarters of surveys
 * drawn from what the library has built (streams of their own, so they shift nothing else).
 */
export function buildDemoDataset(seed: number): LoadableDataset {
  const frame = readFrame();
  const model = buildDemoModel(frame, seed);
  const { dataset } = model;
  const rng = createRng(seed);
  const communities = frame.communities.map((community) => ({ code: community.code, town: community.townCode }));
  const coverage = everydayCoverage(model.placement.cells, dataset.layers, model.plane);
  return {
    name: 'demo',
    seed,
    serialized: serializeDemoDataset(dataset),
    layers: dataset.layers as LoadableDataset['layers'],
    demands: dataset.demands,
    projects: dataset.projects,
    targets: buildDemoTargets(dataset.projects, frame.towns.map((town) => town.code), rng.fork('targets')),
    surveys: buildDemoSurveys(communities, coverage, dataset.projects, rng.fork('surveys')),
  };
}
