import type { LifeCircleMatrix, LifeCircleRow } from './life-circle.ts';

/**
 * The life-circle matrix as CSV (RFC 4180), one row per community then the district total.
 * A byte-order mark lets spreadsheet programs read the Chinese names as UTF-8, and text that
 * starts like a formula is prefixed with a quote so opening the file never runs anything.
 */
function quoteCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const roundShare = (share: number | null) => (share === null ? null : Math.round(share * 1e6) / 1e6);

export function formatLifeCircleCsv(matrix: LifeCircleMatrix, districtLabel = 'district'): string {
  const header = ['code', 'name', 'population', ...matrix.columns.map((column) => `${column.layer}_${column.radiusM}m`), 'score'];
  const line = (row: LifeCircleRow) => [row.code, row.name, row.population, ...row.shares.map(roundShare), row.score === null ? null : Math.round(row.score * 100) / 100];
  const district = { ...matrix.district, code: districtLabel, name: districtLabel };
  const rows = [header, ...matrix.communities.map(line), line(district)];
  return `\uFEFF${rows.map((row) => row.map(quoteCell).join(',')).join('\r\n')}\r\n`;
}
