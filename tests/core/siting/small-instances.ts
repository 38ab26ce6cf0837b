import fc from 'fast-check';
import type { SitingInstance } from '../../../core/siting/contract/siting-types.ts';
import type { SmallCovering } from './brute-force.ts';

/** Weights with the awkward cases in: zero, fractions, equal values. */
const weight = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 }), fc.constantFrom(0.5, 2.25, 7.75));

/** True with the given chance in percent. (fast-check's doubles crowd at 0 and 1, so they
 * would make nearly every flag true.) */
const chance = (percent: number) => fc.integer({ min: 0, max: 99 }).map((draw) => draw < percent);

/** Small covering instances (≤ 8 candidates × ≤ 12 demands), with pre-covered demands and fixed sites. */
export function arbitraryCovering(options: { capacitated?: boolean; fixedAndPreCovered?: boolean } = {}): fc.Arbitrary<SmallCovering> {
  return fc
    .record({ candidates: fc.integer({ min: 1, max: 8 }), demands: fc.integer({ min: 1, max: 12 }), density: fc.integer({ min: 10, max: 70 }) })
    .chain(({ candidates, demands, density }) =>
      fc.record({
        candidates: fc.constant(candidates),
        demands: fc.constant(demands),
        weights: fc.array(weight, { minLength: demands, maxLength: demands }),
        covers: fc.array(fc.array(chance(density), { minLength: demands, maxLength: demands }), {
          minLength: candidates,
          maxLength: candidates,
        }),
        preCovered: options.fixedAndPreCovered === false ? fc.constant(Array<boolean>(demands).fill(false)) : fc.array(chance(12), { minLength: demands, maxLength: demands }),
        fixed: options.fixedAndPreCovered === false ? fc.constant(Array<boolean>(candidates).fill(false)) : fc.array(chance(15), { minLength: candidates, maxLength: candidates }),
        capacities: options.capacitated ? fc.array(fc.constantFrom(3, 5, 10, 20, 40, 7.5), { minLength: candidates, maxLength: candidates }) : fc.constant(undefined),
      }),
    )
    .map((instance) => (instance.capacities ? instance : { ...instance, capacities: undefined }));
}

export function toSitingInstance(small: SmallCovering): SitingInstance {
  const start = new Int32Array(small.candidates + 1);
  const demand: number[] = [];
  for (let i = 0; i < small.candidates; i += 1) {
    small.covers[i].forEach((covers, j) => {
      if (covers) demand.push(j);
    });
    start[i + 1] = demand.length;
  }
  return {
    candidateIds: Array.from({ length: small.candidates }, (_, i) => `c${i}`),
    demandIds: Array.from({ length: small.demands }, (_, j) => `d${j}`),
    weights: Float64Array.from(small.weights),
    cover: { start, demand: Int32Array.from(demand) },
    preCovered: Uint8Array.from(small.preCovered, Number),
    fixedOpen: Uint8Array.from(small.fixed, Number),
    ...(small.capacities ? { capacities: Float64Array.from(small.capacities) } : {}),
  };
}

export interface SmallPMedian {
  distance: number[][];
  weights: number[];
  kept: number[];
  fixed: boolean[];
}

const metres = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 5000 }) }, { weight: 1, arbitrary: fc.constant(Infinity) });

export const arbitraryPMedian: fc.Arbitrary<SmallPMedian> = fc
  .record({ candidates: fc.integer({ min: 2, max: 8 }), demands: fc.integer({ min: 1, max: 12 }), kept: fc.boolean() })
  .chain(({ candidates, demands, kept }) =>
    fc.record({
      distance: fc.array(fc.array(metres, { minLength: demands, maxLength: demands }), { minLength: candidates, maxLength: candidates }),
      weights: fc.array(weight, { minLength: demands, maxLength: demands }),
      kept: kept ? fc.array(metres, { minLength: demands, maxLength: demands }) : fc.constant(Array<number>(demands).fill(Infinity)),
      fixed: fc.array(chance(15), { minLength: candidates, maxLength: candidates }),
    }),
  );

export function toPMedianInstance(small: SmallPMedian): SitingInstance {
  const candidates = small.distance.length;
  const demands = small.weights.length;
  const distances = new Float64Array(candidates * demands);
  small.distance.forEach((row, i) => row.forEach((value, j) => (distances[i * demands + j] = value)));
  const keptDistance = Float64Array.from(small.kept);
  small.fixed.forEach((fixed, i) => {
    if (fixed) for (let j = 0; j < demands; j += 1) keptDistance[j] = Math.min(keptDistance[j], small.distance[i][j]);
  });
  return {
    candidateIds: Array.from({ length: candidates }, (_, i) => `c${i}`),
    demandIds: Array.from({ length: demands }, (_, j) => `d${j}`),
    weights: Float64Array.from(small.weights),
    distances,
    keptDistance,
    fixedOpen: Uint8Array.from(small.fixed, Number),
  };
}
