import { OPTIMALITY_TOLERANCE, SitingCancelled, type MipSolveOptions, type SitingProgress, type SitingSolveOptions } from '../contract/siting-types.ts';

/** Progress and cancellation of one solve: fractions never go backwards, stops throw. */
export class SitingRun {
  private fraction = 0;
  private readonly startedMs = performance.now();

  constructor(private readonly options: SitingSolveOptions) {}

  /**
   * What is left of the time limit for the exact solver. The limit is for the whole solve (the
   * heuristic, the bound and building the model come out of it), so a caller asking for 30 s
   * gets an answer in about 30 s; the solver always gets a little time to report what it has.
   */
  remainingS(timeLimitS: number): number {
    // 5 % is kept back for what follows the solver: reading and checking its answer.
    return Math.max(0.2, timeLimitS * 0.95 - (performance.now() - this.startedMs) / 1000);
  }

  get shouldStop(): () => boolean {
    return () => this.options.shouldStop?.() === true;
  }

  get stopRequested(): boolean {
    return this.options.shouldStop?.() === true;
  }

  /** Throws SitingCancelled when the caller asked to stop. */
  checkStop(): void {
    if (this.options.shouldStop?.()) throw new SitingCancelled();
  }

  report(phase: SitingProgress['phase'], fraction: number, values: { incumbent?: number; bound?: number } = {}): void {
    this.checkStop();
    this.fraction = Math.max(this.fraction, Math.min(1, fraction));
    this.options.onProgress?.({ phase, fraction: this.fraction, ...definedOnly(values) });
  }

  /** MIP progress mapped onto [from, to] by the share of the time limit used. */
  mipProgress(from: number, to: number, timeLimitS: number): MipSolveOptions['onProgress'] {
    return ({ incumbent, bound, runningS }) => {
      const share = timeLimitS > 0 ? Math.min(1, runningS / timeLimitS) : 1;
      this.fraction = Math.max(this.fraction, from + (to - from) * share);
      this.options.onProgress?.({ phase: 'exact', fraction: this.fraction, ...definedOnly({ incumbent, bound }) });
    };
  }
}

function definedOnly(values: { incumbent?: number; bound?: number }): { incumbent?: number; bound?: number } {
  const out: { incumbent?: number; bound?: number } = {};
  if (values.incumbent !== undefined && Number.isFinite(values.incumbent)) out.incumbent = values.incumbent;
  if (values.bound !== undefined && Number.isFinite(values.bound)) out.bound = values.bound;
  return out;
}

/** The contract's gap: |objective − bound| / max(|objective|, tiny). */
export function relativeGap(objective: number, bound: number): number {
  if (objective === bound) return 0;
  return Math.abs(objective - bound) / Math.max(Math.abs(objective), 1e-9);
}

/**
 * A bound "closes" the gap when it is within the optimality tolerance (relative) of the
 * objective: the same tolerance the MIP solver is given, so an answer the solver would call
 * optimal is not reported as "feasible, gap 0.000005 %" because the bound came from elsewhere.
 */
export function gapIsClosed(objective: number, bound: number): boolean {
  return Math.abs(objective - bound) <= OPTIMALITY_TOLERANCE * Math.max(1, Math.abs(objective));
}

/** The number of new sites, checked: models with p need a positive integer. */
export function readP(options: SitingSolveOptions): number {
  const p = options.p;
  if (p === undefined || !Number.isInteger(p) || p < 1) throw new RangeError(`the ${options.model} model needs p, a whole number of new sites ≥ 1`);
  return p;
}
