import { DistanceScanError, DistanceTable } from './distance-table.ts';

/**
 * Reads a JSON array of rows of distances (`[[12.5, null, 0], …]`) straight from the request's
 * bytes into a DistanceTable: no strings, no nested arrays of boxed numbers, no per-cell schema,
 * and a refusal that names the row and column of the first thing wrong (JSON.parse names neither).
 * Measured on a 1,000 × 2,000 matrix (`npm run bench -- siting-matrix`) it takes about as long as
 * JSON.parse alone, from the first request on, without building the nested arrays; the fast way
 * for a large matrix is the binary body (server/siting/read-siting-body.ts). It accepts exactly the JSON grammar for
 * this shape and gives exactly the numbers JSON.parse would (tests/core/siting/scan-distance-rows.test.ts
 * checks both against JSON.parse on random inputs). A cell is a finite number ≥ 0, or null for
 * unreachable (kept as Infinity).
 */

export { DistanceScanError, type DistanceScanProblem } from './distance-table.ts';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LOWER_F = 0x66;
const LOWER_L = 0x6c;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;
const LOWER_U = 0x75;
const OPEN_BRACE = 0x7b;

/**
 * Powers of ten a double holds exactly. A mantissa of at most 15 digits (below 2^53) times or
 * divided by one of them is a single correctly rounded operation, so it equals what JSON.parse
 * gives; anything longer or further out is read by Number(), which rounds correctly too.
 */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, power) => 10 ** power);
const FAST_DIGITS = 15;

/** A number's text (digits, sign, dot, exponent: ASCII only, already checked). */
function asciiText(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let at = from; at < to; at += 1) text += String.fromCharCode(bytes[at]);
  return text;
}

const isSpace = (byte: number) => byte === SPACE || byte === LINE_FEED || byte === CARRIAGE_RETURN || byte === TAB;

/** The refusals, built only when something is wrong (kept out of the scanning loop). */
function syntaxError(bytes: Uint8Array, at: number, row: number, column: number, expected: string): DistanceScanError {
  const found = at < bytes.length ? `"${String.fromCharCode(bytes[at])}"` : 'the end of the body';
  return new DistanceScanError('syntax', `distances row ${row}, column ${column}: expected ${expected}, found ${found}`, row, column);
}

function notADistance(row: number, column: number, what: string): DistanceScanError {
  return new DistanceScanError('not_a_distance', `distances row ${row}, column ${column}: ${what}; a distance is a finite number of metres ≥ 0, or null for unreachable`, row, column);
}

function wrongCell(bytes: Uint8Array, at: number, row: number, column: number): DistanceScanError {
  const byte = bytes[at];
  if (byte === QUOTE) return notADistance(row, column, 'a string');
  if (byte === OPEN_BRACE) return notADistance(row, column, 'an object');
  if (byte === OPEN_BRACKET) return notADistance(row, column, 'an array');
  if (byte === LOWER_T || byte === LOWER_F) return notADistance(row, column, 'true or false');
  return syntaxError(bytes, at, row, column, 'a number or null');
}

const tooLarge = (maxCells: number, row: number, column?: number) => new DistanceScanError('too_large', `distances holds more than the ${maxCells.toLocaleString('en-US')} cells a matrix may hold`, row, column);

/**
 * Where a scan is, handed between the table loop and the row function. A row is its own function
 * so that V8 optimises it as a whole after the first rows, with type feedback from every path
 * (the end of a row included): one loop over the whole body, optimised while running, left its
 * optimised code on the first rows' ends and on the table's growth, and a first request took
 * 4–9 times as long as the next ones (`npm run bench -- siting-matrix`).
 */
interface ScanState {
  at: number;
  count: number;
}

/**
 * Scans the distances array whose first byte (after any white space) is at `start`; returns the
 * table and the offset just past its closing bracket. Throws a DistanceScanError otherwise, and
 * as soon as there are more than `maxCells` cells (memory is not spent on a matrix refused anyway).
 */
export function scanDistanceRows(bytes: Uint8Array, start: number, maxCells = Infinity): { table: DistanceTable; end: number } {
  let at = start;
  while (isSpace(bytes[at])) at += 1;
  if (bytes[at] !== OPEN_BRACKET) throw new DistanceScanError('not_array', 'distances must be an array of rows');
  at += 1;
  while (isSpace(bytes[at])) at += 1;
  if (bytes[at] === CLOSE_BRACKET) return { table: new DistanceTable(0, 0, new Float64Array(0)), end: at + 1 };
  // Sized once: a cell takes at least two bytes ("0,"), and no more than maxCells are kept.
  const values = new Float64Array(Math.min(maxCells, Math.ceil((bytes.length - at) / 2)));
  const state: ScanState = { at, count: 0 };
  let columns = -1;
  let row = 0;
  for (;;) {
    const column = scanRow(bytes, state, values, row, maxCells);
    if (columns < 0) columns = column;
    else if (column !== columns) throw new DistanceScanError('ragged', `distances row ${row} has ${column} entries, but row 0 has ${columns}`, row);
    row += 1;
    at = state.at;
    while (isSpace(bytes[at])) at += 1;
    if (bytes[at] === COMMA) {
      at += 1;
      while (isSpace(bytes[at])) at += 1;
      state.at = at;
      continue;
    }
    if (bytes[at] === CLOSE_BRACKET) return { table: new DistanceTable(row, columns, state.count === values.length ? values : values.slice(0, state.count)), end: at + 1 };
    throw syntaxError(bytes, at, row, 0, '"," or "]" after a row');
  }
}

