import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundPMedian } from '../../../core/siting/p-median/p-median-bound.ts';
import { evaluatePMedian } from '../../../core/siting/p-median/p-median-evaluate.ts';
import { solvePMedianHeuristic } from '../../../core/siting/p-median/p-median-heuristic.ts';
import { buildPMedianMip, countPMedianMipNonzeros, pMedianStart, readPMedianMip } from '../../../core/siting/p-median/p-median-mip.ts';
import type { MipModel, MipSolver, SitingInstance } from '../../../core/siting/contract/siting-types.ts';
import { loadHighsSolver } from '../../../server/siting/highs-solver.ts';

const settings = { numRuns: 300, seed: 20_261_125 };

/** Relative slack for comparing sums computed in different orders. */
function near(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) ? 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) : 0;
}

interface Described {
  /** rows[i][j]: candidate i to demand j; Infinity = no path. */
  rows: number[][];
  weights: number[];
  kept?: number[];
  fixed?: number[];
}

function toInstance({ rows, weights, kept, fixed }: Described): SitingInstance {
  const fixedOpen = new Uint8Array(rows.length);
  for (const i of fixed ?? []) fixedOpen[i] = 1;
  return {
    candidateIds: rows.map((_, i) => `c${i}`),
    demandIds: weights.map((_, j) => `d${j}`),
    weights: Float64Array.from(weights),
    distances: Float64Array.from(rows.flat()),
    ...(kept ? { keptDistance: Float64Array.from(kept) } : {}),
    ...(fixed ? { fixedOpen } : {}),
  };
}

function freeCandidates(instance: SitingInstance): number[] {
  return instance.candidateIds.map((_, i) => i).filter((i) => instance.fixedOpen?.[i] !== 1);
}

function* subsetsOf(items: number[], size: number, from = 0, taken: number[] = []): Generator<number[]> {
  if (taken.length === size) {
    yield [...taken];
    return;
  }
  for (let at = from; at <= items.length - (size - taken.length); at += 1) {
    taken.push(items[at]);
    yield* subsetsOf(items, size, at + 1, taken);
    taken.pop();
  }
}

/** The optimum by trying every choice of p free candidates. */
function enumerate(instance: SitingInstance, p: number): { objective: number; chosen: number[] } {
  let best = { objective: Infinity, chosen: [] as number[] };
  for (const chosen of subsetsOf(freeCandidates(instance), p)) {
    const { objective } = evaluatePMedian(instance, chosen);
    if (best.chosen.length < p || objective < best.objective) best = { objective, chosen };
  }
  return best;
}

/** The objective straight from the definition, written independently of evaluatePMedian. */
function objectiveByDefinition(instance: SitingInstance, chosen: readonly number[]): number {
  const demandCount = instance.weights.length;
  const open = [...chosen, ...freeCandidatesFixed(instance)];
  let total = 0;
  for (let j = 0; j < demandCount; j += 1) {
    const distances = instance.candidateIds.map((_, i) => instance.distances![i * demandCount + j]);
    const kept = instance.keptDistance?.[j] ?? Infinity;
    if (Math.min(kept, ...distances) === Infinity || instance.weights[j] === 0) continue;
    total += instance.weights[j] * Math.min(kept, ...open.map((i) => distances[i]));
  }
  return total;
}

function freeCandidatesFixed(instance: SitingInstance): number[] {
  return instance.candidateIds.map((_, i) => i).filter((i) => instance.fixedOpen?.[i] === 1);
}

/** Row activities within their bounds and the objective of a column vector. */
function checkColumns(model: MipModel, values: Float64Array): { feasible: boolean; objective: number } {
  let feasible = values.every((value, column) => value >= model.colLower[column] - 1e-9 && value <= model.colUpper[column] + 1e-9);
  for (let row = 0; row < model.rowLower.length; row += 1) {
    let activity = 0;
    for (let at = model.rowStart[row]; at < model.rowStart[row + 1]; at += 1) activity += model.rowValue[at] * values[model.rowIndex[at]];
    if (activity < model.rowLower[row] - 1e-9 || activity > model.rowUpper[row] + 1e-9) feasible = false;
  }
  const objective = values.reduce((sum, value, column) => sum + model.colCost[column] * value, model.offset);
  return { feasible, objective };
}

