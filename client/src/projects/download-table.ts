import { formatCsv, type CsvCell } from '../../../core/csv-cells.ts';
import { XLSX_MEDIA_TYPE, writeXlsx } from '../../../core/xlsx-writer.ts';

/** Save a table the page already holds as a file (no round trip: the rows are what is shown). */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by the next task; the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadCsv(fileName: string, rows: readonly (readonly CsvCell[])[]): void {
  save(new Blob([formatCsv(rows)], { type: 'text/csv;charset=utf-8' }), fileName);
}

export function downloadXlsx(fileName: string, sheetName: string, rows: readonly (readonly CsvCell[])[]): void {
  const bytes = writeXlsx({ name: sheetName, rows });
  save(new Blob([bytes.slice().buffer as ArrayBuffer], { type: XLSX_MEDIA_TYPE }), fileName);
}
