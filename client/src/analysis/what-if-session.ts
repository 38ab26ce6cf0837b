import { computeCoverage } from '../../../core/analysis/coverage.ts';
import { createPointFacility } from '../../../core/analysis/facility.ts';
import { computeNearestDistances } from '../../../core/analysis/nearest-distance.ts';
import { computeNetworkDistances } from '../../../core/analysis/network-distance.ts';
import { NetworkWhatIf } from '../../../core/analysis/network-what-if.ts';
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

/** A community's residents newly covered by the proposals together. */
export interface CommunityGain {
  index: number;
  code: string;
  name: string;
  gained: number;
  population: number;
}

/**
 * Proposed facilities on top of a layer's existing ones, kept current by the core's incremental
 * what-if: straight-line (WhatIfCoverage) or along the walking network (NetworkWhatIf), the same
 * code the server's coverage uses. The starting total is computed by that code too, from the
 * same demand, facilities and network, so it equals the server's coverage.
 */
export class WhatIfSession {
  readonly coverage: WhatIfCoverage | NetworkWhatIf;
  /** Covered residents per community before any proposal. */
  private readonly baselineCommunity: Float64Array;
  private readonly communityPopulation: Float64Array;
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
    this.coverage = inputs.network
      ? new NetworkWhatIf(inputs.network.snapper, inputs.demand, inputs.network.demandSnaps, inputs.facilities, radius)
      : new WhatIfCoverage(inputs.demand, inputs.facilities, radius);
    this.baselinePopulation = this.coverage.coveredPopulation;
    this.baselineCommunity = Float64Array.from(this.coverage.communityCovered);
    this.communityPopulation = new Float64Array(inputs.demand.communities.length);
    inputs.demand.community.forEach((community, cell) => (this.communityPopulation[community] += inputs.demand.population[cell]));
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

  get mode(): 'euclidean' | 'network' {
    return this.inputs.network ? 'network' : 'euclidean';
  }

  /** The communities the proposals gain residents in, most first. */
  communityGains(): CommunityGain[] {
    const gains: CommunityGain[] = [];
    this.coverage.communityCovered.forEach((covered, index) => {
      const gained = Math.round(covered - this.baselineCommunity[index]);
      if (gained === 0) return;
      const { code, name } = this.inputs.demand.communities[index];
      gains.push({ index, code, name, gained, population: this.communityPopulation[index] });
    });
    return gains.sort((a, b) => b.gained - a.gained || a.code.localeCompare(b.code));
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
    const { network } = this.inputs;
    const distances = network
      ? computeNetworkDistances(network.snapper, this.inputs.demand, network.demandSnaps, facilities, this.radius).distances
      : computeNearestDistances(this.inputs.demand, facilities, this.radius);
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
