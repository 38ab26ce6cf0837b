import type { DemandCounts } from '../../../core/demands/demand-count-contract.ts';
import { DEMAND_STATUSES, type DemandStatus } from '../../../core/demands/demand-states.ts';
import type { ProjectList, ProjectRecord } from '../../../core/projects/project-contract.ts';
import type { TargetLine, TargetsResponse } from '../../../core/targets/target-contract.ts';
import { fetchJson } from '../api/fetch-json.ts';

/** What the dashboard shows, read from the same APIs as the lists behind it. */
export interface DashboardData {
  targets: TargetsResponse;
  late: ProjectList<ProjectRecord>;
  demandsByStatus: { status: DemandStatus; count: number }[];
}

/** Late projects shown on the dashboard; the library lists them all. */
export const LATE_SHOWN = 8;

export async function loadDashboard(signal: AbortSignal): Promise<DashboardData> {
  const [targets, late, counts] = await Promise.all([
    fetchJson<TargetsResponse>('/api/targets', signal),
    fetchJson<ProjectList<ProjectRecord>>(`/api/projects?late=true&sort=late&limit=${LATE_SHOWN}`, signal),
    fetchJson<DemandCounts>('/api/demand-counts?by=town', signal),
  ]);
  // Per town by status (each town within the reader's area): added up for the district.
  const totals = new Map<DemandStatus, number>();
  for (const town of counts.items) {
    for (const [status, count] of Object.entries(town.statuses ?? {}) as [DemandStatus, number][]) totals.set(status, (totals.get(status) ?? 0) + count);
  }
  return { targets, late, demandsByStatus: DEMAND_STATUSES.map((status) => ({ status, count: totals.get(status) ?? 0 })) };
}

/** The indicators grouped by optimization in the catalogue's order (null: those spanning them). */
export function byOptimization(lines: readonly TargetLine[]): { optimization: TargetLine['optimization']; lines: TargetLine[] }[] {
  const groups: { optimization: TargetLine['optimization']; lines: TargetLine[] }[] = [];
  for (const line of lines) {
    const group = groups.find((candidate) => candidate.optimization === line.optimization);
    if (group) group.lines.push(line);
    else groups.push({ optimization: line.optimization, lines: [line] });
  }
  return groups;
}
