import { CsvSyntaxError, parseCsv } from '../csv-parse.ts';
import type { DemandOptimization } from '../demands/demand-types.ts';
import { isQuarter } from './quarters.ts';
import { SURVEY_BASE_COLUMNS, SURVEY_LIMITS, SURVEY_SCORE_COLUMNS, type SurveyCsvError, type SurveyFigures, type SurveyScores } from './survey-contract.ts';

/**
 * The survey firm's file read and checked before anything is written: every problem is listed by
 * its row, and one problem refuses the whole file (the server writes nothing). Communities are
 * checked against the grid the caller passes (code → town).
 */
export interface SurveyRow extends SurveyFigures {
  row: number;
}

const SCORE = /^\d{1,3}(\.\d+)?$/;

function readScore(cell: string): number | undefined {
  if (!SCORE.test(cell)) return undefined;
  const value = Number(cell);
  return value <= 100 ? value : undefined;
}

export function readSurveyCsv(text: string, communities: ReadonlyMap<string, string>): { rows: SurveyRow[]; errors: SurveyCsvError[] } {
  const errors: SurveyCsvError[] = [];
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows: [], errors: [{ row: error.row, message: error.message }] };
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ row: 1, message: 'the file is empty: the first row names the columns' }] };
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const known = new Set<string>([...SURVEY_BASE_COLUMNS, ...SURVEY_SCORE_COLUMNS]);
  for (const column of SURVEY_BASE_COLUMNS) {
    if (!names.includes(column)) errors.push({ row: 1, column, message: `the column ${column} is missing` });
  }
  for (const name of names) {
    if (!known.has(name)) errors.push({ row: 1, column: name, message: `${JSON.stringify(name.slice(0, 40))} is not a survey column (${[...known].join(', ')})` });
  }
  if (new Set(names).size !== names.length) errors.push({ row: 1, message: 'a column is named twice' });
  if (errors.length) return { rows: [], errors };
  if (body.length === 0) return { rows: [], errors: [{ row: 2, message: 'the file holds no survey rows' }] };
  if (body.length > SURVEY_LIMITS.maxRows) return { rows: [], errors: [{ row: SURVEY_LIMITS.maxRows + 2, message: `at most ${SURVEY_LIMITS.maxRows} rows per file` }] };

  const rows: SurveyRow[] = [];
  const seen = new Map<string, number>();
  for (const record of body) {
    const cell = (column: string) => (record.cells[names.indexOf(column)] ?? '').trim();
    const problem = (column: string | undefined, message: string) => errors.push({ row: record.row, ...(column ? { column } : {}), message });
    if (record.cells.length !== names.length) problem(undefined, `${record.cells.length} cells where the header names ${names.length}`);
    const community = cell('community_code');
    const town = communities.get(community);
    if (!town) problem('community_code', `${JSON.stringify(community.slice(0, 40))} is not a community of the district`);
    const quarter = cell('quarter').toUpperCase();
    if (!isQuarter(quarter)) problem('quarter', `${JSON.stringify(quarter.slice(0, 20))} is not a quarter written YYYYQn`);
    const respondentsText = cell('respondents');
    const respondents = Number(respondentsText);
    if (!/^\d+$/.test(respondentsText) || respondents < 1 || respondents > SURVEY_LIMITS.maxRespondents) problem('respondents', 'respondents is a whole number from 1');
    const overall = readScore(cell('overall'));
    if (overall === undefined) problem('overall', 'overall is a score from 0 to 100');
    const scores: SurveyScores = {};
    SURVEY_SCORE_COLUMNS.forEach((column, index) => {
      if (!names.includes(column) || cell(column) === '') return;
      const score = readScore(cell(column));
      if (score === undefined) problem(column, `${column} is a score from 0 to 100, or blank when not asked`);
      else scores[(index + 1) as DemandOptimization] = score;
    });
    const key = `${community}|${quarter}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) problem(undefined, `${community} ${quarter} is already on row ${earlier}`);
    seen.set(key, record.row);
    if (town && overall !== undefined && isQuarter(quarter)) rows.push({ row: record.row, community, town, quarter, respondents, overall, scores });
  }
  return { rows: errors.length ? [] : rows, errors };
}
