import { describe, expect, it } from 'vitest';
import {
  computeLateness,
  daysBetween,
  districtToday,
  effectiveProgress,
  isCalendarDate,
  pendingItems,
  rollUpProgress,
  scheduleSpan,
  type ProjectSchedule,
} from '../../../core/projects/project-schedule.ts';

const dates = (plannedStart: string | null, plannedEnd: string | null, actualStart: string | null = null, actualEnd: string | null = null) => ({
  plannedStart, plannedEnd, actualStart, actualEnd,
});

describe('project dates', () => {
  it('reads calendar days and the district’s today (UTC+8)', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
    expect(districtToday(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(districtToday(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(daysBetween('2025-12-30', '2026-01-02')).toBe(3);
  });
});

describe('LATE', () => {
  const schedule: ProjectSchedule = {
    approved: dates('2026-01-10', null, '2026-01-12'),
    design: dates('2026-02-01', '2026-03-31'),
    construction: dates('2026-04-01', '2026-09-30'),
  };

  it('is a planned date passed without its actual date, by whole days', () => {
    const late = computeLateness('design', null, { ...schedule, design: dates('2026-02-01', '2026-03-31', '2026-02-03') }, [], '2026-04-10');
    expect(late).toEqual({ isLate: true, days: 10, what: { kind: 'phase', phase: 'design', edge: 'end', planned: '2026-03-31' } });
  });

  it('is not late on the planned day itself, nor before it', () => {
    const inDesign = { ...schedule, design: dates('2026-02-01', '2026-03-31', '2026-02-01') };
    expect(computeLateness('design', null, inDesign, [], '2026-03-31')).toEqual({ isLate: false, days: 0, what: null });
    expect(computeLateness('design', null, inDesign, [], '2026-03-01').isLate).toBe(false);
  });

  it('names the longest-waiting date, milestones included', () => {
    const late = computeLateness('construction', null, { construction: dates('2026-04-01', '2026-09-30', '2026-04-02') }, [
      { name: '主体封顶', planned: '2026-06-01', actual: null },
      { name: '开工仪式', planned: '2026-04-01', actual: '2026-04-02' },
    ], '2026-06-15');
    expect(late).toEqual({ isLate: true, days: 14, what: { kind: 'milestone', name: '主体封顶', planned: '2026-06-01' } });
  });

  it('forgets phases passed or skipped, and closed projects', () => {
    // Design was skipped: its dates never arrive, and do not make construction late.
    expect(pendingItems('construction', null, { ...schedule, construction: dates('2026-04-01', '2026-09-30', '2026-04-01') }, [])).toEqual([
      { kind: 'phase', phase: 'construction', edge: 'end', planned: '2026-09-30' },
    ]);
    expect(computeLateness('completed', null, schedule, [{ name: 'x', planned: '2026-01-01', actual: null }], '2027-01-01').isLate).toBe(false);
    expect(computeLateness('cancelled', null, schedule, [], '2027-01-01').isLate).toBe(false);
  });

  it('judges a held project where it stopped', () => {
    const late = computeLateness('on_hold', 'approved', schedule, [], '2026-02-05');
    expect(late.what).toEqual({ kind: 'phase', phase: 'design', edge: 'start', planned: '2026-02-01' });
    expect(late.days).toBe(4);
  });

  it('spans the first to the last date named', () => {
    expect(scheduleSpan(schedule, [{ name: 'm', planned: '2026-12-01', actual: null }])).toEqual({ start: '2026-01-10', end: '2026-12-01' });
    expect(scheduleSpan({}, [])).toEqual({ start: null, end: null });
  });
});

describe('progress', () => {
  it('defaults from the phase, keeps what was recorded, is 100 when completed', () => {
    expect(effectiveProgress('proposed', null, null)).toBe(0);
    expect(effectiveProgress('construction', null, null)).toBe(40);
    expect(effectiveProgress('construction', null, 72)).toBe(72);
    expect(effectiveProgress('completed', null, 60)).toBe(100);
    expect(effectiveProgress('on_hold', 'design', null)).toBe(15);
  });

  it('rolls a package up by weight, leaving cancelled parts out', () => {
    expect(rollUpProgress([
      { phase: 'completed', progress: 100, weight: 3 },
      { phase: 'construction', progress: 40, weight: 1 },
      { phase: 'cancelled', progress: 0, weight: 10 },
    ])).toBe(85);
    expect(rollUpProgress([{ phase: 'design', progress: 15, weight: 1 }, { phase: 'design', progress: 20, weight: 2 }])).toBe(18.3);
    expect(rollUpProgress([])).toBeNull();
    expect(rollUpProgress([{ phase: 'cancelled', progress: 50, weight: 1 }])).toBeNull();
  });
});
