/**
 * Facility siting (`npm run bench -- siting`): the solvers on spopt's San Francisco case and on
 * the full default dataset (kindergartens: MCLP p = 10 at 300 m over every idle plot plus a
 * 200 m candidate grid, and p-median p = 10), and on synthetic city-sized instances with
 * cancellation (siting-synthetic.ts). Each figure is printed with its ratio to one
 * baseline measured in the same run: exhaustive enumeration of the San Francisco MCLP (all 1,820
 * four-site subsets), a fixed, purely CPU-bound piece of work, so noise on this shared 2-core
 * machine shows as a moving baseline rather than as a moving figure.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildMatrixInstance, completeInstance, sitingRequestSchema, solveSiting, type CostMatrix, type MipSolver, type SitingInstance, type SitingRequest, type SitingSolution } from '../../core/siting/index.ts';
import { loadHighsSolver } from '../../server/siting/highs-solver.ts';
import { prepareSitingProblem } from '../../server/siting/siting-problem.ts';
import { createAppServices } from '../../server/app-services.ts';
import { createLogger } from '../../server/log.ts';
import { benchDatabaseKinds, openBenchDatabase } from './bench-database.ts';
import { formatMs, heading, median, report } from './measure.ts';
import { benchSuppliedMatrix } from './siting-matrix.ts';
import { benchSitingAtScale } from './siting-synthetic.ts';

const SF_CSV = new URL('../../tests/fixtures/spopt-sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv', import.meta.url);

function readSanFrancisco(): CostMatrix {
  const rows = readFileSync(fileURLToPath(SF_CSV), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
  const candidates = [...new Set(rows.map((row) => row[1]))];
  const demandIds = [...new Set(rows.map((row) => row[2]))];
  const weight = new Map(rows.map((row) => [row[2], Number(row[3])]));
  const distances = candidates.map(() => new Array<number | null>(demandIds.length).fill(null));
  for (const [distance, store, tract] of rows) distances[candidates.indexOf(store)][demandIds.indexOf(tract)] = Number(distance);
  return { candidates, demands: demandIds.map((id) => ({ id, weight: weight.get(id)! })), distances };
}

/** The baseline: every p-subset of the candidates, its covered weight summed from scratch. */
function enumerateBestCover(instance: SitingInstance, p: number): number {
  const { start, demand } = instance.cover!;
  const candidates = instance.candidateIds.length;
  const covered = new Uint8Array(instance.weights.length);
  let best = 0;
  const subset: number[] = [];
  const visit = (from: number) => {
    if (subset.length === p) {
      covered.fill(0);
      let weight = 0;
      for (const site of subset) {
        for (let slot = start[site]; slot < start[site + 1]; slot += 1) {
          if (!covered[demand[slot]]) {
            covered[demand[slot]] = 1;
            weight += instance.weights[demand[slot]];
          }
        }
      }
      best = Math.max(best, weight);
      return;
    }
    for (let site = from; site < candidates; site += 1) {
      subset.push(site);
      visit(site + 1);
      subset.pop();
    }
  };
  visit(0);
  return best;
}

function timeSolve(instance: SitingInstance, options: Parameters<typeof solveSiting>[1], solver: MipSolver): { ms: number; solution: SitingSolution } {
  const started = performance.now();
  const solution = solveSiting(instance, options, solver);
  return { ms: performance.now() - started, solution };
}

const describe = (solution: SitingSolution) =>
  `${solution.status}, ${solution.method}, objective ${Math.round(solution.objective).toLocaleString('en-GB')}, gap ${solution.gap === null ? '—' : `${(solution.gap * 100).toFixed(3)}%`}`;
const verdict = (ms: number, targetMs: number) => `≤ ${formatMs(targetMs)} ${ms <= targetMs ? 'met' : 'MISSED'}`;
const gapVerdict = (solution: SitingSolution, target: number) => `gap ≤ ${(target * 100).toFixed(1)}% ${solution.gap !== null && solution.gap <= target ? 'met' : 'MISSED'}`;

