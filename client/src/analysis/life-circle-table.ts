import { formatLifeCircleCsv } from '../../../core/analysis/life-circle-csv.ts';
import type { LifeCircleMatrix, LifeCircleRow } from '../../../core/analysis/life-circle.ts';
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

/**
 * Back from the JSON shape to the core's matrix, so the CSV is written by the same function as
 * the server's `?format=csv` (identical bytes for the same rows).
 */
export function toLifeCircleMatrix(response: LifeCircleResponse, rows: readonly LifeCircleJsonRow[]): LifeCircleMatrix {
  const row = (source: Omit<LifeCircleJsonRow, 'code' | 'name'> & { code: string; name: string }): LifeCircleRow => ({
    code: source.code,
    name: source.name,
    population: source.population,
    shares: response.columns.map((column) => source.shares[column.layer] ?? null),
    score: source.score,
  });
  return {
    columns: response.columns,
    district: row({ ...response.district, code: '', name: '' }),
    communities: rows.map(row),
  };
}

/** The CSV of the rows shown (all communities: the server's file), in code order like the server's. */
export function buildLifeCircleCsv(response: LifeCircleResponse, rows: readonly LifeCircleJsonRow[]): string {
  const position = new Map(response.communities.map((row, index) => [row.code, index]));
  const ordered = [...rows].sort((a, b) => (position.get(a.code) ?? 0) - (position.get(b.code) ?? 0));
  return formatLifeCircleCsv(toLifeCircleMatrix(response, ordered));
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
