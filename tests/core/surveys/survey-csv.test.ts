import { describe, expect, it } from 'vitest';
import { parsePeriod, previousQuarter, quarterOf } from '../../../core/surveys/quarters.ts';
import { readSurveyCsv } from '../../../core/surveys/survey-csv.ts';
import { townIndexes, weightedScores } from '../../../core/surveys/survey-index.ts';
import type { SurveyRecord } from '../../../core/surveys/survey-contract.ts';

const GRID = new Map([['500108001001', '500108001000'], ['500108001002', '500108001000'], ['500108002001', '500108002000']]);
const HEADER = 'community_code,quarter,respondents,overall,optimization_1,optimization_2,optimization_3,optimization_4,optimization_5,optimization_6,optimization_7';

describe('reading the survey firm\'s file', () => {
  it('reads rows with their towns, the scores asked, a quarter in either case, a BOM and CRLF', () => {
    const text = `\uFEFF${HEADER}\r\n500108001001,2026q3,200,81.5,80,,79,,,,90\r\n"500108002001",2026Q3,50,60,1,2,3,4,5,6,7\r\n`;
    const { rows, errors } = readSurveyCsv(text, GRID);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { row: 2, community: '500108001001', town: '500108001000', quarter: '2026Q3', respondents: 200, overall: 81.5, scores: { 1: 80, 3: 79, 7: 90 } },
      { row: 3, community: '500108002001', town: '500108002000', quarter: '2026Q3', respondents: 50, overall: 60, scores: { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7 } },
    ]);
  });

  it('takes the score columns in any order, or only some of them', () => {
    const { rows, errors } = readSurveyCsv('overall,optimization_2,quarter,respondents,community_code\n70,65,2026Q1,10,500108001002\n', GRID);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ overall: 70, scores: { 2: 65 }, respondents: 10 });
  });

  it('lists every problem by row and column, and returns no rows when there is one', () => {
    const text = [
      HEADER,
      '500108001001,2026Q3,100,80,,,,,,,',
      '999,2026Q3,100,80,,,,,,,',
      '500108001002,2026-3,1.5,-1,,,,,,,',
      '500108001001,2026Q3,100,80,,,,,,,',
      '500108002001,2026Q3,100,80,100.5,x,,,,,',
      '500108002001,2026Q4,100,80',
    ].join('\n');
    const { rows, errors } = readSurveyCsv(text, GRID);
    expect(rows).toEqual([]);
    expect(errors.map((error) => `${error.row}:${error.column ?? ''}`)).toEqual([
      '3:community_code', '4:quarter', '4:respondents', '4:overall', '5:', '6:optimization_1', '6:optimization_2', '7:',
    ]);
  });

  it('refuses a header that is missing a column, names an unknown one or repeats one', () => {
    expect(readSurveyCsv('community_code,quarter,overall\n', GRID).errors).toEqual([{ row: 1, column: 'respondents', message: 'the column respondents is missing' }]);
    expect(readSurveyCsv(`${HEADER},satisfaction\n`, GRID).errors.map((error) => error.column)).toEqual(['satisfaction']);
    expect(readSurveyCsv(`${HEADER},overall\n`, GRID).errors[0].message).toMatch(/twice/);
    expect(readSurveyCsv('', GRID).errors[0].row).toBe(1);
    expect(readSurveyCsv(`${HEADER}\n`, GRID).errors[0].message).toMatch(/no survey rows/);
    expect(readSurveyCsv(`${HEADER}\n"500108001001,2026Q3\n`, GRID).errors).toHaveLength(1);
  });
});

describe('a town\'s satisfaction index', () => {
  const record = (town: string, respondents: number, overall: number, scores: SurveyRecord['scores'] = {}, quarter = '2026Q3'): SurveyRecord => ({
    community: `${town}-${respondents}`, town, quarter, respondents, overall, scores, demo: false,
  });

  it('weights each community by its respondents, each optimization over those asked about it', () => {
    expect(weightedScores([record('a', 300, 80, { 1: 90 }), record('a', 100, 60, { 1: 50, 2: 70 })])).toEqual({ respondents: 400, overall: 75, scores: { 1: 80, 2: 70 } });
    expect(weightedScores([])).toBeNull();
  });

  it('gives each town its change since the quarter before, or none when it was not surveyed', () => {
    const indexes = townIndexes([record('a', 100, 80), record('b', 100, 70)], [record('a', 100, 75, {}, '2026Q2')]);
    expect(indexes).toEqual([
      { town: 'a', communities: 1, respondents: 100, overall: 80, scores: {}, previous: 75, change: 5 },
      { town: 'b', communities: 1, respondents: 100, overall: 70, scores: {}, previous: null, change: null },
    ]);
  });
});

describe('quarters and periods', () => {
  it('reads a year or a quarter as its first and last days and its quarters', () => {
    expect(parsePeriod('2026')).toEqual({ label: '2026', year: 2026, start: '2026-01-01', end: '2026-12-31', quarters: ['2026Q1', '2026Q2', '2026Q3', '2026Q4'] });
    expect(parsePeriod('2024Q1')).toEqual({ label: '2024Q1', year: 2024, start: '2024-01-01', end: '2024-03-31', quarters: ['2024Q1'] });
    expect(parsePeriod('2026Q5')).toBeUndefined();
    expect(parsePeriod('2026-05')).toBeUndefined();
  });

  it('names the quarter of a day and the quarter before', () => {
    expect(quarterOf('2026-11-28')).toBe('2026Q4');
    expect(quarterOf('2026-03-31')).toBe('2026Q1');
    expect(previousQuarter('2026Q1')).toBe('2025Q4');
    expect(previousQuarter('2026Q3')).toBe('2026Q2');
  });
});
