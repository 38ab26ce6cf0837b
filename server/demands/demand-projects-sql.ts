import type { DemandProjectLink } from '../../core/demands/demand-contract.ts';
import type { Queryable } from '../db/client.ts';

/**
 * The projects that answer a demand, read from the project library's links (project_demands,
 * written by server/projects/project-demands.ts). Staff read the whole library, so they see
 * every linked project; the public see only the published ones, as the library shows them.
 */
export async function readDemandProjects(sql: Queryable, demandId: number, options: { publishedOnly: boolean }): Promise<DemandProjectLink[]> {
  const rows = await sql<DemandProjectLink[]>`
    SELECT p.id, p.code, p.name, p.phase, p.progress
    FROM project_demands l JOIN projects p ON p.id = l.project_id
    WHERE l.demand_id = ${demandId} ${options.publishedOnly ? sql`AND p.published` : sql``}
    ORDER BY p.id`;
  return rows.map(({ id, code, name, phase, progress }) => ({ id, code, name, phase, progress }));
}

/** Whether a live (not cancelled) project links the demand: what planning it by hand needs. */
export async function isDemandAnswered(sql: Queryable, demandId: number): Promise<boolean> {
  const [row] = await sql<{ answered: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM project_demands l JOIN projects p ON p.id = l.project_id
      WHERE l.demand_id = ${demandId} AND p.phase <> 'cancelled') AS answered`;
  return row.answered;
}
