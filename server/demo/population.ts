// 100 m population grid. Cells are squares of a fixed lon/lat lattice (100 m at
// the district's mean latitude, anchored at GRID_ORIGIN) whose centre lies in
// the district. People per cell come from a density model by urban-rural code,
// then the dense urban part is scaled so the district totals exactly 1.2 M.
import type { Position } from 'geojson';
import type { CommunityCell, LonLat } from './types.ts';
import type { LocalPlane, XY } from './geo-math.ts';
import { distanceXY, round6 } from './geo-math.ts';
import type { PolygonIndex } from './polygon-index.ts';
import type { CommunityLayer } from './communities.ts';
import { fractalNoise } from './noise.ts';
import { createRidgeDamping } from './landscape.ts';
import type { Rng } from './random.ts';

export const POPULATION_TOTAL = 1_200_000;
export const GRID_ORIGIN: LonLat = [106.5, 29.4];
export const GRID_REFERENCE_LAT = 29.54;
export const CELL_SIZE_M = 100;
const CELL_DEG_LAT = CELL_SIZE_M / 110_574;
const CELL_DEG_LON = CELL_SIZE_M / (111_320 * Math.cos((GRID_REFERENCE_LAT * Math.PI) / 180));

export interface PopulationCell {
  row: number;
  col: number;
  centre: LonLat;
  xy: XY;
  communityCode: string;
  urCode: string;
  population: number;
}

interface HotSpot {
  xy: XY;
  radiusM: number;
  boost: number;
}

export function cellRing(row: number, col: number): Position[] {
  const x0 = round6(GRID_ORIGIN[0] + col * CELL_DEG_LON);
  const x1 = round6(GRID_ORIGIN[0] + (col + 1) * CELL_DEG_LON);
  const y0 = round6(GRID_ORIGIN[1] + row * CELL_DEG_LAT);
  const y1 = round6(GRID_ORIGIN[1] + (row + 1) * CELL_DEG_LAT);
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
}

function enumerateDistrictCells(district: PolygonIndex, communities: CommunityLayer, plane: LocalPlane) {
  const [minLon, minLat, maxLon, maxLat] = district.bbox;
  const cells: Omit<PopulationCell, 'population'>[] = [];
  for (let row = Math.floor((minLat - GRID_ORIGIN[1]) / CELL_DEG_LAT); GRID_ORIGIN[1] + row * CELL_DEG_LAT < maxLat; row++) {
    for (let col = Math.floor((minLon - GRID_ORIGIN[0]) / CELL_DEG_LON); GRID_ORIGIN[0] + col * CELL_DEG_LON < maxLon; col++) {
      // The centre of the rounded square, i.e. exactly what a reader gets as the cell's centroid.
      const [[x0, y0], , [x1, y1]] = cellRing(row, col);
      const centre: LonLat = [(x0 + x1) / 2, (y0 + y1) / 2];
      if (!district.contains(centre)) continue;
      const code = communities.locate(centre);
      if (!code) continue; // only on a rounding seam; never seen in practice
      cells.push({ row, col, centre, xy: plane.toXY(centre), communityCode: code, urCode: communities.byCode.get(code)!.urCode });
    }
  }
  return cells;
}

/** Busy streets and estates inside dense communities: 1–3 bumps near the centre. */
function createHotSpots(cells: CommunityCell[], plane: LocalPlane, rng: Rng): Map<string, HotSpot[]> {
  const spots = new Map<string, HotSpot[]>();
  for (const cell of cells) {
    if (cell.urCode !== '111') continue;
    const seed = plane.toXY(cell.seed);
    spots.set(
      cell.code,
      Array.from({ length: rng.int(1, 3) }, () => ({
        xy: [seed[0] + rng.normal(0, 350), seed[1] + rng.normal(0, 350)] as XY,
        radiusM: rng.uniform(150, 350),
        boost: rng.uniform(0.6, 1.8),
      })),
    );
  }
  return spots;
}

interface Density {
  perKm2: number;
  /** Built-up urban-core cell: its density is relative and gets scaled to the district total. */
  isCore: boolean;
}

/** Sparse hamlets among fields and forest; many cells are empty. */
function ruralDensity(noise: number, fromSeed: number): number {
  if (noise < 0.42) return 0;
  const hamlet = fromSeed < 450 ? 4 : 1;
  return (80 + 1500 * (noise - 0.42)) * hamlet;
}

interface DensityInput {
  urCode: string;
  xy: XY;
  fromSeedM: number; // distance to the cell's own community seed
  fromUrbanSeedM: number; // distance to the nearest dense-urban (111) seed of any community
  hotSpots: HotSpot[];
  noise: number; // terrain-like lumpiness in [0, 1)
  edgeNoise: number; // wobbles the edge of the built-up area
  ridge: number; // forest damping near the Nanshan crest, (0.15..1]
}

