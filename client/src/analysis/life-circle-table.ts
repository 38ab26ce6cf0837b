import { formatCsv, type CsvCell } from '../../../core/csv-cells.ts';
import type { LifeCircleJsonRow, LifeCircleResponse } from '../../../core/analysis/api-contract.ts';

/** A column the table sorts by: the name, the population, the score or a facility layer. */
export type SortKey = 'name' | 'population' | 'score' | `layer:${string}`;

export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

export interface TableRow extends LifeCircleJsonRow {
  townCode: string;
}

/** Rows with their town (from the divisions), so the table can filter by town. */
export function attachTowns(rows: readonly LifeCircleJsonRow[], townOf: ReadonlyMap<string, string>): TableRow[] {
  return rows.map((row) => ({ ...row, townCode: townOf.get(row.code) ?? '' }));
}

function valueOf(row: TableRow, key: SortKey, nameOf: (row: TableRow) => string): number | string | null {
  if (key === 'name') return nameOf(row);
  if (key === 'population') return row.population;
  if (key === 'score') return row.score;
  return row.shares[key.slice('layer:'.length)] ?? null;
}

/**
 * Sorted copy; rows without a value (no residents) go last whichever the direction, and ties
 * keep code order so the same click always gives the same table.
 */
export function sortRows(rows: readonly TableRow[], order: SortOrder, nameOf: (row: TableRow) => string, collator: Intl.Collator): TableRow[] {
  const sign = order.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const left = valueOf(a, order.key, nameOf);
    const right = valueOf(b, order.key, nameOf);
    if (left === null || right === null) return left === right ? a.code.localeCompare(b.code) : left === null ? 1 : -1;
    const compared = typeof left === 'string' ? collator.compare(left, String(right)) : left - (right as number);
    return compared === 0 ? a.code.localeCompare(b.code) : sign * compared;
  });
}

/** The words the file's first header row is written in, and how names and numbers read. */
export interface CsvLabels {
  code: string;
  community: string;
  population: string;
  score: string;
  district: string;
  /** A facility column's heading, e.g. "幼儿园 300米 (%)". */
  column: (column: LifeCircleResponse['columns'][number]) => string;
  nameOf: (row: LifeCircleJsonRow) => string;
}

/** A share as the table shows it: a percentage with one decimal. */
const percent = (share: number | null | undefined) => (share === null || share === undefined ? null : Math.round(share * 1000) / 10);
const roundScore = (score: number | null) => (score === null ? null : Math.round(score * 10) / 10);

/**
 * The table as the reader sees it: a first header row in their language, a second with the
 * stable ids (`code`, `name`, `population`, `<layer>_<metres>m`, `score`, the server file's
 * header) for scripts, the rows in the order on screen, shares as percentages, the district last.
 */
export function buildLifeCircleCsv(response: LifeCircleResponse, rows: readonly LifeCircleJsonRow[], labels: CsvLabels): string {
  const headings = [labels.code, labels.community, labels.population, ...response.columns.map(labels.column), labels.score];
  const ids = ['code', 'name', 'population', ...response.columns.map((column) => `${column.layer}_${column.radiusM}m`), 'score'];
  const line = (row: LifeCircleJsonRow): CsvCell[] => [
    row.code,
    labels.nameOf(row),
    row.population,
    ...response.columns.map((column) => percent(row.shares[column.layer])),
    roundScore(row.score),
  ];
  const district: CsvCell[] = ['', labels.district, response.district.population, ...response.columns.map((column) => percent(response.district.shares[column.layer])), roundScore(response.district.score)];
  return formatCsv([headings, ids, ...rows.map(line), district]);
}

/** Save text as a file through a temporary link (no server round trip, works offline). */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
