import { computeCoverage } from '../../../core/analysis/coverage.ts';
import { createPointFacility } from '../../../core/analysis/facility.ts';
import { computeNearestDistances } from '../../../core/analysis/nearest-distance.ts';
import { WhatIfCoverage, type WhatIfStep } from '../../../core/analysis/what-if.ts';
import type { WhatIfInputs } from './what-if-inputs.ts';

export interface Proposal {
  /** The facility's index in the what-if (stable while it exists). */
  id: number;
  /** 1, 2, … in the order placed, for people. */
  number: number;
  lon: number;
  lat: number;
}

export interface TimedStep extends WhatIfStep {
  /** Time the core update took, measured around it in the page. */
  ms: number;
}

/**
 * Proposed facilities on top of a layer's existing ones, kept current by the core's incremental
 * what-if (the same code the server tests against PostGIS). The starting total is computed by
 * that code too, from the same demand and facilities, so it equals the server's coverage.
 */
export class WhatIfSession {
  readonly coverage: WhatIfCoverage;
  readonly baselinePopulation: number;
  readonly totalPopulation: number;
  /** Every core step's time, for the benchmark. */
  readonly stepTimes: number[] = [];
  proposals: Proposal[] = [];
  private readonly cellIndex: Map<number, number>;
  private placed = 0;

  constructor(
    private readonly inputs: WhatIfInputs,
    readonly radius: number,
  ) {
    this.coverage = new WhatIfCoverage(inputs.demand, inputs.facilities, radius);
    this.baselinePopulation = this.coverage.coveredPopulation;
    this.totalPopulation = inputs.demand.population.reduce((sum, population) => sum + population, 0);
    this.cellIndex = new Map(Array.from(inputs.demand.ids, (id, index) => [id, index]));
  }

  get coveredPopulation(): number {
    return this.coverage.coveredPopulation;
  }

  /** People newly covered by all proposals together. */
  get gainedPopulation(): number {
    return this.coverage.coveredPopulation - this.baselinePopulation;
  }

  propose(lon: number, lat: number): TimedStep {
    const step = this.time(() => this.coverage.addFacility(lon, lat));
    this.placed += 1;
    this.proposals = [...this.proposals, { id: step.facility, number: this.placed, lon, lat }];
    return step;
  }

  move(id: number, lon: number, lat: number): TimedStep {
    const step = this.time(() => this.coverage.moveFacility(id, lon, lat));
    this.proposals = this.proposals.map((proposal) => (proposal.id === id ? { ...proposal, lon, lat } : proposal));
    return step;
  }

  remove(id: number): TimedStep {
    const step = this.time(() => this.coverage.removeFacility(id));
    this.proposals = this.proposals.filter((proposal) => proposal.id !== id);
    return step;
  }

  /** Is the population cell (by its id) within the radius of some facility, proposals included? */
  isReached(cellId: number): boolean {
    const index = this.cellIndex.get(cellId);
    return index !== undefined && this.coverage.nearest[index] <= this.radius;
  }

  /**
   * The same answer the slow way: nearest distances from every facility and proposal, then the
   * totals. The benchmark's baseline, and a check that the incremental state is right.
   */
  recomputeFromScratch(): number {
    const facilities = [...this.inputs.facilities, ...this.proposals.map((proposal) => createPointFacility(proposal.lon, proposal.lat))];
    const distances = computeNearestDistances(this.inputs.demand, facilities, this.radius);
    return computeCoverage(this.inputs.demand, distances, this.radius).coveredPopulation;
  }

  private time(update: () => WhatIfStep): TimedStep {
    const started = performance.now();
    const step = update();
    const ms = performance.now() - started;
    this.stepTimes.push(ms);
    return { ...step, ms };
  }
}
