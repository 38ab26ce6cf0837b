import { createPointGrid, type PointGrid } from './point-grid.ts';

/** A community the demand is reported by (the unit of the whole programme). */
export interface DemandCommunity {
  code: string;
  name: string;
}

/**
 * The demand: population grid cells as typed arrays, one entry per cell, so the same set can
 * be shipped to the browser and analysed there. `community[i]` indexes `communities`.
 */
export interface DemandSet {
  count: number;
  /** The cells' ids in the population table (to fetch their squares for a map). */
  ids: Int32Array;
  /** Cell centres, degrees WGS84. */
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  community: Int32Array;
  communities: readonly DemandCommunity[];
  grid: PointGrid;
}

export interface DemandCells {
  ids?: ArrayLike<number>;
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  population: ArrayLike<number>;
  community: ArrayLike<number>;
}

/** Validate and index the cells; throws a RangeError naming the first bad value. */
export function createDemandSet(cells: DemandCells, communities: readonly DemandCommunity[]): DemandSet {
  const count = cells.lon.length;
  for (const [name, values] of Object.entries(cells)) {
    if (values && values.length !== count) throw new RangeError(`demand ${name} has ${values.length} entries, lon has ${count}`);
  }
  const lon = Float64Array.from(cells.lon);
  const lat = Float64Array.from(cells.lat);
  const population = Float64Array.from(cells.population);
  const community = Int32Array.from(cells.community);
  for (let index = 0; index < count; index += 1) {
    if (!(Math.abs(lon[index]) <= 180 && Math.abs(lat[index]) <= 90)) {
      throw new RangeError(`demand cell ${index} has an invalid centre (${lon[index]}, ${lat[index]})`);
    }
    if (!(population[index] >= 0 && Number.isFinite(population[index]))) {
      throw new RangeError(`demand cell ${index} has an invalid population ${population[index]}`);
    }
    if (!(community[index] >= 0 && community[index] < communities.length)) {
      throw new RangeError(`demand cell ${index} names community ${community[index]}, but there are ${communities.length}`);
    }
  }
  const ids = cells.ids ? Int32Array.from(cells.ids) : Int32Array.from({ length: count }, (_, index) => index);
  return { count, ids, lon, lat, population, community, communities, grid: createPointGrid(lon, lat) };
}

/**
 * The demand as plain JSON arrays, as `GET /api/analysis/demand` sends it: the server's own
 * cell centres (float64, as PostGIS computed them), so the browser's what-if starts from exactly
 * the numbers the server's coverage uses.
 */
export interface DemandPayload {
  ids: number[];
  lon: number[];
  lat: number[];
  population: number[];
  community: number[];
  communities: DemandCommunity[];
}

export function toDemandPayload(demand: DemandSet): DemandPayload {
  return {
    ids: Array.from(demand.ids),
    lon: Array.from(demand.lon),
    lat: Array.from(demand.lat),
    population: Array.from(demand.population),
    community: Array.from(demand.community),
    communities: [...demand.communities],
  };
}

export function fromDemandPayload(payload: DemandPayload): DemandSet {
  const { ids, lon, lat, population, community, communities } = payload;
  return createDemandSet({ ids, lon, lat, population, community }, communities);
}
