import { describe, expect, it } from 'vitest';
import { IMPORT_NOTE_CODES, IMPORT_PROBLEM_CODES } from '../../../core/exchange/import-problems.ts';
import { IMPORT_NOTE_WORDS, IMPORT_PROBLEM_WORDS, sayImportNotice, sayImportProblem, sayImportRow } from '../../../client/src/imports/import-problem-words.ts';

/** Parameters of every name the server sends, so a template that reads one shows it. */
const SAMPLE = { property: 'seats', field: 'XW', value: '很多', max: 7, min: 1, choices: 'a, b', keys: 'k', rule: 'a rule', expected: 'Point', type: 'MultiPoint', parts: 2, reason: 'Self-intersection', made: 'MultiPolygon', town: '500108001', phase: 'design', scheduled: 'construction', layer: 'kindergartens', geometry: 'Point', shape: 'Polygon', name: 'WGS 84 (EPSG:4326)', format: 'geojson', encoding: 'gb18030', codePage: 936, layers: 'a, b', count: 3, table: 'demands' };

describe('the client’s words for the import’s codes', () => {
  it('has Chinese and English words for every problem and note code the server can send', () => {
    for (const [codes, words] of [[IMPORT_PROBLEM_CODES, IMPORT_PROBLEM_WORDS], [IMPORT_NOTE_CODES, IMPORT_NOTE_WORDS]] as const) {
      const said = (words as Record<string, Record<'zh' | 'en', (params: typeof SAMPLE) => string>>);
      for (const code of codes) {
        for (const language of ['zh', 'en'] as const) {
          const text = said[code]?.[language]?.(SAMPLE) ?? '';
          expect(text.trim(), `${code} in ${language}`).not.toBe('');
          expect(text, `${code} in ${language}`).not.toMatch(/undefined|\{\w+\}/);
        }
      }
      expect(Object.keys(words).sort()).toEqual([...codes].sort());
    }
  });

  it('says a row’s problems in the reader’s language, its property by title, and the server’s English for a code it does not know', () => {
    const problem = { code: 'not_a_number' as const, params: { property: 'seats', field: 'seats', value: '很多' }, message: 'seats (seats): "很多" is not a number' };
    expect(sayImportProblem('zh', problem, () => '学位')).toBe('学位（字段 seats）：“很多”不是数字');
    expect(sayImportProblem('en', problem, () => 'Seats')).toBe('Seats (field seats): "很多" is not a number');
    const row = { row: 3, reason: 'x; y', problems: [problem, { code: 'from_a_newer_server', params: {}, message: 'something new' } as never] };
    expect(sayImportRow('zh', row, () => '学位')).toBe('学位（字段 seats）：“很多”不是数字；something new');
    expect(sayImportRow('zh', { reason: 'only English' })).toBe('only English');
    expect(sayImportNotice('zh', { code: 'encoding_not_utf8', params: {}, message: '' }, 'english')).toBe('文字不是 UTF-8，按 GB18030（GBK）读取');
    expect(sayImportNotice('zh', undefined, 'the file says X')).toBe('the file says X');
  });
});
