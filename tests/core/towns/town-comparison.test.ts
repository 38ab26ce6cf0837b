import { describe, expect, it } from 'vitest';
import { competitionRanks, rankTowns, type TownFigures } from '../../../core/towns/town-comparison.ts';

const town = (code: string, figures: Partial<TownFigures>): TownFigures => ({
  town: code, demandsReceived: 0, demandsAnswered: 0, answeredShare: null, medianDaysToAnswer: null, projects: 0, onTimeShare: null,
  targets: 0, targetsReachedShare: null, satisfaction: null, satisfactionChange: null, coverageGained: null, ...figures,
});

describe('competition ranks', () => {
  it('give ties the same rank and skip the next, best first, leaving nulls unranked', () => {
    expect(competitionRanks([80, 90, 80, null, 70], false)).toEqual([2, 1, 2, null, 4]);
    expect(competitionRanks([3, 1, 2], true)).toEqual([3, 1, 2]);
  });
});

describe('ranking the towns', () => {
  it('ranks each figure (fewer days is better) and orders towns by their mean rank', () => {
    const rows = rankTowns([
      town('a', { answeredShare: 0.9, medianDaysToAnswer: 5, satisfaction: 80 }),
      town('b', { answeredShare: 0.5, medianDaysToAnswer: 2, satisfaction: 70 }),
      town('c', { answeredShare: 0.95, medianDaysToAnswer: 9, satisfaction: 85 }),
      town('d', {}),
    ]);
    expect(rows.map((row) => row.town)).toEqual(['c', 'a', 'b', 'd']);
    const byTown = new Map(rows.map((row) => [row.town, row]));
    expect(byTown.get('b')!.ranks.medianDaysToAnswer).toBe(1);
    expect(byTown.get('c')!.ranks).toMatchObject({ answeredShare: 1, medianDaysToAnswer: 3, satisfaction: 1, onTimeShare: null });
    // c: (1+3+1)/3 ≈ 1.67; a: (2+2+2)/3 = 2; b: (3+1+3)/3 ≈ 2.33; d ranked on nothing comes last.
    expect(rows.map((row) => row.overallRank)).toEqual([1, 2, 3, 4]);
  });

  it('ranks more residents newly covered first, towns that gained nothing tied behind', () => {
    const rows = rankTowns([town('a', { coverageGained: 0 }), town('b', { coverageGained: 1200 }), town('c', { coverageGained: 0 }), town('d', { coverageGained: 300 })]);
    expect(Object.fromEntries(rows.map((row) => [row.town, row.ranks.coverageGained]))).toEqual({ a: 3, b: 1, c: 3, d: 2 });
    expect(rows.map((row) => row.town)).toEqual(['b', 'd', 'a', 'c']);
  });
});
