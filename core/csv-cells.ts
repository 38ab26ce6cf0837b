/**
 * CSV (RFC 4180) for spreadsheets. A byte-order mark lets spreadsheet programs read Chinese
 * names as UTF-8, and text that starts like a formula is prefixed with a quote so opening the
 * file never runs anything.
 */
export type CsvCell = string | number | null | undefined;

export function quoteCsvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows (the header first) as one CSV document with a BOM and CRLF line ends. */
export function formatCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(quoteCsvCell).join(',')).join('\r\n')}\r\n`;
}
