import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMAND_TYPES, DEMAND_TYPE_ID_PATTERN } from '../../../core/demands/demand-types.ts';

/** The rows migration 0004 seeds into demand_types, read from the migration itself. */
function seededTypes() {
  const migration = readFileSync(new URL('../../../server/db/migrations/0004_demands.sql', import.meta.url), 'utf8');
  const insert = migration.slice(migration.indexOf('INSERT INTO demand_types'), migration.indexOf(';', migration.indexOf('INSERT INTO demand_types')));
  return [...insert.matchAll(/\('([a-z_]+)', (\d), '([^']+)', '([^']+)', (\d+)\)/g)].map((match) => ({
    id: match[1],
    optimization: Number(match[2]),
    title: { zh: match[3], en: match[4] },
    sort: Number(match[5]),
  }));
}

describe('default demand types', () => {
  it('are the rows the migration seeds, in the same order', () => {
    const seeded = seededTypes();
    expect(seeded.map(({ id, optimization, title }) => ({ id, optimization, title }))).toEqual(DEFAULT_DEMAND_TYPES.map(({ id, optimization, title }) => ({ id, optimization, title })));
    const sorts = seeded.map((type) => type.sort);
    expect(sorts).toEqual([...sorts].sort((a, b) => a - b));
  });

  it('have unique snake_case ids and cover all seven optimizations', () => {
    const ids = DEFAULT_DEMAND_TYPES.map((type) => type.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(DEMAND_TYPE_ID_PATTERN);
    expect(new Set(DEFAULT_DEMAND_TYPES.map((type) => type.optimization))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
  });
});
