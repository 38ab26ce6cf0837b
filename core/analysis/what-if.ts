import type { DemandSet } from './demand-set.ts';
import { createPointFacility, measureFacilityDistance, type Facility } from './facility.ts';
import { degreesAround } from './geodesic.ts';
import { computeNearestDistances, forEachCellInReach, lowerNearestDistances } from './nearest-distance.ts';

/** What one edit did: the new total and the cells that changed side (covered ↔ not). */
export interface WhatIfStep {
  facility: number;
  coveredPopulation: number;
  deltaPopulation: number;
  changedCells: number[];
}

/**
 * Straight-line coverage that follows edits at once (propose, move or remove a facility), for
 * the map's what-if mode. It keeps each cell's nearest distance within the radius and touches
 * only the cells within the radius of the old and new positions, so a step costs a few hundred
 * cells, not the district. The state after any edits equals a full recomputation.
 */
export class WhatIfCoverage {
  readonly nearest: Float64Array;
  readonly communityCovered: Float64Array;
  coveredPopulation = 0;
  private readonly facilities: Array<Facility | undefined>;
  private readonly buckets = new Map<string, Set<number>>();
  private readonly bucketLon: number;
  private readonly bucketLat: number;

  constructor(
    private readonly demand: DemandSet,
    facilities: readonly Facility[],
    readonly radiusM: number,
    nearest?: Float64Array,
  ) {
    if (!(radiusM > 0)) throw new RangeError(`invalid what-if radius ${radiusM}`);
    this.facilities = [...facilities];
    this.nearest = nearest ? Float64Array.from(nearest) : computeNearestDistances(demand, facilities, radiusM);
    const span = degreesAround(demand.lat.reduce((most, lat) => Math.max(most, Math.abs(lat)), 0), radiusM);
    this.bucketLon = span.lon;
    this.bucketLat = span.lat;
    this.facilities.forEach((facility, index) => facility && this.register(index, facility, true));
    this.communityCovered = new Float64Array(demand.communities.length);
    for (let cell = 0; cell < demand.count; cell += 1) {
      if (this.nearest[cell] <= radiusM) {
        this.coveredPopulation += demand.population[cell];
        this.communityCovered[demand.community[cell]] += demand.population[cell];
      }
    }
  }

  get facilityCount(): number {
    return this.facilities.length;
  }

  /** Propose a new point facility; its index is `step.facility`. */
  addFacility(lon: number, lat: number): WhatIfStep {
    const facility = createPointFacility(lon, lat);
    const before = this.recordCells(facility, new Map());
    const index = this.facilities.push(undefined) - 1;
    this.attach(index, facility);
    return this.settle(index, before);
  }

  moveFacility(index: number, lon: number, lat: number): WhatIfStep {
    const old = this.requireFacility(index);
    const facility = createPointFacility(lon, lat);
    const before = this.recordCells(facility, this.recordCells(old, new Map()));
    this.detach(index, old);
    this.attach(index, facility);
    return this.settle(index, before);
  }

  removeFacility(index: number): WhatIfStep {
    const old = this.requireFacility(index);
    const before = this.recordCells(old, new Map());
    this.detach(index, old);
    return this.settle(index, before);
  }

  private requireFacility(index: number): Facility {
    const facility = this.facilities[index];
    if (!facility) throw new RangeError(`no facility ${index} in this what-if (there are ${this.facilities.length})`);
    return facility;
  }

  /** Remember whether each cell a facility can reach is covered now, before anything changes. */
  private recordCells(facility: Facility, before: Map<number, boolean>): Map<number, boolean> {
    this.forEachCellNear(facility, (cell) => {
      if (!before.has(cell)) before.set(cell, this.nearest[cell] <= this.radiusM);
    });
    return before;
  }

  private attach(index: number, facility: Facility): void {
    this.facilities[index] = facility;
    this.register(index, facility, true);
    lowerNearestDistances(this.demand, facility, this.radiusM, this.nearest);
  }

  /** Take a facility away; the cells whose nearest it was look again among the others. */
  private detach(index: number, facility: Facility): void {
    this.register(index, facility, false);
    this.facilities[index] = undefined;
    this.forEachCellNear(facility, (cell) => {
      if (!(this.nearest[cell] <= this.radiusM)) return;
      if (measureFacilityDistance(facility, this.demand.lon[cell], this.demand.lat[cell]) !== this.nearest[cell]) return;
      this.nearest[cell] = this.nearestFromFacilities(cell);
    });
  }

  /** Apply covered-status changes of the touched cells to the totals. */
  private settle(index: number, before: Map<number, boolean>): WhatIfStep {
    const { deltaPopulation, changedCells } = settleCoveredCells(this.demand, this.nearest, this.radiusM, this.communityCovered, before);
    this.coveredPopulation += deltaPopulation;
    return { facility: index, coveredPopulation: this.coveredPopulation, deltaPopulation, changedCells };
  }

  /** Nearest distance within the radius from the facilities near the cell. */
  private nearestFromFacilities(cell: number): number {
    const lon = this.demand.lon[cell];
    const lat = this.demand.lat[cell];
    let nearest = Infinity;
    const column = Math.floor(lon / this.bucketLon);
    const row = Math.floor(lat / this.bucketLat);
    const seen = new Set<number>();
    for (let r = row - 1; r <= row + 1; r += 1) {
      for (let c = column - 1; c <= column + 1; c += 1) {
        for (const index of this.buckets.get(`${c},${r}`) ?? []) {
          const facility = this.facilities[index];
          if (!facility || seen.has(index)) continue;
          seen.add(index);
          const distance = measureFacilityDistance(facility, lon, lat);
          if (distance <= this.radiusM && distance < nearest) nearest = distance;
        }
      }
    }
    return nearest;
  }

  private forEachCellNear(facility: Facility, visit: (cell: number) => void): void {
    forEachCellInReach(this.demand, facility, this.radiusM, visit);
  }

  /** Buckets one radius wide: every facility within the radius of a cell is in its 3×3 block.
   * Ours rather than kdbush or Flatbush: those are static, and every edit here moves a facility. */
  private register(index: number, facility: Facility, add: boolean): void {
    for (let r = Math.floor(facility.south / this.bucketLat); r <= Math.floor(facility.north / this.bucketLat); r += 1) {
      for (let c = Math.floor(facility.west / this.bucketLon); c <= Math.floor(facility.east / this.bucketLon); c += 1) {
        const key = `${c},${r}`;
        const bucket = this.buckets.get(key) ?? new Set<number>();
        if (add) bucket.add(index);
        else bucket.delete(index);
        this.buckets.set(key, bucket);
      }
    }
  }
}

/**
 * The cells whose covered status changed since `before` (cell → was covered), with the
 * population gained (negative: lost); the per-community totals are updated in place. Shared by
 * the straight-line and the walking-network what-if, which differ only in how distances fall.
 */
export function settleCoveredCells(
  demand: DemandSet, nearest: Float64Array, radiusM: number, communityCovered: Float64Array, before: Map<number, boolean>,
): { deltaPopulation: number; changedCells: number[] } {
  const changedCells: number[] = [];
  let deltaPopulation = 0;
  for (const [cell, wasCovered] of before) {
    const isCovered = nearest[cell] <= radiusM;
    if (isCovered === wasCovered) continue;
    const population = (isCovered ? 1 : -1) * demand.population[cell];
    deltaPopulation += population;
    communityCovered[demand.community[cell]] += population;
    changedCells.push(cell);
  }
  return { deltaPopulation, changedCells };
}
