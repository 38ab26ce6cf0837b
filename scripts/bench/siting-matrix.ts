/**
 * A supplied cost matrix (`npm run bench -- siting-matrix`, and within `siting`): a 1,000 × 2,000
 * MCLP, the size of the PuLP + CBC comparison, as the API receives it — reading the ~13 MB JSON
 * body, checking it, building the instance — beside the solve itself. Reading and checking
 * should not take longer than solving. Timed both ways: JSON.parse of the whole body with the
 * request schema (the way it was, and still the way for a body without a matrix), and the
 * route's reader, which scans the matrix straight from the bytes (server/siting/read-siting-body.ts).
 * The binary body (one line of JSON, then float64) is timed beside them. The per-cell schema
 * the distances once had is timed too, for the record.
 */
import { z } from 'zod';
import { createSeededRandom } from '../../core/seeded-random.ts';
import { sitingRequestSchema, solveSiting, type MipSolver } from '../../core/siting/index.ts';
import { loadHighsSolver } from '../../server/siting/highs-solver.ts';
import { parseBinarySitingRequest, parseSitingRequest } from '../../server/siting/read-siting-body.ts';
import { buildSuppliedMatrixProblem } from '../../server/siting/matrix-problem.ts';
import { formatMs, heading, median, report } from './measure.ts';

const CANDIDATES = 1_000;
const DEMANDS = 2_000;
const RADIUS_M = 600;

/** Points over a 12 km square, distances 1.2–1.5 × the straight line, to 0.1 m. */
function buildMatrixBody(): string {
  const next = createSeededRandom(2026);
  const place = (count: number) => Array.from({ length: count }, () => [next() * 12_000, next() * 12_000]);
  const candidates = place(CANDIDATES);
  const demands = place(DEMANDS);
  return JSON.stringify({
    model: 'mclp',
    p: 20,
    radius: RADIUS_M,
    method: 'auto',
    timeLimit: 30,
    costMatrix: {
      candidates: candidates.map((_, i) => `c${i}`),
      demands: demands.map((_, j) => ({ id: `d${j}`, weight: 1 + Math.floor(next() * 400) })),
      distances: candidates.map(([cx, cy]) => demands.map(([dx, dy]) => Math.round(Math.hypot(cx - dx, cy - dy) * (1.2 + 0.3 * next()) * 10) / 10)),
    },
  });
}

const timed = <T>(task: () => T): { ms: number; value: T } => {
  const started = performance.now();
  const value = task();
  return { ms: performance.now() - started, value };
};

export function benchSuppliedMatrix(solver: MipSolver, baseline: number): void {
  const text = buildMatrixBody();
  const bytes = new TextEncoder().encode(text);
  heading(`supplied cost matrix: MCLP ${CANDIDATES.toLocaleString('en-GB')} × ${DEMANDS.toLocaleString('en-GB')}, p = 20, ${RADIUS_M} m (${(bytes.length / 1e6).toFixed(1)} MB of JSON)`);
  const plain = Array.from({ length: 3 }, () => {
    const parse = timed(() => JSON.parse(text) as unknown);
    const check = timed(() => sitingRequestSchema.parse(parse.value));
    return { parseMs: parse.ms, checkMs: check.ms };
  });
  const scanned = Array.from({ length: 5 }, () => {
    const read = timed(() => parseSitingRequest(bytes));
    const build = timed(() => buildSuppliedMatrixProblem(read.value));
    return { readMs: read.ms, buildMs: build.ms, problem: build.value };
  });
  // The binary body of the same request: one line of JSON, then the distances as float64.
  const { costMatrix, ...options } = JSON.parse(text) as { costMatrix: { distances: (number | null)[][] } };
  const { distances: rows, ...names } = costMatrix;
  const line = new TextEncoder().encode(`${JSON.stringify({ ...options, costMatrix: names })}\n`);
  const compactBytes = new Uint8Array(line.length + rows.length * rows[0].length * 8);
  compactBytes.set(line);
  const flatView = new DataView(compactBytes.buffer);
  rows.flat().forEach((distance, index) => flatView.setFloat64(line.length + index * 8, distance ?? Infinity, true));
  const compactMs = median(Array.from({ length: 5 }, () => timed(() => parseBinarySitingRequest(compactBytes)).ms));
  const parseMs = median(plain.map((run) => run.parseMs));
  const checkMs = median(plain.map((run) => run.checkMs));
  const readMs = median(scanned.map((run) => run.readMs));
  const buildMs = median(scanned.map((run) => run.buildMs));
  const perCell = z.array(z.array(z.number().nonnegative().finite().nullable()));
  const distances = (JSON.parse(text) as { costMatrix: { distances: unknown } }).costMatrix.distances;
  const perCellMs = timed(() => perCell.parse(distances)).ms;
  // The solve is the yardstick of the targets below: a median too, not one run on a busy machine.
  const solves = Array.from({ length: 3 }, () => timed(() => solveSiting(scanned[0].problem.instance, { model: 'mclp', p: 20, method: 'auto', timeLimitS: 30 }, solver)));
  const solve = { ms: median(solves.map((run) => run.ms)), value: solves[0].value };
  const intakeMs = readMs + buildMs;
  report('plain: JSON.parse of the whole body, median of 3', formatMs(parseMs), parseMs / baseline);
  report('plain: request schema (distances by a plain loop)', formatMs(checkMs), checkMs / baseline);
  report('  the same distances by a per-cell zod schema', formatMs(perCellMs), perCellMs / baseline);
  report('the route: matrix scanned from the bytes, rest parsed, median of 5', formatMs(readMs), readMs / baseline);
  report(`the route, binary body (${(compactBytes.length / 1e6).toFixed(1)} MB, float64), median of 5`, formatMs(compactMs), compactMs / baseline);
  report('checks and instance (coverage lists)', formatMs(buildMs), buildMs / baseline);
  report(`solve (auto): ${solve.value.status}, ${solve.value.method}, median of 3`, formatMs(solve.ms), solve.ms / baseline);
  report('reading ÷ the plain JSON.parse + schema', `×${(readMs / (parseMs + checkMs)).toFixed(2)}`);
  report('reading + checking + building ÷ solving (JSON rows)', `×${(intakeMs / solve.ms).toFixed(2)}`, undefined, `≤ ×1 ${intakeMs <= solve.ms ? 'met' : 'MISSED'}`);
  const compactIntakeMs = compactMs + buildMs;
  report('the same, binary body', `×${(compactIntakeMs / solve.ms).toFixed(2)}`, undefined, `≤ ×1 ${compactIntakeMs <= solve.ms ? 'met' : 'MISSED'}`);
}

/**
 * `npm run bench -- siting-matrix` alone. Its baseline is a fixed piece of work of the same kind
 * measured in the same run: JSON.parse of a 4 MB array of numbers.
 */
export async function benchSitingMatrix(): Promise<void> {
  const solver = await loadHighsSolver();
  const next = createSeededRandom(7);
  const numbers = JSON.stringify(Array.from({ length: 500_000 }, () => Math.round(next() * 1e5) / 10));
  const baseline = median(Array.from({ length: 5 }, () => timed(() => JSON.parse(numbers) as unknown).ms));
  heading('siting-matrix baseline: JSON.parse of 500,000 numbers (4 MB)');
  report('JSON.parse, median of 5', formatMs(baseline));
  benchSuppliedMatrix(solver, baseline);
}
