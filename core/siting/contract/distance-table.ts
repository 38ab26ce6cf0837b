/**
 * A candidates × demands distance matrix held flat, row by row (`values[row * columns + column]`),
 * in metres; Infinity where the caller wrote null (unreachable). A supplied matrix reaches the
 * server as JSON text of up to 2 million numbers: the body reader scans it straight into this
 * form (scan-distance-rows.ts), with no nested arrays in between.
 */
export class DistanceTable {
  constructor(
    readonly rows: number,
    readonly columns: number,
    readonly values: Float64Array,
  ) {
    if (values.length !== rows * columns) throw new RangeError(`a ${rows} × ${columns} distance table needs ${rows * columns} values, not ${values.length}`);
  }

  /** Nested rows as JSON gives them (null = unreachable); every row must be as long as the first. */
  static fromRows(rows: ReadonlyArray<ReadonlyArray<number | null>>): DistanceTable {
    const columns = rows.length ? rows[0].length : 0;
    const values = new Float64Array(rows.length * columns);
    rows.forEach((row, index) => {
      if (row.length !== columns) throw new RangeError(`distance row ${index} has ${row.length} entries, row 0 has ${columns}`);
      for (let column = 0; column < columns; column += 1) values[index * columns + column] = row[column] ?? Infinity;
    });
    return new DistanceTable(rows.length, columns, values);
  }

  /**
   * Distances given as binary numbers (the compact form of a request, base64 in the JSON):
   * Infinity for unreachable; a negative number or NaN is refused by its row and column.
   */
  static fromFloats(rows: number, columns: number, values: Float64Array): DistanceTable {
    for (let index = 0; index < values.length; index += 1) {
      const value = values[index];
      if (value >= 0) continue;
      const [row, column] = [Math.floor(index / columns), index % columns];
      throw new DistanceScanError('not_a_distance', `distances row ${row}, column ${column}: ${value} is not a distance; a distance is a number of metres ≥ 0, or Infinity for unreachable`, row, column);
    }
    return new DistanceTable(rows, columns, values);
  }
}

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


