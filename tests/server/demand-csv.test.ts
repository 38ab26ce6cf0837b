import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../core/csv-cells.ts';
import { parseCsv } from '../../core/csv-parse.ts';
import { DEFAULT_DEMAND_TYPES } from '../../core/demands/demand-types.ts';
import { DEMAND_CSV_COLUMNS, formatBeijingTime, formatDemandCsv, type DemandExportRow } from '../../server/demands/demand-csv.ts';
import { readCallTime, readDemandCsv } from '../../server/demands/demand-csv-read.ts';

const TYPES = DEFAULT_DEMAND_TYPES.map((type) => ({ id: type.id, optimization: type.optimization, titleZh: type.title.zh, active: type.id !== 'trail' }));
const NOW = new Date('2026-11-28T08:00:00Z');
const HOTLINE_HEADER = ['工单编号', '来电时间', '来电人', '联系电话', '诉求类型', '诉求内容', '问题地址', '经度', '纬度', '承办单位'];

const hotlineCsv = (...rows: string[][]) => formatCsv([HOTLINE_HEADER, ...rows]);
const ticket = (overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    工单编号: 'RX20261128000123', 来电时间: '2026-11-28 09:15:02', 来电人: '王女士', 联系电话: '138****1234', 诉求类型: '加装电梯',
    诉求内容: '南湖小区3栋七层老楼没有电梯，老人下楼困难。', 问题地址: '南湖小区3栋', 经度: '106.5602', 纬度: '29.5231', 承办单位: '南坪街道', ...overrides,
  };
  return HOTLINE_HEADER.map((header) => values[header]);
};

const exportRow = (overrides: Partial<DemandExportRow> = {}): DemandExportRow => ({
  id: 7, external_ref: null, receipt: 'ABCDEFGH12', created_at: new Date('2026-03-05T06:05:09Z'), source: 'public', optimization: 7,
  type_title: '加装电梯', title: '申请加装电梯', text: '=HYPERLINK("http://example.com")', lon: 106.5602, lat: 29.5231,
  town_name: '南坪街道', town_code: '500108002000', community_name: '南湖社区', community_code: '500108002001', status: 'accepted',
  support_count: 3, merged_into: null, project_codes: ['XM000012', 'XM000031'], reason: null, reply: '已受理', updated_at: new Date('2026-03-06T01:00:00Z'), demo: false,
  contact: '王女士 138****1234', ...overrides,
});

