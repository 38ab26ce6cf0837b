// Dates of a demo project around the demo's fixed "today" (REFERENCE_DATE): a planned timeline
// from its proposal, the actual one running behind by delays drawn per step, and the proposal
// day chosen so that the reference date falls inside the phase the project is in. A step still
// to come whose planned date has passed makes the project late, as on the server.
import type { HoldablePhase, ProjectPhase } from '../../core/projects/project-phases.ts';
import type { Milestone, PhaseDates, ProjectSchedule } from '../../core/projects/project-schedule.ts';
import type { Rng } from './random.ts';

/** The demo's today: the last day of the demand list's period. Late is judged against it. */
export const REFERENCE_DATE = '2026-11-28';

const DAY_MS = 86_400_000;
const REFERENCE_DAY = Date.parse(`${REFERENCE_DATE}T00:00:00Z`) / DAY_MS;

const toDate = (day: number) => new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);

export interface DrawnSchedule {
  schedule: ProjectSchedule;
  milestones: Milestone[];
  /** Day the project was proposed (its creation), and of its last change. */
  createdOn: string;
  updatedOn: string;
  phaseSince: string;
  heldFrom: HoldablePhase | null;
  /** Recorded progress in percent; null leaves the phase's default. */
  progress: number | null;
  /** Phase moves made: the version a project reaches through them is this plus one. */
  moves: number;
}

export type SizeClass = 'large' | 'medium' | 'small';

/** Planned days of each step: approval, preparation before design, design, construction. */
function plannedDurations(size: SizeClass, skipsDesign: boolean, rng: Rng): [number, number, number, number] {
  const construction = size === 'large' ? rng.int(300, 620) : size === 'medium' ? rng.int(150, 360) : rng.int(45, 180);
  const design = skipsDesign ? 0 : size === 'small' ? rng.int(20, 60) : rng.int(60, 150);
  return [rng.int(20, 75), rng.int(15, 60), design, construction];
}

/** Most steps run a little late, one in five badly. */
function drawDelay(rng: Rng): number {
  return rng.chance(0.2) ? rng.int(45, 160) : rng.int(-5, 25);
}

/**
 * The schedule of a project in `phase` on the reference date. Times t[0..4]: proposed, approved,
 * design starts, construction starts, completed; planned p[i] and actual a[i] (a[i] ≥ a[i-1]).
 */
export function drawProjectSchedule(phase: ProjectPhase, size: SizeClass, skipsDesign: boolean, rng: Rng): DrawnSchedule {
  const durations = plannedDurations(size, skipsDesign, rng);
  const planned = [0];
  for (const duration of durations) planned.push(planned[planned.length - 1] + duration);
  const actual = [0];
  let delay = 0;
  for (let step = 1; step < planned.length; step += 1) {
    delay = Math.max(0, delay + drawDelay(rng));
    const length = planned[step] - planned[step - 1];
    actual.push(Math.max(actual[step - 1] + (length === 0 ? 0 : 1), planned[step] + delay));
  }
  const heldFrom: HoldablePhase | null = phase === 'on_hold' ? (['approved', 'design', 'design', 'construction'] as const)[rng.int(0, 3)] : null;
  const cancelledFrom = phase === 'cancelled' ? (['proposed', 'approved', 'design'] as const)[rng.int(0, 2)] : null;
  const standing = heldFrom ?? cancelledFrom ?? phase;
  // Which actual step the reference date follows (skipped design: its start equals construction's).
  const reached = standing === 'completed' ? 4 : standing === 'construction' ? 3 : standing === 'design' ? 2 : standing === 'approved' ? 1 : 0;
  const proposedDay = (() => {
    if (reached === 4) return REFERENCE_DAY - actual[4] - rng.int(5, 560);
    const next = reached === 1 && skipsDesign ? 3 : reached + 1;
    const span = Math.max(1, actual[next] - actual[reached]);
    const into = Math.floor(span * rng.uniform(0.05, 0.95));
    // A held or cancelled project stopped a while ago.
    const stopped = heldFrom || cancelledFrom ? rng.int(10, 120) : 0;
    return REFERENCE_DAY - actual[reached] - into - stopped;
  })();
  const day = (offset: number) => proposedDay + offset;
  const happened = (step: number) => step <= reached;
  const phaseDates = (startStep: number, endStep: number): PhaseDates => ({
    plannedStart: toDate(day(planned[startStep])),
    plannedEnd: toDate(day(planned[endStep])),
    actualStart: happened(startStep) ? toDate(day(actual[startStep])) : null,
    actualEnd: happened(endStep) ? toDate(day(actual[endStep])) : null,
  });
  const schedule: ProjectSchedule = { approved: phaseDates(1, 2) };
  if (!skipsDesign) schedule.design = phaseDates(2, 3);
  schedule.construction = phaseDates(3, 4);

  const mainWorks = (at: number[]) => at[3] + Math.round((at[4] - at[3]) * 0.7);
  const milestone = (name: string, plannedAt: number, actualAt: number, done: boolean): Milestone => ({
    name, planned: toDate(day(plannedAt)), actual: done ? toDate(day(actualAt)) : null,
  });
  const mainWorksDone = reached === 4 || (reached === 3 && day(mainWorks(actual)) < REFERENCE_DAY && !heldFrom);
  const milestones: Milestone[] = [
    milestone('立项批复', planned[1], actual[1], happened(1)),
    ...(skipsDesign ? [] : [milestone('施工图审查', planned[3], actual[3], happened(3))]),
    milestone('开工', planned[3], actual[3], happened(3)),
    milestone('主体完工', mainWorks(planned), mainWorks(actual), mainWorksDone),
    milestone('竣工验收', planned[4], actual[4], happened(4)),
  ];

  const lastStepDay = day(actual[reached]);
  const stopDay = heldFrom || cancelledFrom ? Math.min(REFERENCE_DAY - 1, lastStepDay + rng.int(10, 90)) : lastStepDay;
  const progress = (() => {
    if (standing === 'construction' && phase !== 'cancelled') {
      const share = (Math.min(REFERENCE_DAY, stopDay === lastStepDay ? REFERENCE_DAY : stopDay) - day(actual[3])) / Math.max(1, actual[4] - actual[3]);
      return Math.round(Math.min(95, 20 + 75 * share));
    }
    if (standing === 'design' && phase !== 'cancelled') return rng.int(10, 30);
    return null;
  })();
  return {
    schedule,
    milestones,
    createdOn: toDate(proposedDay),
    updatedOn: toDate(phase === 'on_hold' || phase === 'cancelled' ? stopDay : lastStepDay),
    phaseSince: toDate(phase === 'on_hold' || phase === 'cancelled' ? stopDay : lastStepDay),
    heldFrom,
    progress,
    moves: reached - (skipsDesign && reached >= 3 ? 1 : 0) + (phase === 'on_hold' || phase === 'cancelled' ? 1 : 0),
  };
}
