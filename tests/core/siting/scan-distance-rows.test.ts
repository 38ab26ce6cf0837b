import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DistanceTable } from '../../../core/siting/contract/distance-table.ts';
import { locateJsonMember } from '../../../core/siting/contract/locate-json-member.ts';
import { DistanceScanError, scanDistanceRows } from '../../../core/siting/contract/scan-distance-rows.ts';

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** What the scan must agree with: JSON.parse, then the rules for a distance matrix. */
function reference(text: string): { rows: number; columns: number; values: number[] } | 'refused' {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'refused';
  }
  if (!Array.isArray(value)) return 'refused';
  const columns = value.length ? (Array.isArray(value[0]) ? value[0].length : -1) : 0;
  const values: number[] = [];
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== columns) return 'refused';
    for (const cell of row) {
      if (cell === null) values.push(Infinity);
      else if (typeof cell === 'number' && cell >= 0 && cell < Infinity) values.push(cell);
      else return 'refused';
    }
  }
  return { rows: value.length, columns, values };
}

/** The scan of a whole text: refused when it throws, or when anything but white space follows. */
function scanWhole(text: string): { rows: number; columns: number; values: number[] } | 'refused' {
  const bytes = bytesOf(text);
  try {
    const { table, end } = scanDistanceRows(bytes, 0);
    if (/[^ \t\n\r]/.test(new TextDecoder().decode(bytes.subarray(end)))) return 'refused';
    return { rows: table.rows, columns: table.columns, values: Array.from(table.values) };
  } catch (error) {
    if (error instanceof DistanceScanError) return 'refused';
    throw error;
  }
}

/** Same numbers bit for bit (−0 and 0 told apart). */
function expectSameAnswer(text: string) {
  const expected = reference(text);
  const actual = scanWhole(text);
  if (expected === 'refused' || actual === 'refused') {
    expect({ text, actual }).toEqual({ text, actual: expected });
    return;
  }
  expect([actual.rows, actual.columns]).toEqual([expected.rows, expected.columns]);
  actual.values.forEach((value, index) => {
    if (!Object.is(value, expected.values[index])) expect({ text, index, value }).toEqual({ text, index, value: expected.values[index] });
  });
}

/** JSON number texts of every form the grammar allows (and the ones it does not). */
const numberText = fc.oneof(
  fc.double({ min: 0, max: 1e7, noNaN: true }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
  fc.nat({ max: 100_000 }).map(String),
  fc.tuple(fc.nat({ max: 99_999 }), fc.stringMatching(/^[0-9]{1,20}$/)).map(([whole, fraction]) => `${whole}.${fraction}`),
  fc.tuple(fc.stringMatching(/^(0|[1-9][0-9]{0,18})(\.[0-9]{1,18})?$/), fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 400 })).map(([mantissa, e, sign, exponent]) => `${mantissa}${e}${sign}${exponent}`),
  fc.constantFrom('0', '-0', '-0.0', '0e0', '1e400', '-1', '00', '01', '1.', '.5', '-', '1e', '1e+', '+1', 'NaN', 'Infinity', '9007199254740993', '123456789012345678901234567890', '4.35', '0.1', '2.2250738585072014e-308', '5e-324', '1.7976931348623157e308', 'null', 'nul', 'true', '"1"', '[]', '{}'),
);
const space = fc.constantFrom('', '', '', ' ', '\n', '\t', '\r\n  ', '\u00a0');

const matrixText = fc
  .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 6 }))
  .chain(([rows, columns]) => fc.array(fc.array(fc.tuple(space, numberText, space), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }))
  .chain((rows) => fc.tuple(fc.constant(rows), space, space).map(([cells, before, after]) => `${before}[${cells.map((row) => `[${row.map(([a, text, b]) => `${a}${text}${b}`).join(',')}]`).join(',')}]${after}`));

