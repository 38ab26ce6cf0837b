import { Hono } from 'hono';
import { parsePeriod, previousQuarter } from '../../core/surveys/quarters.ts';
import { townIndexes } from '../../core/surveys/survey-index.ts';
import { comparisonQuerySchema, rankTowns, type TownComparison, type TownFigures } from '../../core/towns/town-comparison.ts';
import type { AnalysisStore } from '../analysis/analysis-store.ts';
import type { AppEnv } from '../app-env.ts';
import type { Sql } from '../db/client.ts';
import { readQuery } from '../http/read-query.ts';
import { today } from '../projects/project-input.ts';
import { latestSurveyedQuarter, selectSurveysOf } from '../surveys/survey-sql.ts';
import { readProjectFigures } from '../targets/project-figures-cache.ts';
import { selectDelivered, selectTargets, selectTownCodes } from '../targets/target-sql.ts';
import { selectDemandFigures, selectProjectFigures } from './town-comparison-sql.ts';
import { measureCoverageGained } from './town-coverage-gained.ts';

/**
 * `GET /api/towns/comparison?period=2026Q3` (or a year; this year by default): the towns side by
 * side for the peer review (拉练互评), every figure computed from the records (demands, projects,
 * targets, surveys, the coverage completed projects added), with ranks (core/towns/town-comparison.ts).
 */
export const townComparisonRoutes = new Hono<AppEnv>();

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** Per town: how many town targets of the year, and how many reached by the period's end. */
async function townTargetsReached(sql: Sql, year: number, end: string): Promise<Map<string, { targets: number; reached: number }>> {
  const figure = await readProjectFigures(sql);
  const period = { start: `${year}-01-01`, end };
  const [targets, delivered] = await Promise.all([
    selectTargets(sql, year),
    figure(`delivered by town|${period.start}|${period.end}|`, () => selectDelivered(sql, period, { byTown: true })),
  ]);
  const achieved = new Map(delivered.map((row) => [`${row.town}|${row.indicator}`, row.achieved]));
  const result = new Map<string, { targets: number; reached: number }>();
  for (const target of targets) {
    if (!target.town) continue;
    const entry = result.get(target.town) ?? { targets: 0, reached: 0 };
    entry.targets += 1;
    if ((achieved.get(`${target.town}|${target.indicator}`) ?? 0) + 1e-9 >= target.target) entry.reached += 1;
    result.set(target.town, entry);
  }
  return result;
}

export async function buildTownComparison(sql: Sql, store: AnalysisStore, periodText: string, day: string): Promise<TownComparison> {
  const period = parsePeriod(periodText)!;
  const readSurveys = async () => {
    const quarter = await latestSurveyedQuarter(sql, period.quarters);
    if (!quarter) return { quarter, surveys: [], earlier: [] };
    const both = await selectSurveysOf(sql, [previousQuarter(quarter), quarter]);
    return { quarter, surveys: both.filter((survey) => survey.quarter === quarter), earlier: both.filter((survey) => survey.quarter !== quarter) };
  };
  const [towns, demands, projects, targets, { quarter: surveyQuarter, surveys, earlier }, gained] = await Promise.all([
    selectTownCodes(sql),
    selectDemandFigures(sql, period),
    selectProjectFigures(sql, period, day),
    townTargetsReached(sql, period.year, period.end),
    readSurveys(),
    measureCoverageGained(sql, store, period),
  ]);
  const demandsBy = new Map(demands.map((row) => [row.town, row]));
  const projectsBy = new Map(projects.map((row) => [row.town, row]));
  const satisfactionBy = new Map(townIndexes(surveys, earlier).map((index) => [index.town, index]));
  const figures: TownFigures[] = towns.map((town) => {
    const demand = demandsBy.get(town);
    const project = projectsBy.get(town);
    const target = targets.get(town);
    const satisfaction = satisfactionBy.get(town);
    return {
      town,
      demandsReceived: demand?.received ?? 0,
      demandsAnswered: demand?.answered ?? 0,
      answeredShare: share(demand?.answered ?? 0, demand?.received ?? 0),
      medianDaysToAnswer: demand?.median_days === null || demand?.median_days === undefined ? null : Math.round(demand.median_days * 10) / 10,
      projects: project?.projects ?? 0,
      onTimeShare: project ? share(project.projects - project.late, project.projects) : null,
      targets: target?.targets ?? 0,
      targetsReachedShare: target ? share(target.reached, target.targets) : null,
      satisfaction: satisfaction?.overall ?? null,
      satisfactionChange: satisfaction?.change ?? null,
      coverageGained: gained.byTown ? (gained.byTown.get(town) ?? 0) : null,
    };
  });
  return { period: period.label, start: period.start, end: period.end, surveyQuarter, coverageGainedByLayer: gained.byLayer, towns: rankTowns(figures) };
}

townComparisonRoutes.get('/towns/comparison', async (context) => {
  const query = readQuery(context, comparisonQuerySchema);
  const day = today();
  const { sql, services } = context.get('deps');
  return context.json(await buildTownComparison(sql, services.analysis, query.period ?? day.slice(0, 4), day));
});
