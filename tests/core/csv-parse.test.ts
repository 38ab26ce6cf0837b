import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../core/csv-cells.ts';
import { CsvSyntaxError, parseCsv } from '../../core/csv-parse.ts';

const cellsOf = (text: string) => parseCsv(text).map((record) => record.cells);

describe('parseCsv', () => {
  it('reads a BOM, CRLF or LF line ends, and a last line without its end', () => {
    expect(cellsOf('\uFEFFa,b\r\n1,2\n3,4')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('reads quoted commas, doubled quotes and line breaks inside one cell', () => {
    expect(cellsOf('a,b\r\n"x, y","say ""hi""\r\nagain"\r\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\r\nagain']]);
  });

  it('keeps empty cells, including a trailing one', () => {
    expect(cellsOf('a,,c,\r\n')).toEqual([['a', '', 'c', '']]);
  });

  it('numbers records as a spreadsheet shows rows: a quoted line break stays in its row, a blank line counts', () => {
    const records = parseCsv('h\r\n"two\r\nlines"\r\n\r\nfour\r\n');
    expect(records.map((record) => [record.row, record.cells[0]])).toEqual([[1, 'h'], [2, 'two\r\nlines'], [4, 'four']]);
  });

  it('refuses an unclosed quote, a stray quote and text after a closing quote, naming the row', () => {
    expect(() => parseCsv('a\r\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\r\nb"c')).toThrow(/row 2/);
    expect(() => parseCsv('a\r\nb\r\n"c"d')).toThrow(/row 3: text after a closing quote/);
  });

  it('reads back what formatCsv writes', () => {
    const rows = [['名称', 'text'], ['南坪', 'a "quoted", multi\r\nline cell'], ['', '=1+1']];
    expect(cellsOf(formatCsv(rows))).toEqual([['名称', 'text'], ['南坪', 'a "quoted", multi\r\nline cell'], ['', "'=1+1"]]);
  });
});
