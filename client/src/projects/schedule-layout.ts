import type { ScheduleItem } from '../../../core/projects/project-contract.ts';
import { isClosedPhase, type ProjectPhase } from '../../../core/projects/project-phases.ts';
import { SCHEDULED_PHASES, daysBetween, type ScheduledPhase } from '../../../core/projects/project-schedule.ts';

/**
 * The schedule (建设时序清单) as a Gantt chart, laid out as fractions of a time window so the
 * component only multiplies by its width: rows grouped by the phase a project is in, each with
 * its planned and actual bars per phase, its milestones, and LATE marked where the server said
 * so. A day is a column: a bar from the 1st to the 1st covers one day.
 */
export interface ScheduleWindow {
  start: string;
  /** The last day shown (inclusive). */
  end: string;
  days: number;
}

export interface ScheduleBar {
  phase: ScheduledPhase;
  kind: 'planned' | 'actual';
  /** Fractions of the window, clipped to [0, 1]. */
  from: number;
  to: number;
  /** An actual phase still running: drawn to today. */
  running: boolean;
  /** The planned bar whose date the project is late on. */
  late: boolean;
}

export interface ScheduleMilestone {
  name: string;
  at: number;
  done: boolean;
  late: boolean;
}

export interface ScheduleRow {
  item: ScheduleItem;
  bars: ScheduleBar[];
  milestones: ScheduleMilestone[];
}

export interface ScheduleGroup {
  phase: ProjectPhase;
  rows: ScheduleRow[];
}

export interface ScheduleTick {
  at: number;
  /** YYYY-MM */
  month: string;
}

export interface ScheduleLayout {
  window: ScheduleWindow;
  groups: ScheduleGroup[];
  /** Where today falls, or undefined outside the window. */
  todayAt: number | undefined;
  ticks: ScheduleTick[];
}

/** Groups in the order the commission reads them: what is being built first, what is done last. */
export const SCHEDULE_GROUP_ORDER: readonly ProjectPhase[] = ['construction', 'design', 'approved', 'proposed', 'on_hold', 'completed', 'cancelled'];

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
function monthEnd(date: string): string {
  const [year, month] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export function makeWindow(start: string, end: string): ScheduleWindow {
  return { start, end, days: daysBetween(start, end) + 1 };
}

/**
 * A calendar year when one is chosen; otherwise whole months from the earliest date named to the
 * latest, today included (an empty schedule shows today's year).
 */
export function scheduleWindow(items: readonly ScheduleItem[], year: number | undefined, today: string): ScheduleWindow {
  if (year) return makeWindow(`${year}-01-01`, `${year}-12-31`);
  const dates = [today, ...items.flatMap((item) => [item.start, item.end]).filter((date): date is string => Boolean(date))].sort();
  if (dates.length === 1) return makeWindow(`${today.slice(0, 4)}-01-01`, `${today.slice(0, 4)}-12-31`);
  return makeWindow(monthStart(dates[0]), monthEnd(dates[dates.length - 1]));
}

/** A day's position in the window (its first moment); may fall outside [0, 1]. */
export function positionOf(window: ScheduleWindow, date: string): number {
  return daysBetween(window.start, date) / window.days;
}

function bar(window: ScheduleWindow, phase: ScheduledPhase, kind: ScheduleBar['kind'], start: string, end: string, running: boolean, late: boolean): ScheduleBar | undefined {
  const from = positionOf(window, start);
  const to = positionOf(window, addDays(end, 1));
  if (to <= 0 || from >= 1 || to < from) return undefined;
  return { phase, kind, from: Math.max(0, from), to: Math.min(1, to), running, late };
}

export function layoutRow(item: ScheduleItem, window: ScheduleWindow, today: string): ScheduleRow {
  const lateOn = item.late.isLate && item.late.what?.kind === 'phase' ? item.late.what.phase : undefined;
  const bars: ScheduleBar[] = [];
  for (const phase of SCHEDULED_PHASES) {
    const dates = item.schedule[phase];
    if (!dates) continue;
    // A planned bar with one end only is a day's mark at that end.
    const plannedStart = dates.plannedStart ?? dates.plannedEnd;
    const plannedEnd = dates.plannedEnd ?? dates.plannedStart;
    const planned = plannedStart && plannedEnd ? bar(window, phase, 'planned', plannedStart, plannedEnd, false, lateOn === phase) : undefined;
    if (planned) bars.push(planned);
    if (dates.actualStart) {
      const running = !dates.actualEnd && !isClosedPhase(item.phase);
      const end = dates.actualEnd ?? (running ? today : dates.actualStart);
      const actual = bar(window, phase, 'actual', dates.actualStart, end < dates.actualStart ? dates.actualStart : end, running, false);
      if (actual) bars.push(actual);
    }
  }
  const milestones = item.milestones
    .filter((milestone) => milestone.planned || milestone.actual)
    .map((milestone) => {
      const date = (milestone.actual ?? milestone.planned)!;
      const late = !milestone.actual && !isClosedPhase(item.phase) && milestone.planned! < today;
      return { name: milestone.name, at: positionOf(window, date), done: Boolean(milestone.actual), late };
    })
    .filter((milestone) => milestone.at >= 0 && milestone.at <= 1);
  return { item, bars, milestones };
}

/** Month ticks: every month up to two years, then every quarter, half-year or year, so labels never crowd. */
export function scheduleTicks(window: ScheduleWindow): ScheduleTick[] {
  const ticks: ScheduleTick[] = [];
  const months = Math.round(window.days / 30.4);
  const step = months > 72 ? 12 : months > 36 ? 6 : months > 24 ? 3 : 1;
  let [year, month] = window.start.split('-').map(Number);
  for (;;) {
    const date = `${year}-${String(month).padStart(2, '0')}-01`;
    if (date > window.end) break;
    if (date >= window.start && (month - 1) % step === 0) ticks.push({ at: positionOf(window, date), month: date.slice(0, 7) });
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return ticks;
}

export function layoutSchedule(items: readonly ScheduleItem[], window: ScheduleWindow, today: string): ScheduleLayout {
  const groups = SCHEDULE_GROUP_ORDER.map((phase) => ({
    phase,
    rows: items
      .filter((item) => item.phase === phase)
      .sort((a, b) => Number(b.late.isLate) - Number(a.late.isLate) || (a.start ?? '9999').localeCompare(b.start ?? '9999') || a.code.localeCompare(b.code))
      .map((item) => layoutRow(item, window, today)),
  })).filter((group) => group.rows.length > 0);
  const todayAt = positionOf(window, today);
  return { window, groups, todayAt: todayAt >= 0 && todayAt <= 1 ? todayAt : undefined, ticks: scheduleTicks(window) };
}
