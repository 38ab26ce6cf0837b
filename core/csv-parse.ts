/**
 * Read CSV (RFC 4180) as spreadsheets and hotline systems write it: a byte-order mark, quoted
 * cells holding commas, quotes ("") and line breaks, CRLF or LF line ends, a last line with or
 * without its line end. Records are numbered as a spreadsheet shows them: the header is row 1,
 * and a blank line is a row of its own (skipped, but counted).
 */
export interface CsvRecord {
  /** 1-based record number (a quoted line break does not start a new record). */
  row: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly row: number, message: string) {
    super(`row ${row}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  /** Spreadsheet row of the record being read: blank lines count, as they show as rows. */
  let row = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStarted = false;
  /** A quoted cell has closed: only a comma or a line end may follow. */
  let closed = false;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    cellStarted = false;
    closed = false;
  };
  const endRecord = () => {
    endCell();
    // A blank line (one empty cell) is no record: spreadsheets leave them at the end.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ row, cells });
    cells = [];
    row += 1;
  };
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index];
    if (quoted) {
      if (character !== '"') cell += character;
      else if (source[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else {
        quoted = false;
        closed = true;
      }
      continue;
    }
    if (character === '"') {
      if (cellStarted) throw new CsvSyntaxError(row, 'a quote inside an unquoted cell (quote the whole cell and double the quote)');
      quoted = true;
      cellStarted = true;
    } else if (character === ',') endCell();
    else if (character === '\n' || character === '\r') {
      if (character === '\r' && source[index + 1] === '\n') index += 1;
      endRecord();
    } else {
      if (closed) throw new CsvSyntaxError(row, 'text after a closing quote (a quoted cell ends at its quote)');
      cell += character;
      cellStarted = true;
    }
  }
  if (quoted) throw new CsvSyntaxError(row, 'a quoted cell is never closed');
  if (cellStarted || cells.length > 0) endRecord();
  return records;
}
