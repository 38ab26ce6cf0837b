import type { DemandOptimization } from '../demands/demand-types.ts';
import type { SurveyIndex, SurveyRecord, SurveyScores } from './survey-contract.ts';

/**
 * Satisfaction of an area (a town, the district) from its communities' surveys: each score
 * weighted by the community's respondents, so a community that asked 400 people counts four times
 * one that asked 100. An optimization's score is weighted over the communities asked about it.
 */
export function weightedScores(records: readonly Pick<SurveyRecord, 'respondents' | 'overall' | 'scores'>[]): { respondents: number; overall: number; scores: SurveyScores } | null {
  const respondents = records.reduce((sum, record) => sum + record.respondents, 0);
  if (respondents === 0) return null;
  const overall = records.reduce((sum, record) => sum + record.overall * record.respondents, 0) / respondents;
  const scores: SurveyScores = {};
  for (let optimization = 1 as DemandOptimization; optimization <= 7; optimization = (optimization + 1) as DemandOptimization) {
    const asked = records.filter((record) => record.scores[optimization] !== undefined);
    const weight = asked.reduce((sum, record) => sum + record.respondents, 0);
    if (weight > 0) scores[optimization] = round(asked.reduce((sum, record) => sum + record.scores[optimization]! * record.respondents, 0) / weight);
  }
  return { respondents, overall: round(overall), scores };
}

/** Per town, this quarter's index beside the quarter before's. */
export function townIndexes(current: readonly SurveyRecord[], previous: readonly SurveyRecord[]): SurveyIndex[] {
  const towns = [...new Set(current.map((record) => record.town))].sort();
  return towns.map((town) => {
    const mine = current.filter((record) => record.town === town);
    const now = weightedScores(mine)!;
    const before = weightedScores(previous.filter((record) => record.town === town));
    return {
      town,
      communities: mine.length,
      ...now,
      previous: before?.overall ?? null,
      change: before ? round(now.overall - before.overall) : null,
    };
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
