import { describe, expect, it } from 'vitest';
import {
  DEMAND_STATUSES,
  PUBLISHED_DEMAND_STATUSES,
  allowedDemandTransitions,
  canTransitionDemand,
  isAnsweredByProject,
  isPublishedDemand,
  manualDemandTransitions,
  requirementsOf,
  type DemandStatus,
} from '../../../core/demands/demand-states.ts';

/** Every status a demand can reach from `submitted` by allowed moves. */
function reachableFrom(start: DemandStatus): Set<DemandStatus> {
  const seen = new Set<DemandStatus>([start]);
  const queue = [start];
  while (queue.length) {
    for (const next of allowedDemandTransitions(queue.shift()!)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

describe('the demand status machine', () => {
  it('follows the workflow: triage, then the project, then the outcome', () => {
    expect(allowedDemandTransitions('submitted')).toEqual(['accepted', 'merged', 'rejected', 'hidden']);
    expect(canTransitionDemand('accepted', 'planned')).toBe(true);
    expect(canTransitionDemand('planned', 'resolved')).toBe(true);
    expect(canTransitionDemand('submitted', 'planned')).toBe(false);
    expect(canTransitionDemand('submitted', 'resolved')).toBe(false);
    expect(canTransitionDemand('resolved', 'submitted')).toBe(false);
  });

  it('plans a demand by hand only while a live project answers it; resolving by hand needs none', () => {
    expect(manualDemandTransitions('accepted', false)).toEqual(['merged', 'rejected', 'hidden']);
    expect(manualDemandTransitions('accepted', true)).toEqual(allowedDemandTransitions('accepted'));
    expect(manualDemandTransitions('resolved', false)).toEqual(['hidden']);
    expect(manualDemandTransitions('planned', false)).toEqual(['resolved', 'accepted', 'hidden']);
    expect(isAnsweredByProject([])).toBe(false);
    expect(isAnsweredByProject([{ phase: 'cancelled' }])).toBe(false);
    expect(isAnsweredByProject([{ phase: 'cancelled' }, { phase: 'design' }])).toBe(true);
  });

  it('lets moderation hide any demand, and only restores a hidden one to triage', () => {
    for (const status of DEMAND_STATUSES.filter((each) => each !== 'hidden')) expect(canTransitionDemand(status, 'hidden'), status).toBe(true);
    expect(allowedDemandTransitions('hidden')).toEqual(['submitted']);
  });

  it('keeps a merged demand merged, except for moderation', () => {
    expect(allowedDemandTransitions('merged')).toEqual(['hidden']);
  });

  it('never moves a status to itself, and names only known statuses', () => {
    for (const from of DEMAND_STATUSES) {
      expect(canTransitionDemand(from, from), from).toBe(false);
      for (const to of allowedDemandTransitions(from)) expect(DEMAND_STATUSES).toContain(to);
    }
  });

  it('reaches every status from a new submission', () => {
    expect([...reachableFrom('submitted')].sort()).toEqual([...DEMAND_STATUSES].sort());
  });

  it('publishes accepted, planned and resolved demands only', () => {
    expect(PUBLISHED_DEMAND_STATUSES).toEqual(['accepted', 'planned', 'resolved']);
    expect(DEMAND_STATUSES.filter(isPublishedDemand)).toEqual(['accepted', 'planned', 'resolved']);
  });

  it('asks a reason of a rejection and a target of a merge, nothing of the rest', () => {
    expect(requirementsOf('rejected')).toEqual({ reason: true, mergedInto: false });
    expect(requirementsOf('merged')).toEqual({ reason: false, mergedInto: true });
    for (const status of ['submitted', 'accepted', 'planned', 'resolved', 'hidden'] as const) expect(requirementsOf(status)).toEqual({ reason: false, mergedInto: false });
  });
});