/** Small instances with unreachable pairs and demands, kept distances, fixed sites, zero weights. */
const arbitraryCase = fc
  .record({ candidates: fc.integer({ min: 1, max: 8 }), demands: fc.integer({ min: 1, max: 12 }) })
  .chain(({ candidates, demands }) =>
    fc.record({
      rows: fc.array(fc.array(fc.oneof({ arbitrary: fc.constant(Infinity), weight: 1 }, { arbitrary: fc.integer({ min: 0, max: 1000 }), weight: 4 }), { minLength: demands, maxLength: demands }), {
        minLength: candidates,
        maxLength: candidates,
      }),
      weights: fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 50 }), weight: 4 }), { minLength: demands, maxLength: demands }),
      kept: fc.option(fc.array(fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 1200 })), { minLength: demands, maxLength: demands }), { nil: undefined }),
      fixed: fc.option(fc.subarray([...Array(candidates).keys()], { maxLength: Math.max(0, candidates - 1) }), { nil: undefined }),
      pShare: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  )
  .map(({ pShare, ...described }) => {
    const instance = toInstance(described);
    const p = Math.round(pShare * freeCandidates(instance).length);
    return { instance, p };
  });

describe('p-median on small instances, against enumeration', () => {
  it('finds a heuristic answer no better than the optimum and a bound no higher', () => {
    let matched = 0;
    let closedGaps = 0;
    fc.assert(
      fc.property(arbitraryCase, ({ instance, p }) => {
        const optimum = enumerate(instance, p);
        const heuristic = solvePMedianHeuristic(instance, p);
        expect(heuristic.chosen).toHaveLength(p);
        expect(new Set(heuristic.chosen).size).toBe(p);
        expect(heuristic.chosen).toEqual([...heuristic.chosen].sort((a, b) => a - b));
        for (const site of heuristic.chosen) expect(instance.fixedOpen?.[site] ?? 0).toBe(0);
        const evaluation = evaluatePMedian(instance, heuristic.chosen);
        expect(heuristic.objective).toBe(evaluation.objective);
        expect(heuristic.assignment).toEqual(evaluation.assignment);
        expect(heuristic.objective).toBeGreaterThanOrEqual(optimum.objective - near(heuristic.objective, optimum.objective));
        if (heuristic.objective === optimum.objective) matched += 1;
        const bound = boundPMedian(instance, p, heuristic.objective);
        expect(bound).not.toBeNaN();
        if (optimum.objective < Infinity) expect(bound).toBeLessThanOrEqual(optimum.objective + near(bound, optimum.objective));
        expect(bound).toBeLessThanOrEqual(heuristic.objective);
        if (optimum.objective - bound <= 1e-6 * Math.max(1, optimum.objective)) closedGaps += 1;
      }),
      settings,
    );
    console.log(`p-median on ${settings.numRuns} small instances: heuristic optimal on ${matched}, bound equal to the optimum on ${closedGaps}`);
    expect(matched).toBeGreaterThan(0.9 * settings.numRuns);
  });

  it('evaluates objective, assignment, marginal gains and unreachable demands as defined', () => {
    fc.assert(
      fc.property(arbitraryCase, fc.nat(), ({ instance, p }, pick) => {
        const choices = [...subsetsOf(freeCandidates(instance), p)];
        const chosen = choices[pick % choices.length];
        const result = evaluatePMedian(instance, chosen);
        const demandCount = instance.weights.length;
        expect(result.objective).toBe(result.totalWeightedDistance);
        const expected = objectiveByDefinition(instance, chosen);
        if (expected === Infinity) expect(result.objective).toBe(Infinity);
        else expect(Math.abs(result.objective - expected)).toBeLessThanOrEqual(near(result.objective, expected));
        let reachableWeight = 0;
        for (let j = 0; j < demandCount; j += 1) {
          const kept = instance.keptDistance?.[j] ?? Infinity;
          const fromOpen = chosen.map((i) => instance.distances![i * demandCount + j]);
          const fromFixed = freeCandidatesFixed(instance).map((i) => instance.distances![i * demandCount + j]);
          const all = instance.candidateIds.map((_, i) => instance.distances![i * demandCount + j]);
          const unreachable = Math.min(kept, ...all) === Infinity;
          expect(result.unreachable.includes(j)).toBe(unreachable);
          if (!unreachable) reachableWeight += instance.weights[j];
          const fallback = Math.min(kept, ...fromFixed);
          const nearest = Math.min(fallback, ...fromOpen);
          const site = result.assignment[j];
          if (nearest === Infinity) expect(site).toBe(-2);
          else if (fallback <= nearest) expect(site).toBe(-1);
          else expect(instance.distances![site * demandCount + j]).toBe(nearest);
        }
        const mean = reachableWeight > 0 ? result.objective / reachableWeight : 0;
        if (result.objective < Infinity) expect(Math.abs(result.meanWeightedDistance - mean)).toBeLessThanOrEqual(near(mean, result.meanWeightedDistance));
        chosen.forEach((site, k) => {
          const without = objectiveByDefinition(instance, chosen.filter((other) => other !== site));
          const gain = result.marginalGain[k];
          if (without === Infinity && result.objective < Infinity) expect(gain).toBe(Infinity);
          else if (result.objective < Infinity) expect(Math.abs(gain - (without - result.objective))).toBeLessThanOrEqual(near(gain, without));
        });
      }),
      settings,
    );
  });

  it('builds a MIP whose start vector for any choice is feasible exactly when the choice serves everyone, at the same objective', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ instance, p }) => {
        const model = buildPMedianMip(instance, p);
        expect(countPMedianMipNonzeros(instance)).toBe(model.rowIndex.length);
        expect(model.rowStart[model.rowStart.length - 1]).toBe(model.rowIndex.length);
        for (const chosen of subsetsOf(freeCandidates(instance), p)) {
          const start = pMedianStart(instance, p, chosen);
          expect(start).toHaveLength(model.colCost.length);
          const { feasible, objective } = checkColumns(model, start);
          const expected = evaluatePMedian(instance, chosen).objective;
          expect(feasible).toBe(expected < Infinity);
          if (feasible) expect(Math.abs(objective - expected)).toBeLessThanOrEqual(near(objective, expected));
          expect(readPMedianMip(instance, p, start)).toEqual(chosen);
        }
      }),
      { ...settings, numRuns: 150 },
    );
  });

  it('still answers with p sites and a valid bound when told to stop at once, and reports progress up to 1', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ instance, p }) => {
        const optimum = enumerate(instance, p);
        const stopped = solvePMedianHeuristic(instance, p, { shouldStop: () => true });
        expect(new Set(stopped.chosen).size).toBe(p);
        expect(stopped.objective).toBe(evaluatePMedian(instance, stopped.chosen).objective);
        const bound = boundPMedian(instance, p, Infinity, { shouldStop: () => true });
        if (optimum.objective < Infinity) expect(bound).toBeLessThanOrEqual(optimum.objective + near(bound, optimum.objective));
        const fractions: number[] = [];
        solvePMedianHeuristic(instance, p, { onProgress: (fraction) => fractions.push(fraction) });
        expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
        expect(fractions.at(-1)).toBe(1);
      }),
      { ...settings, numRuns: 100 },
    );
  });

  it('refuses a p beyond the candidates that are not fixed', () => {
    const instance = toInstance({ rows: [[1], [2], [3]], weights: [1], fixed: [1] });
    expect(() => solvePMedianHeuristic(instance, 3)).toThrow(RangeError);
    expect(() => boundPMedian(instance, 3, Infinity)).toThrow(RangeError);
    expect(() => buildPMedianMip(instance, -1)).toThrow(RangeError);
    expect(() => solvePMedianHeuristic(instance, 1.5)).toThrow(RangeError);
    expect(() => evaluatePMedian(instance, [1])).toThrow(RangeError);
    expect(solvePMedianHeuristic(instance, 2).chosen).toEqual([0, 2]);
  });
});

