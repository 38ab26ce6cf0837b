import type { Sql } from 'postgres';

/**
 * The targets' sums written another way than the server's query (jsonb_array_elements and the
 * completion's year): deliverables of the year's completed projects and of those under
 * construction, per primary town when asked, leaving out a package while a live part names it
 * (its parts count instead).
 */
export async function independentTargetSums(sql: Sql, year: number, town: string | null) {
  const rows = await sql<{ indicator: string; achieved: number; building: number }[]>`
    SELECT item ->> 'indicator' AS indicator,
           sum(CASE WHEN p.phase = 'completed' AND extract(year FROM p.phase_since) = ${year} THEN (item ->> 'amount')::numeric ELSE 0 END)::float8 AS achieved,
           sum(CASE WHEN p.phase = 'construction' THEN (item ->> 'amount')::numeric ELSE 0 END)::float8 AS building
    FROM projects p, jsonb_array_elements(p.deliverables) AS item
    WHERE (${town}::text IS NULL OR p.primary_town = ${town})
      AND NOT EXISTS (SELECT 1 FROM projects part WHERE part.parent_id = p.id AND part.phase <> 'cancelled')
    GROUP BY 1`;
  return new Map(rows.map((row) => [row.indicator, row]));
}