describe('scanning a distance matrix from JSON bytes', () => {
  it('agrees with JSON.parse on random matrices of every number form', () => {
    fc.assert(fc.property(matrixText, (text) => expectSameAnswer(text)), { numRuns: 4000, seed: 16 });
  });

  it('agrees with JSON.parse on random damage: a byte changed, dropped or added', () => {
    const damaged = fc.tuple(matrixText, fc.nat(), fc.constantFrom('change', 'drop', 'add'), fc.constantFrom(...'[],.-+eE0123456789 n"\u00e9x'.split(''))).map(([text, at, how, byte]) => {
      const position = text.length ? at % text.length : 0;
      if (how === 'drop') return text.slice(0, position) + text.slice(position + 1);
      if (how === 'add') return text.slice(0, position) + byte + text.slice(position);
      return text.slice(0, position) + byte + text.slice(position + 1);
    });
    fc.assert(fc.property(damaged, (text) => expectSameAnswer(text)), { numRuns: 4000, seed: 61 });
  });

  it('reads rows with nulls as unreachable, and stops at the closing bracket', () => {
    const text = '{"distances": [[1.5, null, 0], [2e3, 4, 0.25]], "after": 1}';
    const { table, end } = scanDistanceRows(bytesOf(text), text.indexOf('['));
    expect([table.rows, table.columns]).toEqual([2, 3]);
    expect(Array.from(table.values)).toEqual([1.5, Infinity, 0, 2000, 4, 0.25]);
    expect(text.slice(end)).toBe(', "after": 1}');
  });

  it.each([
    ['[[1, 2], [3]]', 'ragged', 1, undefined],
    ['[[1, 2], [3, -4]]', 'not_a_distance', 1, 1],
    ['[[1, 1e999]]', 'not_a_distance', 0, 1],
    ['[[1, "2"]]', 'not_a_distance', 0, 1],
    ['[[true]]', 'not_a_distance', 0, 0],
    ['[[1], 2]', 'row_not_array', 1, undefined],
    ['{"a": 1}', 'not_array', undefined, undefined],
    ['[[1, 2,]]', 'syntax', 0, 2],
    ['[[1 2]]', 'syntax', 0, 1],
    ['[[1], [2]', 'syntax', 2, 0],
    ['[[01]]', 'syntax', 0, 1],
    ['[[1.]]', 'syntax', 0, 0],
    ['[[nul]]', 'syntax', 0, 0],
  ])('%s is refused (%s) at row %s, column %s', (text, problem, row, column) => {
    try {
      scanDistanceRows(bytesOf(text), 0);
      expect.unreachable('the scan accepted it');
    } catch (error) {
      expect(error).toBeInstanceOf(DistanceScanError);
      expect(error).toMatchObject({ problem, row, column });
    }
  });

  it('refuses a matrix over the cell limit before holding it', () => {
    const text = JSON.stringify(Array.from({ length: 10 }, () => Array.from({ length: 10 }, (_, j) => j)));
    expect(() => scanDistanceRows(bytesOf(text), 0, 99)).toThrow(expect.objectContaining({ problem: 'too_large' }));
    expect(scanDistanceRows(bytesOf(text), 0, 100).table.values.length).toBe(100);
  });

  it('holds a nested matrix the same way (DistanceTable.fromRows)', () => {
    expect(Array.from(DistanceTable.fromRows([[1, null], [0, 2]]).values)).toEqual([1, Infinity, 0, 2]);
    expect(() => DistanceTable.fromRows([[1, 2], [3]])).toThrow(RangeError);
  });
});

describe('finding a member in JSON bytes', () => {
  const find = (text: string, path: string[]) => {
    const at = locateJsonMember(bytesOf(text), path);
    return at === undefined ? undefined : new TextDecoder().decode(bytesOf(text).subarray(at, at + 4));
  };

  it('walks past strings, escapes, nested values and non-ASCII text to the value', () => {
    const text = ' { "model": "mclp", "x": {"distances": [9]}, "s": "a \\" ] } [ ", "名": [1, {"a": "}"}], "costMatrix" : {"candidates": ["é"], "dist\\u0061nces": [[1]]}}';
    expect(find(text, ['costMatrix', 'distances'])).toBe('[[1]');
  });

  it('answers undefined where the path is not there or the text is not an object', () => {
    expect(find('{"costMatrix": {"candidates": []}}', ['costMatrix', 'distances'])).toBeUndefined();
    expect(find('[1, 2]', ['costMatrix'])).toBeUndefined();
    expect(find('{"costMatrix": [1]}', ['costMatrix', 'distances'])).toBeUndefined();
    expect(find('{"costMatrix": {"distances"', ['costMatrix', 'distances'])).toBeUndefined();
    expect(find('{"a": "unterminated', ['costMatrix'])).toBeUndefined();
  });

  it('finds the member wherever random JSON puts it', () => {
    const member = fc.tuple(fc.string(), fc.jsonValue());
    fc.assert(
      fc.property(fc.array(member, { maxLength: 5 }), fc.array(member, { maxLength: 5 }), (before, after) => {
        const others = (entries: [string, unknown][]) => entries.filter(([key]) => key !== 'target');
        const object = Object.fromEntries([...others(before), ['target', [[7]]], ...others(after)]);
        const text = JSON.stringify(object, null, before.length % 2 ? 2 : undefined);
        const at = locateJsonMember(bytesOf(text), ['target']);
        expect(at).toBeDefined();
        expect(scanDistanceRows(bytesOf(text), at!).table.values[0]).toBe(7);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