export async function benchSiting(): Promise<void> {
  const solver = await loadHighsSolver();
  const sanFrancisco = buildMatrixInstance(readSanFrancisco(), 'mclp', 5000);

  heading('siting baseline: exhaustive enumeration of spopt SF MCLP (16 choose 4 = 1,820 subsets)');
  let enumerated = 0;
  const baseline = median(Array.from({ length: 5 }, () => {
    const started = performance.now();
    enumerated = enumerateBestCover(sanFrancisco, 4);
    return performance.now() - started;
  }));
  report(`enumeration, median of 5 (optimum ${enumerated.toLocaleString('en-GB')})`, formatMs(baseline));

  heading('spopt San Francisco: MCLP d = 5000 m, p = 4 (16 candidates × 205 tracts)');
  // The first solve also compiles the code paths (JavaScript and WebAssembly): what a fresh worker pays.
  const first = timeSolve(sanFrancisco, { model: 'mclp', p: 4, method: 'exact', timeLimitS: 30 }, solver);
  report('exact, first solve in this process', formatMs(first.ms), first.ms / baseline, verdict(first.ms, 3000));
  const exact = median(Array.from({ length: 5 }, () => timeSolve(sanFrancisco, { model: 'mclp', p: 4, method: 'exact', timeLimitS: 30, curveUpTo: 4 }, solver).ms));
  const exactRun = timeSolve(sanFrancisco, { model: 'mclp', p: 4, method: 'exact', timeLimitS: 30, curveUpTo: 4 }, solver).solution;
  report('exact (HiGHS, with the curve p = 1…4), median of 5', formatMs(exact), exact / baseline, verdict(exact, 1000));
  report(`  ${describe(exactRun)}`, exactRun.objective === enumerated ? '= enumeration' : 'DIFFERS');
  report(`  chosen`, exactRun.chosen.map((index) => sanFrancisco.candidateIds[index]).sort().join(' '));
  const heuristicRun = timeSolve(sanFrancisco, { model: 'mclp', p: 4, method: 'heuristic', timeLimitS: 30 }, solver);
  report('heuristic (greedy + swap, Lagrangian bound)', formatMs(heuristicRun.ms), heuristicRun.ms / baseline);
  report(`  ${describe(heuristicRun.solution)}`, `bound ${Math.round(heuristicRun.solution.bound).toLocaleString('en-GB')}`);

  benchSitingAtScale(solver, baseline);
  benchSuppliedMatrix(solver, baseline);

  const [kind] = benchDatabaseKinds();
  const database = await openBenchDatabase(kind);
  const services = createAppServices(database.sql, createLogger('silent'));
  try {
    const fullRuns: Array<[string, SitingRequest, number | undefined]> = [
      ['MCLP p = 10, 300 m, idle plots + 200 m grid', { model: 'mclp', p: 10, radius: 300, facilityLayer: 'kindergartens', candidates: ['idle_plots', { grid: 200 }] }, 0.005],
      ['MCLP p = 10, 300 m walking, idle plots + 200 m grid', { model: 'mclp', p: 10, radius: 300, mode: 'network', facilityLayer: 'kindergartens', candidates: ['idle_plots', { grid: 200 }] }, 0.005],
      ['p-median p = 10, idle plots + 200 m grid', { model: 'pmedian', p: 10, facilityLayer: 'kindergartens', candidates: ['idle_plots', { grid: 200 }] }, undefined],
      ['LSCP 300 m, idle plots + 200 m grid', { model: 'lscp', radius: 300, facilityLayer: 'kindergartens', candidates: ['idle_plots', { grid: 200 }] }, undefined],
    ];
    for (const [title, body, gapTarget] of fullRuns) {
      const request = sitingRequestSchema.parse({ ...body, timeLimit: 30 });
      const built = performance.now();
      const problem = await prepareSitingProblem(database.sql, services, request, built);
      const instance = completeInstance(problem.instance, problem.recipe);
      const buildMs = performance.now() - built;
      heading(`full dataset (${kind}), kindergartens: ${title} — ${instance.candidateIds.length.toLocaleString('en-GB')} candidates × ${instance.weights.length.toLocaleString('en-GB')} demands`);
      report('building the instance (distances, coverage lists)', formatMs(buildMs), buildMs / baseline);
      const heuristic = timeSolve(instance, { ...problem.options, method: 'heuristic', curveUpTo: undefined }, solver);
      report('heuristic + bound', formatMs(heuristic.ms), heuristic.ms / baseline, verdict(heuristic.ms, 1000));
      report(`  ${describe(heuristic.solution)}`, '');
      const exactFull = timeSolve(instance, { ...problem.options, method: 'exact', curveUpTo: undefined }, solver);
      report('exact (HiGHS, 30 s limit, warm-started)', formatMs(exactFull.ms), exactFull.ms / baseline, `${verdict(exactFull.ms, 30_000)}${gapTarget === undefined ? '' : `, ${gapVerdict(exactFull.solution, gapTarget)}`}`);
      report(`  ${describe(exactFull.solution)}`, '');
      for (const note of exactFull.solution.notes) report(`  note: ${note}`, '');
    }
  } finally {
    await services.close();
    await database.close();
  }
}