describe('the demand CSV export', () => {
  it('starts with a BOM, names the documented columns, and writes the time as Beijing time', () => {
    const csv = formatDemandCsv([exportRow()], { withContact: true });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, row] = parseCsv(csv).map((record) => record.cells);
    expect(header).toEqual(DEMAND_CSV_COLUMNS.filter((column) => column.export !== 'never').map((column) => column.header));
    expect(row[header.indexOf('来电时间')]).toBe('2026-03-05 14:05:09');
    expect(row[header.indexOf('状态')]).toBe('已受理');
    expect(row[header.indexOf('联系电话')]).toBe('王女士 138****1234');
    expect(row[header.indexOf('关联项目')]).toBe('XM000012、XM000031');
    const [, unlinked] = parseCsv(formatDemandCsv([exportRow({ project_codes: [] })], { withContact: true })).map((record) => record.cells);
    expect(unlinked[header.indexOf('关联项目')]).toBe('');
  });

  it('leaves the contact column out for roles that may not see contacts', () => {
    const [header] = parseCsv(formatDemandCsv([exportRow()], { withContact: false })).map((record) => record.cells);
    expect(header).not.toContain('联系电话');
  });

  it.each(['=1+1', '+86 138', '-1', '@SUM(A1)', '\tcmd', '\rcmd'])('guards a cell starting like a formula: %j', (text) => {
    const [, row] = parseCsv(formatDemandCsv([exportRow({ text, title: text })], { withContact: true })).map((record) => record.cells);
    expect(row).toContain(`'${text}`);
  });

  it('formats times in UTC+8 whatever the server clock', () => {
    expect(formatBeijingTime(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01 00:00:00');
  });
});

describe('reading a hotline export', () => {
  it('maps the hotline columns to a demand: type by its Chinese title, caller and number as the contact, source hotline', () => {
    const { demands, errors } = readDemandCsv(hotlineCsv(ticket()), TYPES, NOW);
    expect(errors).toEqual([]);
    expect(demands).toEqual([{
      row: 2, externalRef: 'RX20261128000123', createdAt: new Date('2026-11-28T01:15:02Z'), source: 'hotline', optimization: 7,
      type: 'elevator_retrofit', title: '加装电梯', text: '南湖小区3栋七层老楼没有电梯，老人下楼困难。', contact: '王女士 138****1234', lon: 106.5602, lat: 29.5231,
    }]);
  });

  it('reads back its own export: the guard apostrophe comes off, labels become ids', () => {
    const csv = formatDemandCsv([exportRow(), exportRow({ id: 8, text: '普通内容', source: 'deputy', external_ref: 'D-1' })], { withContact: true });
    const { demands, errors } = readDemandCsv(csv, TYPES, NOW);
    expect(errors).toEqual([]);
    expect(demands.map((demand) => [demand.text, demand.source, demand.externalRef, demand.contact, demand.createdAt?.toISOString()])).toEqual([
      ['=HYPERLINK("http://example.com")', 'public', null, '王女士 138****1234', '2026-03-05T06:05:09.000Z'],
      ['普通内容', 'deputy', 'D-1', '王女士 138****1234', '2026-03-05T06:05:09.000Z'],
    ]);
  });

  it('converts GCJ-02 and BD-09 coordinates to WGS84', () => {
    const csv = formatCsv([[...HOTLINE_HEADER, '坐标系'], [...ticket(), 'GCJ-02'], [...ticket({ 工单编号: 'B' }), '百度']]);
    const { demands } = readDemandCsv(csv, TYPES, NOW);
    // Back to the published system, the point is where the file put it; in WGS84 it moved by hundreds of metres.
    const [gcjLon, gcjLat] = gcoord.transform([demands[0].lon, demands[0].lat], gcoord.WGS84, gcoord.GCJ02) as number[];
    expect([gcjLon, gcjLat].map((value) => value.toFixed(5))).toEqual(['106.56020', '29.52310']);
    const [bdLon, bdLat] = gcoord.transform([demands[1].lon, demands[1].lat], gcoord.WGS84, gcoord.BD09) as number[];
    expect([bdLon, bdLat].map((value) => value.toFixed(5))).toEqual(['106.56020', '29.52310']);
    expect(Math.abs(demands[0].lon - 106.5602) * 97_000).toBeGreaterThan(200);
  });

  it('lists every problem with its row and column, and returns no demand at all', () => {
    const csv = hotlineCsv(
      ticket(),
      ticket({ 工单编号: 'RX2', 诉求类型: '飞机场', 经度: 'east' }),
      ticket({ 工单编号: 'RX3', 诉求内容: '', 来电时间: '2026-13-01' }),
      ticket({ 工单编号: 'RX20261128000123', 诉求类型: '步道', 纬度: '95' }),
    );
    const { demands, errors } = readDemandCsv(csv, TYPES, NOW);
    expect(demands).toEqual([]);
    expect(errors.map((error) => [error.row, error.column])).toEqual([
      [3, '诉求类型'], [3, '经度'],
      [4, '诉求内容'], [4, '来电时间'],
      [5, '工单编号'], [5, '诉求类型'], [5, '纬度'],
    ]);
    expect(errors.find((error) => error.row === 5 && error.column === '工单编号')!.message).toMatch(/twice \(also row 2\)/);
  });

  it('names a missing required column on the header row', () => {
    const { errors } = readDemandCsv(formatCsv([['工单编号', '经度', '纬度'], ['1', '106.5', '29.5']]), TYPES, NOW);
    expect(errors).toEqual([
      { row: 1, column: '诉求类型', message: 'this column is required' },
      { row: 1, column: '诉求内容', message: 'this column is required' },
    ]);
  });

  it('refuses a row longer than the header, an empty file and a CSV syntax error, by row', () => {
    expect(readDemandCsv(`${hotlineCsv(ticket())}a,b,c,d,e,f,g,h,i,j,k\r\n`, TYPES, NOW).errors).toEqual([{ row: 3, column: null, message: 'the row has 11 cells, the header 10' }]);
    expect(readDemandCsv('', TYPES, NOW).errors[0]).toMatchObject({ row: 1 });
    expect(readDemandCsv(formatCsv([HOTLINE_HEADER]), TYPES, NOW).errors[0]).toMatchObject({ row: 2, message: 'the file has a header but no demands' });
    expect(readDemandCsv(`${HOTLINE_HEADER.join(',')}\r\n"unclosed`, TYPES, NOW).errors[0]).toMatchObject({ row: 2, column: null });
  });
});

describe('reading a call time', () => {
  const read = (value: string) => {
    const problems: string[] = [];
    const time = readCallTime(value, NOW, (message) => problems.push(message));
    return problems.length ? problems[0] : time?.toISOString() ?? null;
  };

  it('takes Beijing local times in the usual spellings and ISO 8601 with an offset', () => {
    expect(read('2026/3/5 14:05')).toBe('2026-03-05T06:05:00.000Z');
    expect(read('2026-03-05')).toBe('2026-03-04T16:00:00.000Z');
    expect(read('2026-03-05T14:05:09+08:00')).toBe('2026-03-05T06:05:09.000Z');
    expect(read('')).toBeNull();
  });

  it('refuses impossible dates, the future and the distant past', () => {
    expect(read('2026-02-30 10:00')).toMatch(/not a time/);
    expect(read('2026-11-29 10:00')).toMatch(/future/);
    expect(read('1999-12-31 10:00')).toMatch(/before 2000/);
    expect(read('next tuesday')).toMatch(/not a time/);
  });
});
