import type { FieldMapping, InvalidRow } from '../../core/exchange/import-contract.ts';
import { readRow } from '../../core/exchange/import-fields.ts';
import type { ImportRow } from '../../core/exchange/import-features.ts';
import { problem, reasonOf, shownValue } from '../../core/exchange/import-problems.ts';
import type { CommitRow } from './import-commit-sql.ts';
import type { ImportTarget } from './import-target.ts';

/**
 * Rows through a mapping: what each becomes, or why it cannot be written (its geometry's
 * problems, found once at upload, and its values', which depend on the mapping). The preview
 * and the commit both ask this, so a commit with a changed mapping is checked again.
 */
export function applyMapping(rows: readonly ImportRow[], mapping: FieldMapping, target: ImportTarget, knownTypes: ReadonlySet<string> | null): { valid: CommitRow[]; invalid: InvalidRow[] } {
  const valid: CommitRow[] = [];
  const invalid: InvalidRow[] = [];
  for (const row of rows) {
    const { values, errors } = readRow(row.attributes, mapping, target.fields, row.geometry?.type ?? null);
    if (knownTypes && typeof values.type === 'string' && !knownTypes.has(values.type)) {
      errors.push(problem('unknown_choice', { property: 'type', field: mapping.type ?? 'type', value: shownValue(values.type) }, `type ${JSON.stringify(values.type.slice(0, 40))} is not a demand type`));
    }
    const problems = [...row.problems, ...errors];
    if (problems.length || !row.geometry) invalid.push({ row: row.row, reason: reasonOf(problems), problems });
    else valid.push({ row: row.row, values, geometry: JSON.stringify(row.geometry) });
  }
  return { valid, invalid };
}
