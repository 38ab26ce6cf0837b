import { z } from 'zod';
import { PERIOD_PATTERN } from '../surveys/quarters.ts';

/**
 * The towns side by side (拉练互评): each figure, and each town's rank on it (1 is best; towns
 * with the same figure share a rank, the next rank skipping as in a sports table; a town without
 * the figure is not ranked on it). The overall rank orders towns by their mean rank.
 */

export const comparisonQuerySchema = z.strictObject({
  period: z.string().regex(PERIOD_PATTERN, 'a period is a year (2026) or a quarter (2026Q3)').optional(),
});

export interface TownFigures {
  town: string;
  /** Demands received in the period (hidden ones aside), and those answered (no longer `submitted`). */
  demandsReceived: number;
  demandsAnswered: number;
  answeredShare: number | null;
  /** Median days from submission to the demand's last change, over those answered. */
  medianDaysToAnswer: number | null;
  /** Projects of the period (not cancelled), and the share not late today. */
  projects: number;
  onTimeShare: number | null;
  /** The town's targets of the period's year, and the share reached by the period's end. */
  targets: number;
  targetsReachedShare: number | null;
  /** Respondent-weighted satisfaction in the period's last surveyed quarter, and its change. */
  satisfaction: number | null;
  satisfactionChange: number | null;
  /**
   * Residents newly within the standard walk of a facility a project completed in the period
   * added (where they live; summed over facility layers); null when no completed project added one.
   */
  coverageGained: number | null;
}

export const RANKED_FIGURES = ['answeredShare', 'medianDaysToAnswer', 'onTimeShare', 'targetsReachedShare', 'satisfaction', 'satisfactionChange', 'coverageGained'] as const;
export type RankedFigure = (typeof RANKED_FIGURES)[number];

/** Fewer days is better; for every other figure more is. */
const LOWER_IS_BETTER: ReadonlySet<RankedFigure> = new Set(['medianDaysToAnswer']);

export interface TownComparisonRow extends TownFigures {
  ranks: Record<RankedFigure, number | null>;
  overallRank: number;
}

export interface TownComparison {
  period: string;
  start: string;
  end: string;
  /** The quarter whose surveys gave the satisfaction figures (null: none surveyed in the period). */
  surveyQuarter: string | null;
  /** Residents newly covered in the whole district, per facility layer that gained (see coverageGained). */
  coverageGainedByLayer: Record<string, number>;
  towns: TownComparisonRow[];
}

/** Competition ranks (1, 2, 2, 4) of the values, best first; null values are not ranked. */
export function competitionRanks(values: readonly (number | null)[], lowerIsBetter: boolean): (number | null)[] {
  const better = (a: number, b: number) => (lowerIsBetter ? a < b : a > b);
  return values.map((value) => (value === null ? null : 1 + values.filter((other) => other !== null && better(other, value)).length));
}

export function rankTowns(figures: readonly TownFigures[]): TownComparisonRow[] {
  const ranks = Object.fromEntries(
    RANKED_FIGURES.map((figure) => [figure, competitionRanks(figures.map((town) => town[figure]), LOWER_IS_BETTER.has(figure))]),
  ) as Record<RankedFigure, (number | null)[]>;
  const meanRanks = figures.map((_, index) => {
    const mine = RANKED_FIGURES.map((figure) => ranks[figure][index]).filter((rank): rank is number => rank !== null);
    // A town ranked on nothing comes last.
    return mine.length ? mine.reduce((sum, rank) => sum + rank, 0) / mine.length : Number.POSITIVE_INFINITY;
  });
  const overall = competitionRanks(meanRanks.map((mean) => (Number.isFinite(mean) ? mean : figures.length + 1)), true);
  return figures
    .map((town, index) => ({
      ...town,
      ranks: Object.fromEntries(RANKED_FIGURES.map((figure) => [figure, ranks[figure][index]])) as Record<RankedFigure, number | null>,
      overallRank: overall[index]!,
    }))
    .sort((a, b) => a.overallRank - b.overallRank || a.town.localeCompare(b.town));
}