/** People per km² before scaling; rural cells may be 0 (mountain, farmland, water). */
function rawDensity(input: DensityInput): Density {
  const { urCode, noise, ridge, fromSeedM } = input;
  if (urCode === '111') {
    // The built-up fabric is continuous across neighbouring dense communities; big
    // generated cells fade into hills and parks, populated like the countryside.
    const urbanness = Math.exp(-input.fromUrbanSeedM / 700) * ridge * (0.35 + 1.3 * input.edgeNoise);
    if (urbanness < 0.45 || (noise < 0.3 && fromSeedM > 400)) return { perKm2: ruralDensity(noise, fromSeedM) * ridge, isCore: false };
    const hot = input.hotSpots.reduce((sum, s) => sum + s.boost * Math.exp(-((distanceXY(input.xy, s.xy) / s.radiusM) ** 2)), 0);
    return { perKm2: 20_000 * (0.6 + 0.8 * noise) * (0.6 + 0.4 * Math.min(1, urbanness)) * (1 + hot), isCore: true };
  }
  if (urCode === '220') return { perKm2: ruralDensity(noise, fromSeedM) * ridge, isCore: false };
  // 112 urban fringe, 121 town centre, 122 town-rural fringe.
  if (noise < 0.3) return { perKm2: 0, isCore: false };
  const base = urCode === '121' ? 16_000 : urCode === '112' ? 10_000 : 4_000;
  return { perKm2: base * (0.4 + noise) * Math.max(0.08, Math.exp(-fromSeedM / 900)) * ridge, isCore: false };
}

function nearestDistance(xy: XY, points: XY[]): number {
  let best = Infinity;
  for (const p of points) best = Math.min(best, distanceXY(xy, p));
  return best;
}

/** Integer populations summing to exactly `total` (largest remainder, ties by index). */
function roundToTotal(values: number[], total: number): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  const scaled = values.map((v) => (v * total) / sum);
  const result = scaled.map(Math.floor);
  let missing = total - result.reduce((a, b) => a + b, 0);
  const order = scaled.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; missing > 0; k++, missing--) result[order[k % order.length][1]]++;
  return result;
}

export function buildPopulationGrid(
  communities: CommunityLayer,
  plane: LocalPlane,
  district: PolygonIndex,
  rng: Rng,
): PopulationCell[] {
  const cells = enumerateDistrictCells(district, communities, plane);
  const hotSpots = createHotSpots(communities.cells, plane, rng);
  const noiseSeed = rng.int(0, 0x7fffffff);
  const cellAreaKm2 = (CELL_SIZE_M * CELL_SIZE_M) / 1e6;
  const ridgeDamping = createRidgeDamping(plane);
  const urbanSeeds = communities.cells.filter((c) => c.urCode === '111').map((c) => plane.toXY(c.seed));
  const densities = cells.map((cell) =>
    rawDensity({
      urCode: cell.urCode,
      xy: cell.xy,
      fromSeedM: distanceXY(cell.xy, plane.toXY(communities.byCode.get(cell.communityCode)!.seed)),
      fromUrbanSeedM: nearestDistance(cell.xy, urbanSeeds),
      hotSpots: hotSpots.get(cell.communityCode) ?? [],
      noise: fractalNoise(noiseSeed, cell.xy[0], cell.xy[1], 900),
      edgeNoise: fractalNoise(noiseSeed + 1, cell.xy[0], cell.xy[1], 700),
      ridge: ridgeDamping(cell.xy),
    }),
  );
  // Fringe and rural densities are absolute; the dense core absorbs the rest of the 1.2 M.
  const outerTotal = densities.reduce((sum, d) => (d.isCore ? sum : sum + Math.round(d.perKm2 * cellAreaKm2)), 0);
  const coreRounded = roundToTotal(
    densities.filter((d) => d.isCore).map((d) => d.perKm2),
    POPULATION_TOTAL - outerTotal,
  );
  let coreIndex = 0;
  const populations = densities.map((d) => (d.isCore ? coreRounded[coreIndex++] : Math.round(d.perKm2 * cellAreaKm2)));
  return cells
    .map((cell, i) => ({ ...cell, population: populations[i] }))
    .filter((cell) => cell.population > 0);
}

/** People in the grid cell containing `point` (0 outside the populated grid). */
export function createPopulationLookup(cells: readonly PopulationCell[]): (point: LonLat) => number {
  const byKey = new Map<number, number>();
  for (const cell of cells) byKey.set(cell.row * 100_000 + cell.col, cell.population);
  return ([lon, lat]) => {
    const row = Math.floor((lat - GRID_ORIGIN[1]) / CELL_DEG_LAT);
    const col = Math.floor((lon - GRID_ORIGIN[0]) / CELL_DEG_LON);
    return byKey.get(row * 100_000 + col) ?? 0;
  };
}
