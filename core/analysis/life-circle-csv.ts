import { formatCsv } from '../csv-cells.ts';
import type { LifeCircleMatrix, LifeCircleRow } from './life-circle.ts';

const roundShare = (share: number | null) => (share === null ? null : Math.round(share * 1e6) / 1e6);

/**
 * The life-circle matrix as CSV, one row per community then the district total (BOM and
 * formula-safe cells: see core/csv-cells.ts).
 */
export function formatLifeCircleCsv(matrix: LifeCircleMatrix, districtLabel = 'district'): string {
  const header = ['code', 'name', 'population', ...matrix.columns.map((column) => `${column.layer}_${column.radiusM}m`), 'score'];
  const line = (row: LifeCircleRow) => [row.code, row.name, row.population, ...row.shares.map(roundShare), row.score === null ? null : Math.round(row.score * 100) / 100];
  const district = { ...matrix.district, code: districtLabel, name: districtLabel };
  const rows = [header, ...matrix.communities.map(line), line(district)];
  return formatCsv(rows);
}
