// Four quarters of the third-party satisfaction survey (第三方民意调查) for every community.
// Satisfaction follows what residents have: the share of them within a short walk (500 m) of
// everyday services, and the projects completed in their community by the end of the quarter
// (a project of an optimization lifts that optimization's score most), plus noise.
import type { DemandOptimization } from '../../core/demands/demand-types.ts';
import type { SurveyFigures, SurveyScores } from '../../core/surveys/survey-contract.ts';
import type { LocalPlane } from './geo-math.ts';
import type { PopulationCell } from './population.ts';
import type { Rng } from './random.ts';
import type { DemoFeature, DemoProject, LayerId } from './types.ts';

export type DemoSurvey = SurveyFigures;

/** The four quarters before the demo's "today" (2026-11-28): 2025Q4 to 2026Q3. */
export const DEMO_SURVEY_QUARTERS = ['2025Q4', '2026Q1', '2026Q2', '2026Q3'] as const;
const QUARTER_ENDS: Record<(typeof DEMO_SURVEY_QUARTERS)[number], string> = { '2025Q4': '2025-12-31', '2026Q1': '2026-03-31', '2026Q2': '2026-06-30', '2026Q3': '2026-09-30' };

/** The services a resident meets on a daily walk. */
const EVERYDAY_LAYERS: readonly LayerId[] = ['kindergartens', 'primary_schools', 'elderly_centres', 'health_centres', 'health_stations', 'fresh_markets', 'sports_parks'];
const WALK_M = 500;

/** Share of each community's residents within WALK_M of an everyday service (a grid of WALK_M buckets). */
export function everydayCoverage(cells: readonly PopulationCell[], layers: Readonly<Record<LayerId, DemoFeature[]>>, plane: LocalPlane): Map<string, number> {
  const buckets = new Map<string, [number, number][]>();
  const bucketOf = (x: number, y: number) => `${Math.floor(x / WALK_M)},${Math.floor(y / WALK_M)}`;
  for (const layer of EVERYDAY_LAYERS) {
    for (const feature of layers[layer] ?? []) {
      if (feature.geometry.type !== 'Point') continue;
      const [x, y] = plane.toXY(feature.geometry.coordinates as [number, number]);
      const key = bucketOf(x, y);
      if (!buckets.has(key)) buckets.set(key, []);
      buckets.get(key)!.push([x, y]);
    }
  }
  const totals = new Map<string, { people: number; covered: number }>();
  for (const cell of cells) {
    const [x, y] = cell.xy;
    const bx = Math.floor(x / WALK_M);
    const by = Math.floor(y / WALK_M);
    let near = false;
    for (let dx = -1; dx <= 1 && !near; dx += 1) {
      for (let dy = -1; dy <= 1 && !near; dy += 1) {
        near = (buckets.get(`${bx + dx},${by + dy}`) ?? []).some(([fx, fy]) => (fx - x) ** 2 + (fy - y) ** 2 <= WALK_M ** 2);
      }
    }
    const total = totals.get(cell.communityCode) ?? { people: 0, covered: 0 };
    total.people += cell.population;
    if (near) total.covered += cell.population;
    totals.set(cell.communityCode, total);
  }
  return new Map([...totals].map(([code, total]) => [code, total.people > 0 ? total.covered / total.people : 0]));
}

const clamp = (value: number) => Math.min(100, Math.max(0, Math.round(value * 10) / 10));

export function buildDemoSurveys(
  communities: readonly { code: string; town: string }[],
  coverage: ReadonlyMap<string, number>,
  projects: readonly DemoProject[],
  rng: Rng,
): DemoSurvey[] {
  const completed = projects.filter((project) => project.phase === 'completed');
  const surveys: DemoSurvey[] = [];
  for (const community of communities) {
    const share = coverage.get(community.code) ?? 0;
    // Each community has its own temper, and its own view of each optimization.
    const temper = rng.normal(0, 3);
    const leanings = [1, 2, 3, 4, 5, 6, 7].map(() => rng.normal(0, 4));
    const respondentsBase = rng.int(120, 360);
    for (const quarter of DEMO_SURVEY_QUARTERS) {
      const end = QUARTER_ENDS[quarter];
      const done = completed.filter((project) => project.communityCode === community.code && project.phaseSince <= end);
      const overall = clamp(58 + 28 * share + 2.5 * Math.min(done.length, 4) + temper + rng.normal(0, 2));
      const scores: SurveyScores = {};
      for (let optimization = 1; optimization <= 7; optimization += 1) {
        const lift = done.some((project) => project.optimization === optimization) ? 5 : 0;
        scores[optimization as DemandOptimization] = clamp(overall + leanings[optimization - 1] + lift + rng.normal(0, 2));
      }
      surveys.push({ community: community.code, town: community.town, quarter, respondents: respondentsBase + rng.int(-40, 40), overall, scores });
    }
  }
  return surveys;
}
