import { describe, expect, it } from 'vitest';
import { gaussKrugerEpsg, guessCrs } from '../../../core/exchange/import-crs.ts';
import { DEMAND_IMPORT_FIELDS, proposeMapping, readRow, readValue } from '../../../core/exchange/import-fields.ts';
import { toImportRows } from '../../../core/exchange/import-features.ts';
import { cpgEncoding, detectEncoding } from '../../../core/exchange/text-encoding.ts';

describe('what a file does not say, told from its contents', () => {
  it('degrees, swapped degrees, Gauss-Krüger metres with and without the zone, and nonsense', () => {
    expect(guessCrs([106.5, 29.4, 106.7, 29.6], 106.6)).toEqual({ kind: 'geographic', epsg: 4326 });
    expect(guessCrs([29.4, 106.5, 29.6, 106.7], 106.6)).toEqual({ kind: 'swapped' });
    expect(guessCrs([36_400_000, 3_260_000, 36_420_000, 3_280_000], 106.6)).toEqual({ kind: 'gauss-kruger', epsg: 4524, zone: 36, prefixed: true });
    expect(guessCrs([400_000, 3_260_000, 420_000, 3_280_000], 106.6)).toEqual({ kind: 'gauss-kruger', epsg: 4545, zone: 36, prefixed: false });
    expect(guessCrs([-5, -5, 5, 5], 106.6)).toEqual({ kind: 'unknown' });
    // EPSG:4513 is zone 25 with the prefix, EPSG:4554 central meridian 135°E without.
    expect([gaussKrugerEpsg(25, true), gaussKrugerEpsg(45, false)]).toEqual([4513, 4554]);
  });

  it('UTF-8 or GB18030, and what a .cpg says', () => {
    expect(detectEncoding(new TextEncoder().encode('幼儿园'))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xd3, 0xd7, 0xb6, 0xf9, 0xd4, 0xb0]))).toBe('gb18030');
    expect([cpgEncoding('UTF-8\n'), cpgEncoding('GBK'), cpgEncoding('936'), cpgEncoding('latin1')]).toEqual(['utf-8', 'gb18030', 'gb18030', undefined]);
  });
});

describe('fields mapped and rows read', () => {
  it('proposes the field of the same name, a shapefile’s cut name, or the Chinese title', () => {
    const mapping = proposeMapping(DEMAND_IMPORT_FIELDS.properties, ['ID', 'supportCou', '类型', 'text', 'other']);
    expect(mapping).toMatchObject({ id: 'ID', supportCount: 'supportCou', type: '类型', text: 'text', title: null });
  });

  it('reads each value as its type, and says why a row cannot be written', () => {
    expect(readValue('12', 'integer')).toEqual({ value: 12 });
    expect(readValue('1.5', 'integer')).toEqual({ error: '1.5 is not a whole number', code: 'not_whole_number' });
    expect(readValue('是', 'boolean')).toEqual({ value: true });
    expect(readValue('', 'text')).toEqual({ value: null });
    const row = readRow({ t: 'bus_shelter' }, { type: 't', text: null }, DEMAND_IMPORT_FIELDS);
    expect(row.errors).toEqual([{ code: 'required_missing', params: { property: 'text' }, message: 'text is required' }]);
  });

  it('takes a single-part multi-geometry as its part, and refuses a file of several kinds of shape', () => {
    const point = { type: 'MultiPoint', coordinates: [[106.5, 29.5]] };
    const made = toImportRows([{ geometry: point, properties: { a: 1 } }], 'Point', null);
    expect(made).toMatchObject({ rows: [{ row: 1, geometry: { type: 'Point', coordinates: [106.5, 29.5] }, problems: [] }] });
    const mixed = toImportRows([{ geometry: point, properties: {} }, { geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: {} }], 'Point', null);
    expect(mixed).toEqual({ mixed: { MultiPoint: 1, LineString: 1 } });
  });
});
