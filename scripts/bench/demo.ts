/**
 * The demo dataset generator (`npm run bench -- demo`), which runs on every first start and for
 * every test database: generate and serialise with the default seed. The first run is what a
 * cold start pays (nothing compiled yet); later runs are the warm figure. Baseline, measured in
 * the same run: JSON.parse of the serialised dataset, a fixed, purely CPU-bound task the size of
 * the generator's own output.
 */
import { generateDemoDataset, serializeDemoDataset, DEFAULT_DEMO_SEED } from '../../server/demo/generate.ts';
import { readFrame } from '../../server/demo/read-frame.ts';
import { formatMs, heading, median, report } from './measure.ts';

function timeGeneration(): { ms: number; serialized: string } {
  const started = performance.now();
  const serialized = serializeDemoDataset(generateDemoDataset(readFrame(), DEFAULT_DEMO_SEED));
  return { ms: performance.now() - started, serialized };
}

export async function benchDemo(): Promise<void> {
  heading(`demo dataset generation (seed ${DEFAULT_DEMO_SEED}, frame read + generate + serialise)`);
  const first = timeGeneration();
  const warm = median(Array.from({ length: 3 }, () => timeGeneration().ms));
  const baseline = median(Array.from({ length: 3 }, () => {
    const started = performance.now();
    JSON.parse(first.serialized);
    return performance.now() - started;
  }));
  report(`baseline: JSON.parse of the output (${(first.serialized.length / 1e6).toFixed(1)} MB), median of 3`, formatMs(baseline));
  report('first run in this process (as a cold start sees it)', formatMs(first.ms), first.ms / baseline, '≤ 10 s');
  report('warm, median of 3', formatMs(warm), warm / baseline);
}
