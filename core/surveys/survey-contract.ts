import { z } from 'zod';
import type { DemandOptimization } from '../demands/demand-types.ts';
import { townCode } from '../targets/target-contract.ts';
import { QUARTER_PATTERN } from './quarters.ts';

/** The survey API (`/api/surveys…`) and the survey firm's CSV, shared by the server and the client. */

export const SURVEY_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 20_000, maxErrors: 100, maxRespondents: 1_000_000 } as const;

/** The file's columns: these four, then one per optimization (a blank cell: not asked). */
export const SURVEY_BASE_COLUMNS = ['community_code', 'quarter', 'respondents', 'overall'] as const;
export const SURVEY_SCORE_COLUMNS = [1, 2, 3, 4, 5, 6, 7].map((optimization) => `optimization_${optimization}`);

export const quarter = z.string().regex(QUARTER_PATTERN, 'a quarter is written YYYYQn, e.g. 2026Q3');

/** Division codes are digits; an imported district's communities may use letters and dashes too. */
export const communityCode = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$/, 'a community code is 1–40 letters, digits, "-" or "_"');

/**
 * `GET /api/surveys?quarter=&town=`: without quarter, the latest surveyed. `?community=` alone:
 * that community's every quarter (its trend), so a quarter or a town beside it has no meaning.
 */
export const surveysQuerySchema = z
  .strictObject({ quarter: quarter.optional(), town: townCode.optional(), community: communityCode.optional() })
  .refine((query) => query.community === undefined || (query.quarter === undefined && query.town === undefined), {
    message: 'community gives every quarter of one community: send it without quarter and town',
    path: ['community'],
  });

export type SurveyScores = Partial<Record<DemandOptimization, number>>;

/** One community's answers in one quarter: what a survey file's row, the demo and the API share. */
export interface SurveyFigures {
  community: string;
  town: string;
  quarter: string;
  respondents: number;
  overall: number;
  scores: SurveyScores;
}

export interface SurveyRecord extends SurveyFigures {
  demo: boolean;
}

/** A town's satisfaction index: its communities' scores weighted by respondents. */
export interface SurveyIndex {
  town: string;
  communities: number;
  respondents: number;
  overall: number;
  scores: SurveyScores;
  /** The index the quarter before, and the change since (null when that quarter was not surveyed). */
  previous: number | null;
  change: number | null;
}

export interface SurveysResponse {
  quarter: string | null;
  town: string | null;
  /** Every quarter surveyed, oldest first (the trend's axis). */
  quarters: string[];
  items: SurveyRecord[];
  towns: SurveyIndex[];
  district: Omit<SurveyIndex, 'town'> | null;
}

/** `GET /api/surveys?community=`: the community's surveys, one per quarter surveyed, oldest first. */
export interface CommunitySurveysResponse {
  community: { code: string; name: string; name_en: string | null; town: string };
  quarters: SurveyRecord[];
}

/** One problem in an imported file, by the row a spreadsheet shows (the header is row 1). */
export interface SurveyCsvError {
  row: number;
  column?: string;
  message: string;
}
