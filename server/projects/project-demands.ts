import { canTransitionDemand, type DemandStatus } from '../../core/demands/demand-states.ts';
import type { RequestUser } from '../app-env.ts';
import { scopeCondition } from '../access/scope.ts';
import type { AuditActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import type { Queryable, Sql } from '../db/client.ts';
import { outOfScope } from '../demands/demand-input.ts';
import { DEMAND_COLUMNS, toStaffDemand, updateDemand, type DemandRow } from '../demands/demand-sql.ts';
import { badRequest, conflict } from '../errors.ts';

/**
 * The demands a project answers, moved through the demand machine (core/demands/demand-states.ts)
 * as the project goes: linking an accepted demand plans it, unlinking the last project reopens
 * it to accepted, a completion resolves the planned ones and its undo plans them again. Each
 * demand changed gets its own audit row, in the project's transaction.
 */

/** A demand a project may answer: taken on by the district, not yet done by another project. */
export const LINKABLE_DEMAND_STATUSES: readonly DemandStatus[] = ['accepted', 'planned'];

/** The demands, locked in id order (two writers never deadlock), with whether each is in the user's area. */
async function lockDemands(tx: Queryable, user: RequestUser, ids: readonly number[]) {
  if (!ids.length) return [];
  const inScope = scopeCondition(tx as Sql, user, { town: 'd.town_code', community: 'd.community_code' });
  return tx<(DemandRow & { in_scope: boolean })[]>`
    SELECT ${tx.unsafe(DEMAND_COLUMNS)}, (${inScope}) AS in_scope FROM demands d WHERE d.id IN ${tx([...ids])} ORDER BY d.id FOR UPDATE`;
}

/** One demand moved on, with its trail; a change the user's area does not cover is a 403. */
async function moveDemand(tx: Queryable, actor: AuditActor, user: RequestUser, demand: DemandRow, to: DemandStatus, projectId: number) {
  if (!canTransitionDemand(demand.status, to)) return;
  const after = await updateDemand(tx, user, demand.id, demand.version, { status: to });
  if (!after) throw outOfScope(user, demand);
  await writeAudit(tx, actor, { action: 'update', entity: 'demand', entityId: demand.id, before: toStaffDemand(demand), after: { ...toStaffDemand(after), project: projectId } });
}

/** Links new demands to the project: each must exist, be in the user's area and be accepted or planned. */
export async function linkDemands(tx: Queryable, actor: AuditActor, user: RequestUser, projectId: number, ids: readonly number[]): Promise<void> {
  const demands = await lockDemands(tx, user, ids);
  const missing = ids.filter((id) => !demands.some((demand) => demand.id === id));
  if (missing.length) throw badRequest('unknown_demand', `there is no demand ${missing.join(', ')}`, { demandIds: missing });
  for (const demand of demands) {
    if (!demand.in_scope) throw outOfScope(user, demand);
    if (!LINKABLE_DEMAND_STATUSES.includes(demand.status)) {
      throw conflict('demand_not_linkable', `demand ${demand.id} is ${demand.status}: a project answers demands that are ${LINKABLE_DEMAND_STATUSES.join(' or ')}`, {
        demand: demand.id, status: demand.status, linkable: LINKABLE_DEMAND_STATUSES,
      });
    }
  }
  if (!demands.length) return;
  await tx`INSERT INTO project_demands ${tx(demands.map((demand) => ({ project_id: projectId, demand_id: demand.id })), 'project_id', 'demand_id')}`;
  for (const demand of demands) if (demand.status === 'accepted') await moveDemand(tx, actor, user, demand, 'planned', projectId);
}

/**
 * Unlinks demands from the project. A planned demand no other open project answers goes back to
 * accepted; one resolved by this project's completion cannot be unlinked (undo the completion).
 */
export async function unlinkDemands(tx: Queryable, actor: AuditActor, user: RequestUser, projectId: number, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  const demands = await lockDemands(tx, user, ids);
  const resolved = await tx<{ demand_id: number }[]>`
    SELECT demand_id FROM project_demands WHERE project_id = ${projectId} AND demand_id IN ${tx([...ids])} AND resolved_by_completion`;
  if (resolved.length) {
    throw conflict('demand_resolved_by_project', `demand ${resolved.map((row) => row.demand_id).join(', ')} was resolved by this project's completion; undo the completion first`, {
      demandIds: resolved.map((row) => row.demand_id),
    });
  }
  await tx`DELETE FROM project_demands WHERE project_id = ${projectId} AND demand_id IN ${tx([...ids])}`;
  const stillAnswered = await tx<{ demand_id: number }[]>`
    SELECT DISTINCT pd.demand_id FROM project_demands pd JOIN projects p ON p.id = pd.project_id
    WHERE pd.demand_id IN ${tx([...ids])} AND p.phase <> 'cancelled'`;
  for (const demand of demands) {
    if (demand.status === 'planned' && !stillAnswered.some((row) => row.demand_id === demand.id)) await moveDemand(tx, actor, user, demand, 'accepted', projectId);
  }
}

/** The demand ids linked to a project. */
export async function linkedDemandIds(tx: Queryable, projectId: number): Promise<number[]> {
  const rows = await tx<{ demand_id: number }[]>`SELECT demand_id FROM project_demands WHERE project_id = ${projectId} ORDER BY demand_id`;
  return rows.map((row) => row.demand_id);
}

/** A completion: every planned demand the project answers becomes resolved, marked for an undo. */
export async function resolveDemands(tx: Queryable, actor: AuditActor, user: RequestUser, projectId: number): Promise<number[]> {
  const demands = await lockDemands(tx, user, await linkedDemandIds(tx, projectId));
  const resolved: number[] = [];
  for (const demand of demands.filter((candidate) => candidate.status === 'planned')) {
    await moveDemand(tx, actor, user, demand, 'resolved', projectId);
    resolved.push(demand.id);
  }
  if (resolved.length) await tx`UPDATE project_demands SET resolved_by_completion = true WHERE project_id = ${projectId} AND demand_id IN ${tx(resolved)}`;
  return resolved;
}

/** A completion undone: the demands it resolved (and still resolved) are planned again. */
export async function reopenDemands(tx: Queryable, actor: AuditActor, user: RequestUser, projectId: number): Promise<number[]> {
  const marked = await tx<{ demand_id: number }[]>`SELECT demand_id FROM project_demands WHERE project_id = ${projectId} AND resolved_by_completion`;
  const demands = await lockDemands(tx, user, marked.map((row) => row.demand_id));
  const reopened: number[] = [];
  for (const demand of demands.filter((candidate) => candidate.status === 'resolved')) {
    await moveDemand(tx, actor, user, demand, 'planned', projectId);
    reopened.push(demand.id);
  }
  await tx`UPDATE project_demands SET resolved_by_completion = false WHERE project_id = ${projectId}`;
  return reopened;
}

/**
 * A cancelled project keeps its links (the trail of what it was for) but stops answering: each
 * planned demand no other open project answers goes back to accepted. Call after the phase is set.
 */
export async function releaseDemands(tx: Queryable, actor: AuditActor, user: RequestUser, projectId: number): Promise<void> {
  const ids = await linkedDemandIds(tx, projectId);
  if (!ids.length) return;
  const demands = await lockDemands(tx, user, ids);
  const stillAnswered = await tx<{ demand_id: number }[]>`
    SELECT DISTINCT pd.demand_id FROM project_demands pd JOIN projects p ON p.id = pd.project_id
    WHERE pd.demand_id IN ${tx(ids)} AND p.phase <> 'cancelled'`;
  for (const demand of demands) {
    if (demand.status === 'planned' && !stillAnswered.some((row) => row.demand_id === demand.id)) await moveDemand(tx, actor, user, demand, 'accepted', projectId);
  }
}
