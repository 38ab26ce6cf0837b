/**
 * The life of a project (WORKFLOW.md, "Project"), enforced on the server and offered by the
 * client as the next steps:
 *   proposed → approved (入库) → design → construction → completed
 *   approved may go straight to construction (a small project needs no design phase);
 *   any open phase → on_hold (paused) → back to the phase it left, or cancelled;
 *   any open phase → cancelled (final);
 *   completed → construction: undoing a completion (the commission's correction).
 */
export const PROJECT_PHASES = ['proposed', 'approved', 'design', 'construction', 'completed', 'on_hold', 'cancelled'] as const;
export type ProjectPhase = (typeof PROJECT_PHASES)[number];

/** The phases a project passes through in order; on_hold and cancelled step outside it. */
export const MAIN_PHASES = ['proposed', 'approved', 'design', 'construction', 'completed'] as const;
export type MainPhase = (typeof MAIN_PHASES)[number];

/** A held project remembers the phase it left; these are the phases one may hold. */
export type HoldablePhase = Exclude<MainPhase, 'completed'>;

const FORWARD: Readonly<Record<MainPhase, readonly ProjectPhase[]>> = {
  proposed: ['approved', 'on_hold', 'cancelled'],
  approved: ['design', 'construction', 'on_hold', 'cancelled'],
  design: ['construction', 'on_hold', 'cancelled'],
  construction: ['completed', 'on_hold', 'cancelled'],
  completed: ['construction'],
};

/**
 * The phases a project may move to next. A held project resumes only to the phase it left
 * (`heldFrom`), or is cancelled; a cancelled project is closed for good.
 */
export function allowedProjectTransitions(from: ProjectPhase, heldFrom?: HoldablePhase | null): readonly ProjectPhase[] {
  if (from === 'cancelled') return [];
  if (from === 'on_hold') return heldFrom ? [heldFrom, 'cancelled'] : ['cancelled'];
  return FORWARD[from];
}

export function canTransitionProject(from: ProjectPhase, to: ProjectPhase, heldFrom?: HoldablePhase | null): boolean {
  return allowedProjectTransitions(from, heldFrom).includes(to);
}

/** Moving a completed project back undoes its completion (facility out, demands reopened). */
export function isCompletionUndo(from: ProjectPhase, to: ProjectPhase): boolean {
  return from === 'completed' && to === 'construction';
}

/** Phases in which nothing more is scheduled: their planned dates no longer make a project late. */
export function isClosedPhase(phase: ProjectPhase): boolean {
  return phase === 'completed' || phase === 'cancelled';
}

/** Where a project stands in the main order; a held project stands where it left. */
export function phaseRank(phase: ProjectPhase, heldFrom?: HoldablePhase | null): number {
  if (phase === 'on_hold') return heldFrom ? MAIN_PHASES.indexOf(heldFrom) : 0;
  if (phase === 'cancelled') return MAIN_PHASES.length;
  return MAIN_PHASES.indexOf(phase);
}

/**
 * Progress when none is recorded, by phase: the share of the work a project in that phase has
 * usually done (design is cheap, construction is most of it).
 */
export const DEFAULT_PROGRESS: Readonly<Record<MainPhase, number>> = {
  proposed: 0,
  approved: 5,
  design: 15,
  construction: 40,
  completed: 100,
};

/**
 * Who moves a project on. The commission and the administrator move any project anywhere; a
 * town office or planner only withdraws its own proposal (proposed → cancelled). The route
 * checks the area too.
 */
export const PHASE_MANAGERS = ['commission', 'admin'] as const;

export function mayMoveProject(role: string, from: ProjectPhase, to: ProjectPhase): boolean {
  if ((PHASE_MANAGERS as readonly string[]).includes(role)) return true;
  return (role === 'town' || role === 'planner') && from === 'proposed' && to === 'cancelled';
}
