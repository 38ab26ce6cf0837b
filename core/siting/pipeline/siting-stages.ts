import type { MipModel, SitingModel, SitingSolution } from '../contract/siting-types.ts';
import type { SitingRun } from './siting-run.ts';

export type SitingMethod = SitingSolution['method'];

/** What the final objective and the best bound support: the status, the bound and the gap. */
export interface SettledBound {
  status: SitingSolution['status'];
  bound: number;
  proven: boolean;
  gap: number | null;
}

/** A result's model-specific part: everything but model, status, method, gap, objective, bound and notes. */
export type SolutionDetails = Omit<SitingSolution, 'model' | 'status' | 'method' | 'gap' | 'objective' | 'bound' | 'notes'>;

/** The exact stage: a MIP of the model, handed to the solver when the policy says so. */
export interface ExactStage<Answer> {
  /** False when there is nothing for a MIP to do; the policy is then not even consulted. */
  applies?: boolean;
  /** Matrix nonzeros of the MIP, known before building it, and the largest that `auto` tries. */
  nonzeros(): number;
  autoLimit: number;
  /** The share of the progress bar the MIP run spans. */
  from: number;
  to: number;
  build(): MipModel;
  /** The columns of an answer, as the solver's start, so that it never ends with less. */
  start(answer: Answer): Float64Array | undefined;
  /** The solver's columns as an answer; undefined when they are of no use (the answer stays). */
  read(values: Float64Array): Answer | undefined;
  /** The solver's bound in the objective's units, when it needs more than taking as is. */
  readBound?(bound: number): number;
}

/**
 * What one model hands the siting pipeline (run-siting-pipeline.ts): its stages, in the order
 * they run. `Answer` is the model's own working solution (sites in its reduced indices, with
 * whatever it keeps to compare them); `Evaluation` is the final answer measured on the caller's
 * instance. The pipeline owns the policy: when the exact solver runs, what its answer and bound
 * replace, the notes saying so and the progress between the stages.
 */
export interface SitingStages<Answer, Evaluation extends { objective: number }> {
  model: SitingModel;
  /** maximize: the bound is an upper one (covering); minimize: a lower one. */
  sense: 'maximize' | 'minimize';
  /** The notes so far (e.g. the instance's reductions); the pipeline adds its own. */
  notes: string[];
  /** Progress fractions at which the heuristic starts (omitted when it reports its own), the
   * bound starts, and the bound is done (omitted: no report). */
  progress: { heuristic?: number; bound: number; boundDone?: number };
  /** How the notes name the bound the heuristic may meet ("the Lagrangian bound"). */
  boundName: string;
  solveHeuristically(run: SitingRun): Answer;
  /** An answer's objective, in the result's units: what progress reports as the incumbent. */
  objectiveOf(answer: Answer): number;
  isBetter(candidate: Answer, incumbent: Answer): boolean;
  /** A proven bound, and the answer improved by what bounding found on the way. */
  bound(answer: Answer, run: SitingRun): { answer: Answer; bound: number };
  /** A tighter bound to compute when the gap is open and no MIP will supply one. */
  boundWithoutExact?(answer: Answer, run: SitingRun): number;
  exact: ExactStage<Answer>;
  evaluate(answer: Answer): Evaluation;
  settle(evaluation: Evaluation, bound: number, proven: boolean): SettledBound;
  /** The rest of the result (sites with their gains, coverage, the curve…); `brief` leaves out
   * what takes solving again (the curve), for an answer kept while the run goes on. */
  describe(answer: Answer, evaluation: Evaluation, settled: SettledBound, method: SitingMethod, run: SitingRun, brief: boolean): SolutionDetails;
}
