import { DistanceTable } from './distance-table.ts';

/**
 * Reads a JSON array of rows of distances (`[[12.5, null, 0], …]`) straight from the request's
 * bytes into a DistanceTable: no strings, no nested arrays, no per-cell schema. A 1,000 × 2,000
 * matrix is 16 MB of JSON, and JSON.parse alone took longer than solving it
 * (`npm run bench -- siting-matrix` measures both). It accepts exactly the JSON grammar for this
 * shape, and gives exactly the numbers JSON.parse would (tests/core/siting/scan-distance-rows.test.ts
 * checks both against JSON.parse on random inputs). A cell is a finite number ≥ 0, or null for
 * unreachable (kept as Infinity). The first thing wrong is named by its row and column.
 */

export type DistanceScanProblem = 'not_array' | 'row_not_array' | 'not_a_distance' | 'ragged' | 'too_large' | 'syntax';

export class DistanceScanError extends Error {
  constructor(
    readonly problem: DistanceScanProblem,
    message: string,
    /** Where: the row, and the column within it (a cell index), when the problem has one. */
    readonly row?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

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

const isDigit = (byte: number) => byte >= ZERO && byte <= NINE;

/** A number's text (digits, sign, dot, exponent: ASCII only, already checked). */
function asciiText(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let at = from; at < to; at += 1) text += String.fromCharCode(bytes[at]);
  return text;
}

class RowScanner {
  at: number;
  row = 0;
  column = 0;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
  ) {
    this.at = start;
  }

  skipSpace(): number {
    const bytes = this.bytes;
    let at = this.at;
    let byte = bytes[at];
    while (byte === SPACE || byte === LINE_FEED || byte === CARRIAGE_RETURN || byte === TAB) byte = bytes[++at];
    this.at = at;
    return byte;
  }

  syntax(expected: string): DistanceScanError {
    const found = this.at < this.bytes.length ? `"${String.fromCharCode(this.bytes[this.at])}"` : 'the end of the body';
    return new DistanceScanError('syntax', `distances row ${this.row}, column ${this.column}: expected ${expected}, found ${found}`, this.row, this.column);
  }

  notADistance(what: string): DistanceScanError {
    return new DistanceScanError('not_a_distance', `distances row ${this.row}, column ${this.column}: ${what}; a distance is a finite number of metres ≥ 0, or null for unreachable`, this.row, this.column);
  }

  /** One cell: null (Infinity) or a JSON number, which must be finite and not negative. */
  readCell(): number {
    const bytes = this.bytes;
    const begin = this.at;
    let at = begin;
    let byte = bytes[at];
    if (byte === LOWER_N) {
      if (bytes[at + 1] !== LOWER_U || bytes[at + 2] !== LOWER_L || bytes[at + 3] !== LOWER_L) throw this.syntax('a number or null');
      this.at = at + 4;
      return Infinity;
    }
    if (byte === QUOTE || byte === LOWER_T || byte === LOWER_F || byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      throw this.notADistance(byte === QUOTE ? 'a string' : byte === OPEN_BRACE ? 'an object' : byte === OPEN_BRACKET ? 'an array' : 'true or false');
    }
    const negative = byte === MINUS;
    if (negative) byte = bytes[++at];
    let mantissa = 0;
    let digits = 0;
    let exponent = 0;
    if (byte === ZERO) {
      byte = bytes[++at];
    } else if (isDigit(byte)) {
      do {
        mantissa = mantissa * 10 + (byte - ZERO);
        digits += 1;
        byte = bytes[++at];
      } while (isDigit(byte));
    } else {
      this.at = at;
      throw this.syntax(negative ? 'a digit after "-"' : 'a number or null');
    }
    if (byte === DOT) {
      byte = bytes[++at];
      if (!isDigit(byte)) {
        this.at = at;
        throw this.syntax('a digit after "."');
      }
      do {
        mantissa = mantissa * 10 + (byte - ZERO);
        digits += 1;
        exponent -= 1;
        byte = bytes[++at];
      } while (isDigit(byte));
    }
    let exact = digits <= FAST_DIGITS;
    if (byte === LOWER_E || byte === UPPER_E) {
      byte = bytes[++at];
      const exponentNegative = byte === MINUS;
      if (byte === MINUS || byte === PLUS) byte = bytes[++at];
      if (!isDigit(byte)) {
        this.at = at;
        throw this.syntax('a digit in the exponent');
      }
      let written = 0;
      do {
        // Past a few digits the exponent only matters to Number() (0 or Infinity).
        if (written < 1e6) written = written * 10 + (byte - ZERO);
        byte = bytes[++at];
      } while (isDigit(byte));
      exponent += exponentNegative ? -written : written;
    }
    this.at = at;
    let value: number;
    exact = exact && exponent >= -22 && exponent <= 22;
    if (exact) {
      const magnitude = exponent < 0 ? mantissa / EXACT_POWERS_OF_TEN[-exponent] : mantissa * EXACT_POWERS_OF_TEN[exponent];
      value = negative ? -magnitude : magnitude;
    } else {
      value = Number(asciiText(bytes, begin, at));
    }
    if (value < 0) throw this.notADistance(`${asciiText(bytes, begin, Math.min(at, begin + 40))} is negative`);
    if (value === Infinity) throw this.notADistance(`${asciiText(bytes, begin, Math.min(at, begin + 40))} is too large to be finite`);
    return value;
  }
}

