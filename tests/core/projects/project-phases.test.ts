import { describe, expect, it } from 'vitest';
import {
  MAIN_PHASES,
  PROJECT_PHASES,
  allowedProjectTransitions,
  canTransitionProject,
  isCompletionUndo,
  mayMoveProject,
  type HoldablePhase,
  type ProjectPhase,
} from '../../../core/projects/project-phases.ts';

describe('the project phase machine', () => {
  it('walks the main order, with design optional', () => {
    expect(allowedProjectTransitions('proposed')).toEqual(['approved', 'on_hold', 'cancelled']);
    expect(canTransitionProject('approved', 'design')).toBe(true);
    expect(canTransitionProject('approved', 'construction')).toBe(true);
    expect(canTransitionProject('design', 'construction')).toBe(true);
    expect(canTransitionProject('construction', 'completed')).toBe(true);
  });

  it('never jumps ahead or back except to undo a completion', () => {
    expect(canTransitionProject('proposed', 'construction')).toBe(false);
    expect(canTransitionProject('proposed', 'completed')).toBe(false);
    expect(canTransitionProject('design', 'approved')).toBe(false);
    expect(canTransitionProject('construction', 'design')).toBe(false);
    expect(allowedProjectTransitions('completed')).toEqual(['construction']);
    expect(isCompletionUndo('completed', 'construction')).toBe(true);
    expect(isCompletionUndo('design', 'construction')).toBe(false);
  });

  it('resumes a held project only to the phase it left', () => {
    for (const left of ['proposed', 'approved', 'design', 'construction'] as HoldablePhase[]) {
      expect(canTransitionProject(left, 'on_hold')).toBe(true);
      expect(allowedProjectTransitions('on_hold', left)).toEqual([left, 'cancelled']);
      for (const other of MAIN_PHASES.filter((phase) => phase !== left)) expect(canTransitionProject('on_hold', other, left)).toBe(false);
    }
    expect(canTransitionProject('completed', 'on_hold')).toBe(false);
  });

  it('closes a cancelled project for good, and every phase can be left except that one', () => {
    expect(allowedProjectTransitions('cancelled')).toEqual([]);
    for (const phase of PROJECT_PHASES.filter((p) => p !== 'cancelled')) {
      expect(allowedProjectTransitions(phase, phase === 'on_hold' ? 'design' : null).length).toBeGreaterThan(0);
    }
  });

  it('reaches completion from a proposal along allowed moves only', () => {
    const path: ProjectPhase[] = ['proposed', 'approved', 'construction', 'on_hold', 'construction', 'completed'];
    let held: HoldablePhase | null = null;
    for (let step = 1; step < path.length; step += 1) {
      const [from, to] = [path[step - 1], path[step]];
      expect(canTransitionProject(from, to, held), `${from} → ${to}`).toBe(true);
      held = to === 'on_hold' ? (from as HoldablePhase) : null;
    }
  });

  it('lets towns and planners only withdraw a proposal; the commission moves anything', () => {
    expect(mayMoveProject('town', 'proposed', 'cancelled')).toBe(true);
    expect(mayMoveProject('planner', 'proposed', 'cancelled')).toBe(true);
    expect(mayMoveProject('town', 'proposed', 'approved')).toBe(false);
    expect(mayMoveProject('planner', 'construction', 'cancelled')).toBe(false);
    expect(mayMoveProject('inspector', 'proposed', 'cancelled')).toBe(false);
    expect(mayMoveProject('commission', 'construction', 'completed')).toBe(true);
    expect(mayMoveProject('admin', 'completed', 'construction')).toBe(true);
  });
});
