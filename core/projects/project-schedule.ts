import { DEFAULT_PROGRESS, MAIN_PHASES, isClosedPhase, phaseRank, type HoldablePhase, type MainPhase, type ProjectPhase } from './project-phases.ts';

/**
 * A project's dates, its lateness and its progress: pure rules, run by the server on every
 * write (it stores the first pending date so the list can filter late projects in SQL) and by
 * the client to explain them. Dates are calendar days in the district, `YYYY-MM-DD`.
 */

/** Phases that carry planned and actual start and end dates (approval is the approved phase's start). */
export const SCHEDULED_PHASES = ['approved', 'design', 'construction'] as const satisfies readonly MainPhase[];
export type ScheduledPhase = (typeof SCHEDULED_PHASES)[number];

export interface PhaseDates {
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
}

export type ProjectSchedule = Partial<Record<ScheduledPhase, PhaseDates>>;

export interface Milestone {
  name: string;
  planned: string | null;
  actual: string | null;
}

/** The planned date that has waited longest for its actual date. */
export type PendingItem =
  | { kind: 'phase'; phase: ScheduledPhase; edge: 'start' | 'end'; planned: string }
  | { kind: 'milestone'; name: string; planned: string };

export interface Lateness {
  isLate: boolean;
  /** Whole days since the planned date (0 when not late). */
  days: number;
  /** What is late; null when nothing is. */
  what: PendingItem | null;
}

const DAY_MS = 86_400_000;
/** The district keeps China Standard Time (UTC+8, no daylight saving). */
const DISTRICT_OFFSET_MS = 8 * 3_600_000;

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether the text is a real calendar day (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/** Today's date in the district at this instant. */
export function districtToday(now: Date): string {
  return new Date(now.getTime() + DISTRICT_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from one calendar date to a later one. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Every planned date still waiting for its actual date that matters now: milestones, and the
 * starts and ends of the phase the project is in and those ahead of it. A phase it has passed
 * (or skipped, as design may be) no longer counts; a completed or cancelled project has
 * nothing pending, and a held one is judged where it stopped.
 */
export function pendingItems(phase: ProjectPhase, heldFrom: HoldablePhase | null, schedule: ProjectSchedule, milestones: readonly Milestone[]): PendingItem[] {
  if (isClosedPhase(phase)) return [];
  const rank = phaseRank(phase, heldFrom);
  const items: PendingItem[] = [];
  for (const scheduled of SCHEDULED_PHASES) {
    const dates = schedule[scheduled];
    if (!dates || MAIN_PHASES.indexOf(scheduled) < rank) continue;
    if (dates.plannedStart && !dates.actualStart) items.push({ kind: 'phase', phase: scheduled, edge: 'start', planned: dates.plannedStart });
    if (dates.plannedEnd && !dates.actualEnd) items.push({ kind: 'phase', phase: scheduled, edge: 'end', planned: dates.plannedEnd });
  }
  for (const milestone of milestones) {
    if (milestone.planned && !milestone.actual) items.push({ kind: 'milestone', name: milestone.name, planned: milestone.planned });
  }
  return items;
}

/** The earliest pending planned date (ties: phases before milestones, in order), or null. */
export function firstPending(items: readonly PendingItem[]): PendingItem | null {
  let first: PendingItem | null = null;
  for (const item of items) if (!first || item.planned < first.planned) first = item;
  return first;
}

/** LATE: a planned date has passed (before today) without its actual date; by how many days. */
export function latenessOf(first: PendingItem | null, today: string): Lateness {
  if (!first || first.planned >= today) return { isLate: false, days: 0, what: null };
  return { isLate: true, days: daysBetween(first.planned, today), what: first };
}

export function computeLateness(phase: ProjectPhase, heldFrom: HoldablePhase | null, schedule: ProjectSchedule, milestones: readonly Milestone[], today: string): Lateness {
  return latenessOf(firstPending(pendingItems(phase, heldFrom, schedule, milestones)), today);
}

/** The first and last dates a project's schedule names, for the timeline's year filter. */
export function scheduleSpan(schedule: ProjectSchedule, milestones: readonly Milestone[]): { start: string | null; end: string | null } {
  const dates: string[] = [];
  for (const dates_ of Object.values(schedule)) {
    for (const date of [dates_.plannedStart, dates_.plannedEnd, dates_.actualStart, dates_.actualEnd]) if (date) dates.push(date);
  }
  for (const milestone of milestones) for (const date of [milestone.planned, milestone.actual]) if (date) dates.push(date);
  if (!dates.length) return { start: null, end: null };
  dates.sort();
  return { start: dates[0], end: dates[dates.length - 1] };
}

/**
 * Progress in percent: 100 once completed; otherwise what was recorded, or the phase's usual
 * share when nothing was (a held project keeps the share of the phase it left).
 */
export function effectiveProgress(phase: ProjectPhase, heldFrom: HoldablePhase | null, recorded: number | null): number {
  if (phase === 'completed') return 100;
  if (recorded !== null) return recorded;
  if (phase === 'cancelled') return 0;
  return DEFAULT_PROGRESS[phase === 'on_hold' ? (heldFrom ?? 'proposed') : phase];
}

/**
 * A package's progress from its sub-projects, weighted (a school counts more than a shelter);
 * cancelled ones drop out. Null when there is nothing to roll up (the package's own figure stands).
 */
export function rollUpProgress(children: ReadonlyArray<{ phase: ProjectPhase; progress: number; weight: number }>): number | null {
  let weighted = 0;
  let total = 0;
  for (const child of children) {
    if (child.phase === 'cancelled' || !(child.weight > 0)) continue;
    weighted += child.progress * child.weight;
    total += child.weight;
  }
  return total > 0 ? Math.round((weighted / total) * 10) / 10 : null;
}
