import loadHighs from 'highs';
import { OPTIMALITY_TOLERANCE, type MipModel, type MipRun, type MipSolveOptions, type MipSolver } from '../../core/siting/index.ts';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type HighsModel = ReturnType<Highs['createModel']>;

/** The WebAssembly module is compiled once per process; every solver shares it. */
let loading: Promise<Highs> | undefined;

/** The solver, and whether it has aborted: its WebAssembly instance must then be replaced. */
export interface HighsMipSolver extends MipSolver {
  readonly broken: boolean;
}

/**
 * The MIP solver behind the siting orchestrator: HiGHS compiled to WebAssembly. Loading is
 * asynchronous, solving synchronous (the orchestrator runs in a worker or a job). A run that
 * throws (HiGHS aborts, e.g. at its own time limit on large p-medians) leaves the instance's
 * memory in an unknown state: the solver is then `broken`, and the next load makes a new one.
 */
export async function loadHighsSolver(): Promise<HighsMipSolver> {
  loading ??= loadHighs();
  let highs: Highs;
  try {
    highs = await loading;
  } catch (error) {
    // A failed load must not poison every later attempt.
    loading = undefined;
    throw error;
  }
  let broken = false;
  return {
    get broken() {
      return broken;
    },
    solve(model, options) {
      if (broken) return { status: 'failed' };
      const run = solveWithHighs(highs, model, options);
      if (run.threw) {
        broken = true;
        loading = undefined;
      }
      return run.result;
    },
  };
}

function solveWithHighs(highs: Highs, mip: MipModel, options: MipSolveOptions): { result: MipRun; threw?: boolean } {
  const columnCount = mip.colCost.length;
  const rowCount = mip.rowLower.length;
  const isMip = mip.integrality.some((flag) => flag !== 0);
  let model: HighsModel | undefined;
  try {
    model = highs.createModel({
      numCols: columnCount,
      numRows: rowCount,
      sense: mip.sense === 'maximize' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      offset: mip.offset,
      colCost: mip.colCost,
      colLower: toHighsInfinity(highs, mip.colLower),
      colUpper: toHighsInfinity(highs, mip.colUpper),
      rowLower: toHighsInfinity(highs, mip.rowLower),
      rowUpper: toHighsInfinity(highs, mip.rowUpper),
      matrix: { format: 'csr', numRows: rowCount, numCols: columnCount, starts: mip.rowStart, indices: mip.rowIndex, values: mip.rowValue },
      ...(isMip ? { integrality: mip.integrality } : {}),
    });
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.01, options.timeLimitS),
      // Covering and location objectives are sums of weights: prove optimality to our tolerance
      // (the one the result's status uses), not HiGHS's default 1e-4.
      mip_rel_gap: OPTIMALITY_TOLERANCE,
      mip_abs_gap: 1e-6,
    });
    if (options.start && isMip) model.setSolution({ colValue: options.start });
    const { callbackType } = highs.constants;
    const report = (data: { mip_primal_bound?: number; mip_dual_bound?: number; running_time?: number }) => {
      options.onProgress?.({ incumbent: finiteOrUndefined(data.mip_primal_bound), bound: finiteOrUndefined(data.mip_dual_bound), runningS: data.running_time ?? 0 });
    };
    const result = model.run({
      [callbackType.mipInterrupt](event) {
        if (options.shouldStop?.()) event.interrupt();
      },
      [callbackType.simplexInterrupt](event) {
        if (options.shouldStop?.()) event.interrupt();
      },
      [callbackType.mipImprovingSolution](event) {
        report(event.data);
      },
      [callbackType.mipLogging](event) {
        report(event.data);
      },
    });
    return { result: readRun(highs, model, result.modelStatus, isMip, columnCount) };
  } catch {
    // The caller falls back to its heuristic answer; a solver failure is not the user's error.
    return { result: { status: 'failed' }, threw: true };
  } finally {
    try {
      model?.dispose();
    } catch {
      // An aborted instance may fail to free; it is discarded anyway.
    }
  }
}

function readRun(highs: Highs, model: HighsModel, modelStatus: number, isMip: boolean, columnCount: number): MipRun {
  const codes = highs.constants.modelStatus;
  const status: MipRun['status'] =
    modelStatus === codes.optimal || modelStatus === codes.empty
      ? 'optimal'
      : modelStatus === codes.timeLimit || modelStatus === codes.iterationLimit || modelStatus === codes.solutionLimit
        ? 'time_limit'
        : modelStatus === codes.interrupted
          ? 'interrupted'
          : modelStatus === codes.infeasible
            ? 'infeasible'
            : 'failed';
  if (status === 'infeasible' || status === 'failed') return { status };
  const hasSolution = Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
  const values = hasSolution ? model.getSolution().colValue.slice(0, columnCount) : undefined;
  const objective = hasSolution ? model.getObjectiveValue() : undefined;
  // An LP's optimum is its own bound; a MIP reports the best proven dual bound.
  const bound = isMip ? finiteOrUndefined(Number(model.info.get('mip_dual_bound'))) : status === 'optimal' ? objective : undefined;
  return { status, values, objective, bound };
}

function toHighsInfinity(highs: Highs, values: Float64Array): Float64Array {
  if (values.every(Number.isFinite)) return values;
  return values.map((value) => (value === Infinity ? highs.infinity : value === -Infinity ? -highs.infinity : value));
}

function finiteOrUndefined(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && Math.abs(value) < 1e29 ? value : undefined;
}
