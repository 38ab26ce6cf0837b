/**
 * `npm run bench`: every benchmark, in one run, each printing its figures as ratios to a baseline
 * measured in the same run (the machine is shared and noisy). Pick some with
 * `npm run bench -- startup tiles`.
 */
import { benchStartup } from './startup.ts';
import { benchTiles } from './tiles.ts';
import { benchClient } from './client.ts';
import { benchAnalysis } from './analysis.ts';
import { benchSiting } from './siting.ts';
import { benchSitingMatrix } from './siting-matrix.ts';
import { benchIndexes } from './indexes.ts';
import { benchDemo } from './demo.ts';
import { benchAccounts } from './accounts.ts';
import { benchDemands } from './demands.ts';
import { benchExchange } from './exchange.ts';
import { benchExchangeLibrary } from './exchange-library.ts';
import { benchProjects } from './projects.ts';
import { benchDashboard } from './dashboard.ts';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  startup: benchStartup,
  tiles: benchTiles,
  client: benchClient,
  analysis: benchAnalysis,
  siting: benchSiting,
  'siting-matrix': benchSitingMatrix,
  indexes: benchIndexes,
  demo: benchDemo,
  accounts: benchAccounts,
  demands: benchDemands,
  exchange: benchExchange,
  'exchange-library': benchExchangeLibrary,
  projects: benchProjects,
  dashboard: benchDashboard,
};

const chosen = process.argv.slice(2).filter((name) => !name.startsWith('-'));
const unknown = chosen.filter((name) => !(name in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
for (const name of chosen.length ? chosen : Object.keys(BENCHMARKS)) {
  await BENCHMARKS[name]();
}