describe('p-median, hand-checked', () => {
  // Demands on a line at x = 0, 1, 5, 6 with weights 1, 1, 2, 2; candidates at x = 0, 3, 6.
  const line = { rows: [[0, 1, 5, 6], [3, 2, 2, 3], [6, 5, 1, 0]], weights: [1, 1, 2, 2] };

  it('opens the two ends for p = 2', () => {
    // {0, 2}: 1·0 + 1·1 + 2·1 + 2·0 = 3; {0, 1}: 0 + 1 + 2·2 + 2·3 = 11; {1, 2}: 3 + 2 + 2·1 + 0 = 7.
    const instance = toInstance(line);
    const heuristic = solvePMedianHeuristic(instance, 2);
    expect(heuristic.chosen).toEqual([0, 2]);
    expect(heuristic.objective).toBe(3);
    const evaluation = evaluatePMedian(instance, [0, 2]);
    expect([...evaluation.assignment]).toEqual([0, 0, 2, 2]);
    // Without 0 the rest is served from x = 6: 6 + 5 + 2 + 0 = 13, so 0 saves 10; without 2,
    // from x = 0: 0 + 1 + 10 + 12 = 23, so 2 saves 20. Mean: 3 over a weight of 6.
    expect(evaluation.marginalGain).toEqual([10, 20]);
    expect(evaluation.meanWeightedDistance).toBe(0.5);
    expect(boundPMedian(instance, 2, 3)).toBeLessThanOrEqual(3);
    // p = 1: x = 0 costs 23, x = 3 costs 3 + 2 + 4 + 6 = 15, x = 6 costs 13.
    expect(solvePMedianHeuristic(instance, 1)).toMatchObject({ chosen: [2], objective: 13 });
  });

  it('lets a kept facility serve where it is at least as near, and leaves the unreachable out', () => {
    // A kept facility at x = 6 (distances 6, 5, 1, 0); a fifth demand nothing reaches, weight 100.
    const instance = toInstance({
      rows: [[0, 1, 5, 6, Infinity], [3, 2, 2, 3, Infinity]],
      weights: [1, 1, 2, 2, 100],
      kept: [6, 5, 1, 0, Infinity],
    });
    // {0}: 0 + 1 + 2·min(5, 1) + 0 = 3; {1}: 3 + 2 + 2·1 + 0 = 7.
    const heuristic = solvePMedianHeuristic(instance, 1);
    expect(heuristic).toMatchObject({ chosen: [0], objective: 3 });
    const evaluation = evaluatePMedian(instance, [0]);
    expect([...evaluation.assignment]).toEqual([0, 0, -1, -1, -2]);
    expect(evaluation.unreachable).toEqual([4]);
    // Closed, all go to the kept one: 6 + 5 + 2 + 0 = 13, so site 0 saves 10. Mean over weight 6.
    expect(evaluation.marginalGain).toEqual([10]);
    expect(evaluation.meanWeightedDistance).toBe(0.5);
    expect(boundPMedian(instance, 1, 3)).toBeLessThanOrEqual(3);
    // No new site: everyone at the kept facility.
    expect(boundPMedian(instance, 0, Infinity)).toBe(13);
  });

  it('treats a fixed candidate as open without counting it', () => {
    // Candidate 2 at x = 5 is fixed: 5, 4, 0, 1. {0}: 0 + 1 + 0 + 2·1 = 3; {1}: 3 + 2 + 0 + 2 = 7.
    const instance = toInstance({ rows: [[0, 1, 5, 6], [3, 2, 2, 3], [5, 4, 0, 1]], weights: [1, 1, 2, 2], fixed: [2] });
    expect(solvePMedianHeuristic(instance, 1)).toMatchObject({ chosen: [0], objective: 3 });
    expect([...evaluatePMedian(instance, [0]).assignment]).toEqual([0, 0, -1, -1]);
    expect(boundPMedian(instance, 1, 3)).toBeLessThanOrEqual(3);
  });

  it('reports an infinite objective when p sites cannot reach every demand', () => {
    // Demand 0 only from candidate 0, demand 1 only from candidate 1, one site allowed.
    const instance = toInstance({ rows: [[1, Infinity], [Infinity, 1]], weights: [1, 1] });
    const heuristic = solvePMedianHeuristic(instance, 1);
    expect(heuristic.objective).toBe(Infinity);
    expect([...heuristic.assignment].filter((site) => site === -2)).toHaveLength(1);
    expect(evaluatePMedian(instance, heuristic.chosen).unreachable).toEqual([]);
    expect(solvePMedianHeuristic(instance, 2).objective).toBe(2);
  });
});

