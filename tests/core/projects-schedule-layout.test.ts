import { describe, expect, it } from 'vitest';
import type { ScheduleItem } from '../../core/projects/project-contract.ts';
import { computeLateness, scheduleSpan } from '../../core/projects/project-schedule.ts';
import { formatProjectLibraryParams, parseProjectLibraryParam, projectQuery } from '../../client/src/projects/project-filters.ts';
import { scheduleRows } from '../../client/src/projects/project-export.ts';
import { lateLabel } from '../../client/src/projects/project-text.ts';
import { layoutSchedule, makeWindow, positionOf, scheduleTicks, scheduleWindow } from '../../client/src/projects/schedule-layout.ts';

const TODAY = '2026-06-15';

function item(code: string, phase: ScheduleItem['phase'], schedule: ScheduleItem['schedule'], milestones: ScheduleItem['milestones'] = []): ScheduleItem {
  return {
    id: Number(code.replace(/\D/g, '')), code, name: `项目 ${code}`, optimization: 2, type: 'kindergarten', phase, heldFrom: null,
    primaryTown: 'T1', primaryCommunity: 'C1', sizeClass: 'small', responsibleUnit: '区教委', parentId: null, progress: 40,
    schedule, milestones, late: computeLateness(phase, null, schedule, milestones, TODAY), ...scheduleSpan(schedule, milestones),
  };
}

const dates = (plannedStart: string | null, plannedEnd: string | null, actualStart: string | null = null, actualEnd: string | null = null) => ({ plannedStart, plannedEnd, actualStart, actualEnd });

describe('the schedule layout', () => {
  const late = item('P1', 'construction', { approved: dates('2026-01-01', '2026-01-31', '2026-01-05', '2026-01-20'), construction: dates('2026-02-01', '2026-05-31', '2026-02-10') });
  const onTime = item('P2', 'design', { design: dates('2026-06-01', '2026-09-30', '2026-06-01') }, [{ id: 1, name: '方案批复', planned: '2026-06-01', actual: null }]);
  const done = item('P3', 'completed', { construction: dates('2025-03-01', '2025-12-31', '2025-03-01', '2025-12-20') });

  it('places a year\'s days as fractions: 1 January at 0, 1 July past the middle, the last day ending at 1', () => {
    const window = scheduleWindow([late, onTime], 2026, TODAY);
    expect(window).toEqual({ start: '2026-01-01', end: '2026-12-31', days: 365 });
    expect(positionOf(window, '2026-01-01')).toBe(0);
    expect(positionOf(window, '2026-07-02')).toBeCloseTo(182 / 365);
    const [row] = layoutSchedule([late], window, TODAY).groups[0].rows;
    const approvedPlanned = row.bars.find((bar) => bar.phase === 'approved' && bar.kind === 'planned')!;
    expect(approvedPlanned.from).toBe(0);
    expect(approvedPlanned.to).toBeCloseTo(31 / 365);
  });

  it('groups by phase, construction first, marks the late planned bar and runs an open actual bar to today', () => {
    const layout = layoutSchedule([done, onTime, late], scheduleWindow([done, onTime, late], undefined, TODAY), TODAY);
    expect(layout.groups.map((group) => group.phase)).toEqual(['construction', 'design', 'completed']);
    const [row] = layout.groups[0].rows;
    expect(row.item.late).toMatchObject({ isLate: true, days: 15 });
    expect(row.bars.filter((bar) => bar.late).map((bar) => `${bar.phase}/${bar.kind}`)).toEqual(['construction/planned']);
    const running = row.bars.find((bar) => bar.phase === 'construction' && bar.kind === 'actual')!;
    expect(running.running).toBe(true);
    expect(running.to).toBeCloseTo(positionOf(layout.window, '2026-06-16'));
    expect(layout.todayAt).toBeCloseTo(positionOf(layout.window, TODAY));
  });

  it('marks a milestone whose day passed without its actual date as late', () => {
    const [row] = layoutSchedule([onTime], makeWindow('2026-01-01', '2026-12-31'), TODAY).groups[0].rows;
    expect(row.milestones).toEqual([{ name: '方案批复', at: positionOf(makeWindow('2026-01-01', '2026-12-31'), '2026-06-01'), done: false, late: true }]);
    expect(row.item.late.what).toMatchObject({ kind: 'milestone', name: '方案批复' });
  });

  it('leaves bars outside the window out, and ticks every month (every quarter past two years)', () => {
    const window = makeWindow('2026-01-01', '2026-12-31');
    expect(layoutSchedule([done], window, TODAY).groups[0].rows[0].bars).toEqual([]);
    expect(scheduleTicks(window).map((tick) => tick.month)).toHaveLength(12);
    expect(scheduleTicks(makeWindow('2024-01-01', '2026-12-31')).map((tick) => tick.month).slice(0, 3)).toEqual(['2024-01', '2024-04', '2024-07']);
    expect(scheduleTicks(makeWindow('2020-01-01', '2028-12-31')).map((tick) => tick.month)).toEqual(['2020-01', '2021-01', '2022-01', '2023-01', '2024-01', '2025-01', '2026-01', '2027-01', '2028-01']);
  });

  it('labels lateness in both languages and exports a row per project with its dates', () => {
    expect(lateLabel(late.late, 'zh')).toBe('逾期 15 天');
    expect(lateLabel(late.late, 'en', true)).toBe('LATE 15 days: Construction end planned 2026-05-31');
    expect(lateLabel(onTime.late, 'zh', true)).toBe('逾期 14 天：里程碑“方案批复” 计划 2026-06-01');
    expect(lateLabel(done.late, 'zh')).toBe('');
    const names = { town: (code: string) => `镇${code}`, community: (code: string) => code, optimization: String, type: (id: string) => id };
    const rows = scheduleRows([late], 'zh', names);
    expect(rows[0]).toContain('施工计划完成');
    expect(rows[1].slice(0, 6)).toEqual(['P1', '项目 P1', '2', 'kindergarten', '施工', '镇T1']);
    expect(rows[1].at(-2)).toBe(15);
    expect(rows[1]).toHaveLength(rows[0].length);
  });
});

describe('the library filters', () => {
  it('go to the link and back, and to the API\'s query', () => {
    const state = { filters: { phase: 'construction' as const, optimization: 2 as const, town: '500108001', late: true, published: false, q: '幼儿园 a,b' }, view: 'schedule' as const };
    const params = formatProjectLibraryParams(state);
    expect(params).toEqual(['projects=phase:construction,optimization:2,town:500108001,late:1,view:schedule', `projectq=${encodeURIComponent('幼儿园 a,b')}`]);
    const search = new URLSearchParams(params.join('&'));
    expect(parseProjectLibraryParam(search.get('projects'), search.get('projectq'))).toEqual({ filters: { phase: 'construction', optimization: 2, town: '500108001', late: true, q: '幼儿园 a,b' }, view: 'schedule' });
    expect(parseProjectLibraryParam('phase:nonsense,optimization:9,town:<x>,year:1200', null)).toEqual({ filters: {}, view: 'list' });
    expect(parseProjectLibraryParam(null, 'x')).toBeUndefined();
    expect(projectQuery({ late: true, opportunity: false, q: '校' }, { limit: 50, offset: 100 })).toBe('late=true&q=%E6%A0%A1&limit=50&offset=100');
  });
});
