import type { DemandSet } from './demand-set.ts';
import { createPointFacility, type Facility } from './facility.ts';
import { computeNetworkDistances, type SnapTable } from './network-distance.ts';
import type { NetworkSnapper } from './network-snap.ts';
import { settleCoveredCells, type WhatIfStep } from './what-if.ts';

/**
 * Walking-network coverage that follows proposed facilities as they are placed, moved and
 * removed: the network counterpart of WhatIfCoverage, with the same steps. The existing
 * facilities' distances are computed once (the same function as the server's network coverage);
 * each proposal keeps the cells it reaches within the radius, from one search bounded by the
 * radius, so a step costs that search and the cells it reaches, and removing a proposal looks
 * again only at its own cells. Existing facilities stay where they are (ids below `existing`).
 */
export class NetworkWhatIf {
  readonly nearest: Float64Array;
  readonly communityCovered: Float64Array;
  coveredPopulation = 0;
  /** Ids below this are the existing facilities; proposals are numbered from here. */
  readonly existing: number;
  private readonly baseline: Float64Array;
  private readonly reach = new Map<number, Map<number, number>>();
  private nextId: number;

  constructor(
    private readonly snapper: NetworkSnapper,
    private readonly demand: DemandSet,
    private readonly demandSnaps: SnapTable,
    facilities: readonly Facility[],
    readonly radiusM: number,
  ) {
    if (!(radiusM > 0)) throw new RangeError(`invalid what-if radius ${radiusM}`);
    this.existing = facilities.length;
    this.nextId = facilities.length;
    this.baseline = computeNetworkDistances(snapper, demand, demandSnaps, facilities, radiusM).distances;
    this.nearest = Float64Array.from(this.baseline);
    this.communityCovered = new Float64Array(demand.communities.length);
    for (let cell = 0; cell < demand.count; cell += 1) {
      if (this.nearest[cell] <= radiusM) {
        this.coveredPopulation += demand.population[cell];
        this.communityCovered[demand.community[cell]] += demand.population[cell];
      }
    }
  }

  addFacility(lon: number, lat: number): WhatIfStep {
    const id = this.nextId;
    this.nextId += 1;
    return this.place(id, lon, lat, new Map());
  }

  moveFacility(id: number, lon: number, lat: number): WhatIfStep {
    const before = this.takeAway(id);
    return this.place(id, lon, lat, before);
  }

  removeFacility(id: number): WhatIfStep {
    return this.settle(id, this.takeAway(id));
  }

  /** The cells one point reaches along the network within the radius, with their distances. */
  private reachOf(lon: number, lat: number): Map<number, number> {
    const { distances } = computeNetworkDistances(this.snapper, this.demand, this.demandSnaps, [createPointFacility(lon, lat)], this.radiusM);
    const cells = new Map<number, number>();
    for (let cell = 0; cell < distances.length; cell += 1) if (distances[cell] <= this.radiusM) cells.set(cell, distances[cell]);
    return cells;
  }

  private place(id: number, lon: number, lat: number, before: Map<number, boolean>): WhatIfStep {
    const cells = this.reachOf(lon, lat);
    for (const [cell, distance] of cells) {
      if (!before.has(cell)) before.set(cell, this.nearest[cell] <= this.radiusM);
      if (distance < this.nearest[cell]) this.nearest[cell] = distance;
    }
    this.reach.set(id, cells);
    return this.settle(id, before);
  }

  /** Remove a proposal's reach; its cells look again at the existing facilities and the other proposals. */
  private takeAway(id: number): Map<number, boolean> {
    const cells = this.reach.get(id);
    if (!cells) throw new RangeError(`no proposal ${id} in this what-if (existing facilities cannot move here)`);
    this.reach.delete(id);
    const before = new Map<number, boolean>();
    for (const cell of cells.keys()) {
      before.set(cell, this.nearest[cell] <= this.radiusM);
      let nearest = this.baseline[cell];
      for (const other of this.reach.values()) nearest = Math.min(nearest, other.get(cell) ?? Infinity);
      this.nearest[cell] = nearest;
    }
    return before;
  }

  private settle(id: number, before: Map<number, boolean>): WhatIfStep {
    const { deltaPopulation, changedCells } = settleCoveredCells(this.demand, this.nearest, this.radiusM, this.communityCovered, before);
    this.coveredPopulation += deltaPopulation;
    return { facility: id, coveredPopulation: this.coveredPopulation, deltaPopulation, changedCells };
  }
}