/**
 * One row, `[` to `]` inclusive, from `state.at`: its cells go to `values` from `state.count`
 * on; returns the number of cells, with `state` moved past the row.
 */
function scanRow(bytes: Uint8Array, state: ScanState, values: Float64Array, row: number, maxCells: number): number {
  let at = state.at;
  let count = state.count;
  let column = 0;
  let byte = bytes[at];
  if (byte !== OPEN_BRACKET) {
    if (byte === undefined || byte === COMMA || byte === CLOSE_BRACKET) throw syntaxError(bytes, at, row, 0, 'a row');
    throw new DistanceScanError('row_not_array', `distances row ${row} is not an array: each row of distances must be an array`, row);
  }
  at += 1;
  while (isSpace(bytes[at])) at += 1;
  if (bytes[at] !== CLOSE_BRACKET) {
    for (;;) {
      // One cell: null (Infinity) or a JSON number, finite and not negative.
      const begin = at;
      byte = bytes[at];
      let value: number;
      if (byte === LOWER_N) {
        if (bytes[at + 1] !== LOWER_U || bytes[at + 2] !== LOWER_L || bytes[at + 3] !== LOWER_L) throw syntaxError(bytes, at, row, column, 'a number or null');
        at += 4;
        value = Infinity;
      } else {
        const negative = byte === MINUS;
        if (negative) byte = bytes[++at];
        let mantissa = 0;
        let digits = 0;
        let exponent = 0;
        if (byte === ZERO) {
          byte = bytes[++at];
        } else if (byte > ZERO && byte <= NINE) {
          do {
            mantissa = mantissa * 10 + (byte - ZERO);
            digits += 1;
            byte = bytes[++at];
          } while (byte >= ZERO && byte <= NINE);
        } else if (negative) {
          throw syntaxError(bytes, at, row, column, 'a digit after "-"');
        } else {
          throw wrongCell(bytes, at, row, column);
        }
        if (byte === DOT) {
          byte = bytes[++at];
          if (!(byte >= ZERO && byte <= NINE)) throw syntaxError(bytes, at, row, column, 'a digit after "."');
          do {
            mantissa = mantissa * 10 + (byte - ZERO);
            digits += 1;
            exponent -= 1;
            byte = bytes[++at];
          } while (byte >= ZERO && byte <= NINE);
        }
        if (byte === LOWER_E || byte === UPPER_E) {
          byte = bytes[++at];
          const exponentNegative = byte === MINUS;
          if (byte === MINUS || byte === PLUS) byte = bytes[++at];
          if (!(byte >= ZERO && byte <= NINE)) throw syntaxError(bytes, at, row, column, 'a digit in the exponent');
          let written = 0;
          do {
            // Past a few digits the exponent only matters to Number() (0 or Infinity).
            if (written < 1e6) written = written * 10 + (byte - ZERO);
            byte = bytes[++at];
          } while (byte >= ZERO && byte <= NINE);
          exponent += exponentNegative ? -written : written;
        }
        if (digits <= FAST_DIGITS && exponent >= -22 && exponent <= 22) {
          const magnitude = exponent < 0 ? mantissa / EXACT_POWERS_OF_TEN[-exponent] : mantissa * EXACT_POWERS_OF_TEN[exponent];
          value = negative ? -magnitude : magnitude;
        } else {
          value = Number(asciiText(bytes, begin, at));
        }
        if (value < 0) throw notADistance(row, column, `${asciiText(bytes, begin, Math.min(at, begin + 40))} is negative`);
        if (value === Infinity) throw notADistance(row, column, `${asciiText(bytes, begin, Math.min(at, begin + 40))} is too large to be finite`);
      }
      if (count >= maxCells) throw tooLarge(maxCells, row, column);
      values[count++] = value;
      column += 1;
      while (isSpace(bytes[at])) at += 1;
      byte = bytes[at];
      if (byte === COMMA) {
        at += 1;
        while (isSpace(bytes[at])) at += 1;
        continue;
      }
      if (byte === CLOSE_BRACKET) break;
      throw syntaxError(bytes, at, row, column, '"," or "]"');
    }
  }
  state.at = at + 1;
  state.count = count;
  return column;
}