const SF_FILE = new URL('../../fixtures/spopt-sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv', import.meta.url);

/** spopt's San Francisco matrix: 16 stores × 205 tracts, tract population as weight. */
function readSanFrancisco(): SitingInstance {
  const [header, ...lines] = readFileSync(SF_FILE, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const [distanceAt, storeAt, tractAt, weightAt] = ['distance', 'name', 'DestinationName', 'demand'].map((name) => columns.indexOf(name));
  const stores = new Map<string, number>();
  const tracts = new Map<string, number>();
  const weights: number[] = [];
  const entries: Array<[number, number, number]> = [];
  for (const line of lines) {
    const cells = line.split(',');
    if (!stores.has(cells[storeAt])) stores.set(cells[storeAt], stores.size);
    if (!tracts.has(cells[tractAt])) {
      tracts.set(cells[tractAt], tracts.size);
      weights.push(Number(cells[weightAt]));
    }
    entries.push([stores.get(cells[storeAt])!, tracts.get(cells[tractAt])!, Number(cells[distanceAt])]);
  }
  const distances = new Float64Array(stores.size * tracts.size).fill(Infinity);
  for (const [store, tract, distance] of entries) distances[store * tracts.size + tract] = distance;
  return { candidateIds: [...stores.keys()], demandIds: [...tracts.keys()], weights: Float64Array.from(weights), distances };
}

describe("p-median on spopt's San Francisco matrix", () => {
  it('finds, with p = 4, an answer between the bound and the optimum of all 1,820 choices', () => {
    const instance = readSanFrancisco();
    expect([instance.candidateIds.length, instance.demandIds.length]).toEqual([16, 205]);
    const optimum = enumerate(instance, 4);
    const started = performance.now();
    const heuristic = solvePMedianHeuristic(instance, 4);
    const bound = boundPMedian(instance, 4, heuristic.objective);
    const names = (chosen: number[]) => chosen.map((i) => instance.candidateIds[i]).join(', ');
    console.log(
      `SF p-median p=4: optimum ${optimum.objective.toFixed(1)} {${names(optimum.chosen)}}; heuristic ${heuristic.objective.toFixed(1)} {${names(heuristic.chosen)}}; ` +
        `bound ${bound.toFixed(1)}; ${(performance.now() - started).toFixed(1)} ms`,
    );
    expect(heuristic.objective).toBeGreaterThanOrEqual(optimum.objective - near(heuristic.objective, optimum.objective));
    expect(bound).toBeLessThanOrEqual(optimum.objective + near(bound, optimum.objective));
    expect(heuristic.objective).toBeGreaterThanOrEqual(bound);
  });
});

describe('p-median MIP solved by HiGHS', () => {
  let solver: MipSolver;
  beforeAll(async () => {
    solver = await loadHighsSolver();
  });

  it('reaches the enumerated optimum on small instances, or finds none when there is none', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ instance, p }) => {
        const optimum = enumerate(instance, p);
        const run = solver.solve(buildPMedianMip(instance, p), { timeLimitS: 10 });
        if (optimum.objective === Infinity) {
          expect(run.status).toBe('infeasible');
          return;
        }
        expect(run.status).toBe('optimal');
        expect(Math.abs(run.objective! - optimum.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, optimum.objective));
        const chosen = readPMedianMip(instance, p, run.values!);
        expect(chosen).toHaveLength(p);
        expect(Math.abs(evaluatePMedian(instance, chosen).objective - optimum.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, optimum.objective));
      }),
      { ...settings, numRuns: 60 },
    );
  });

  it("matches enumeration on San Francisco with p = 4, from the heuristic's start", () => {
    const instance = readSanFrancisco();
    const optimum = enumerate(instance, 4);
    const heuristic = solvePMedianHeuristic(instance, 4);
    const run = solver.solve(buildPMedianMip(instance, 4), { timeLimitS: 30, start: pMedianStart(instance, 4, heuristic.chosen) });
    expect(run.status).toBe('optimal');
    expect(readPMedianMip(instance, 4, run.values!)).toEqual(optimum.chosen);
    expect(Math.abs(run.objective! - optimum.objective)).toBeLessThanOrEqual(1e-6 * optimum.objective);
  });
});