/**
 * Scans the distances array whose first byte (after any white space) is at `start`; returns the
 * table and the offset just past its closing bracket. Throws a DistanceScanError otherwise, and
 * as soon as there are more than `maxCells` cells (memory is not spent on a matrix refused anyway).
 */
export function scanDistanceRows(bytes: Uint8Array, start: number, maxCells = Infinity): { table: DistanceTable; end: number } {
  const scanner = new RowScanner(bytes, start);
  if (scanner.skipSpace() !== OPEN_BRACKET) throw new DistanceScanError('not_array', 'distances must be an array of rows');
  scanner.at += 1;
  let values = new Float64Array(Math.min(1 << 20, Math.max(16, (bytes.length - start) >> 3)));
  // Grown by doubling; the cap is checked whenever it would grow and at the end of each row.
  let count = 0;
  let columns = -1;
  let byte = scanner.skipSpace();
  if (byte === CLOSE_BRACKET) return { table: new DistanceTable(0, 0, new Float64Array(0)), end: scanner.at + 1 };
  for (;;) {
    scanner.column = 0;
    if (byte !== OPEN_BRACKET) {
      if (byte === undefined || byte === COMMA || byte === CLOSE_BRACKET) throw scanner.syntax('a row');
      throw new DistanceScanError('row_not_array', `distances row ${scanner.row} is not an array: each row of distances must be an array`, scanner.row);
    }
    scanner.at += 1;
    byte = scanner.skipSpace();
    if (byte !== CLOSE_BRACKET) {
      for (;;) {
        const value = scanner.readCell();
        if (count === values.length) {
          if (count >= maxCells) throw new DistanceScanError('too_large', `distances holds more than the ${maxCells.toLocaleString('en-US')} cells a matrix may hold`, scanner.row, scanner.column);
          const grown = new Float64Array(values.length * 2);
          grown.set(values);
          values = grown;
        }
        values[count++] = value;
        scanner.column += 1;
        byte = scanner.skipSpace();
        if (byte === COMMA) {
          scanner.at += 1;
          scanner.skipSpace();
          continue;
        }
        if (byte === CLOSE_BRACKET) break;
        throw scanner.syntax('"," or "]"');
      }
    }
    scanner.at += 1;
    if (count > maxCells) throw new DistanceScanError('too_large', `distances holds more than the ${maxCells.toLocaleString('en-US')} cells a matrix may hold`, scanner.row);
    if (columns < 0) columns = scanner.column;
    else if (scanner.column !== columns) {
      throw new DistanceScanError('ragged', `distances row ${scanner.row} has ${scanner.column} entries, but row 0 has ${columns}`, scanner.row);
    }
    scanner.row += 1;
    byte = scanner.skipSpace();
    if (byte === COMMA) {
      scanner.at += 1;
      byte = scanner.skipSpace();
      continue;
    }
    if (byte === CLOSE_BRACKET) {
      const table = new DistanceTable(scanner.row, columns, count === values.length ? values : values.slice(0, count));
      return { table, end: scanner.at + 1 };
    }
    scanner.column = 0;
    throw scanner.syntax('"," or "]" after a row');
  }
}
