import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/csv-parse.ts';
import { columnName, writeXlsx } from '../../core/xlsx-writer.ts';

/** The workbook read back by GDAL's XLSX driver (an independent reader), as CSV rows. */
const directory = mkdtempSync(join(tmpdir(), 'atlas-xlsx-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function readBack(bytes: Uint8Array): string[][] {
  const path = join(directory, `sheet-${Math.abs(bytes.length)}-${bytes[bytes.length - 1]}.xlsx`);
  writeFileSync(path, bytes);
  const csv = execFileSync('ogr2ogr', ['-f', 'CSV', '/vsistdout/', path, '-oo', 'HEADERS=FORCE', '-oo', 'FIELD_TYPES=STRING'], { encoding: 'utf8' });
  return parseCsv(csv).map((record) => record.cells);
}

describe('writeXlsx', () => {
  const rows = [
    ['编号', '项目名称', '预算（元）', '进度'],
    ['NA-2026-001', '南坪幼儿园 <新建> & "扩班"', 12_000_000, 0.35],
    ['NA-2026-002', '=HYPERLINK("http://x")', 0, null],
    ['NA-2026-003', '+1 line\nsecond', -2.5, 1],
  ];

  it('is read back by GDAL with the same text and numbers, a formula-looking text staying text', () => {
    const back = readBack(writeXlsx({ name: '建设时序清单', rows }));
    expect(back[0]).toEqual(rows[0]);
    expect(back.slice(1).map((row) => row.slice(0, 2))).toEqual(rows.slice(1).map((row) => row.slice(0, 2)));
    expect(back.slice(1).map((row) => Number(row[2]))).toEqual([12_000_000, 0, -2.5]);
    expect(back.slice(1).map((row) => row[3])).toEqual(['0.35', '', '1']);
  });

  it('writes numbers as numbers, text as shared strings, no formula, and the same bytes for the same rows', () => {
    const bytes = writeXlsx({ name: 'Sheet', rows });
    const files = unzipSync(bytes);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<c r="C2"><v>12000000</v></c>');
    expect(sheet).not.toContain('<f>');
    expect(strFromU8(files['xl/sharedStrings.xml'])).toContain('=HYPERLINK(&quot;http://x&quot;)');
    expect(writeXlsx({ name: 'Sheet', rows })).toEqual(bytes);
  });

  it('names columns past Z', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
