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
}
