// Shared machinery for placing point facilities: population-weighted sampling
// (with a per-community "service level" so coverage is uneven on purpose),
// minimum spacing between facilities of one kind, and Chinese demo names.
import type { Frame, LonLat } from './types.ts';
import type { LocalPlane, XY } from './geo-math.ts';
import { distanceXY, roundLonLat } from './geo-math.ts';
import type { PolygonIndex } from './polygon-index.ts';
import type { CommunityLayer } from './communities.ts';
import type { PopulationCell } from './population.ts';
import { CELL_SIZE_M } from './population.ts';
import type { Rng } from './random.ts';
import { stripUnitSuffix } from './names.ts';

export interface PlacedPoint {
  point: LonLat;
  communityCode: string;
  townCode: string;
}

export interface PlacementContext {
  plane: LocalPlane;
  district: PolygonIndex;
  communities: CommunityLayer;
  cells: readonly PopulationCell[];
  /** Multiplier per community: some are well served, some are planning blind spots. */
  serviceLevel: Map<string, number>;
  names: NameBook;
}

export interface NameBook {
  community(code: string): string; // 南湖社区
  communityShort(code: string): string; // 南湖
  town(code: string): string; // 南坪街道
  townShort(code: string): string; // 南坪 (streets) / 南坪镇 (towns keep 镇 to stay distinct)
  isVillage(code: string): boolean;
  isStreetTown(code: string): boolean;
}

export function createNameBook(frame: Frame): NameBook {
  const communities = new Map(frame.communities.map((c) => [c.code, c]));
  const towns = new Map(frame.towns.map((t) => [t.code, t]));
  return {
    community: (code) => communities.get(code)!.name,
    communityShort: (code) => stripUnitSuffix(communities.get(code)!.name),
    town: (code) => towns.get(code)!.name,
    townShort: (code) => towns.get(code)!.name.replace(/街道$/, ''),
    isVillage: (code) => communities.get(code)!.name.endsWith('村'),
    isStreetTown: (code) => towns.get(code)!.kind === 'street',
  };
}

export function createServiceLevels(frame: Frame, rng: Rng): Map<string, number> {
  return new Map(frame.communities.map((c) => [c.code, rng.chance(0.15) ? 0.1 : Math.exp(rng.normal(0, 0.8))]));
}

const CHINESE_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十 (enough for school numbering). */
export function toChineseOrdinal(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${CHINESE_DIGITS[n % 10]}`;
}

/** First free name of base(undefined), base('第二'), base('第三') ... */
export function claimUniqueName(used: Set<string>, base: (ordinal?: string) => string): string {
  for (let n = 1; ; n++) {
    const name = base(n === 1 ? undefined : `第${toChineseOrdinal(n)}`);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/** Cumulative-weight sampler; binary search keeps draws cheap over ~20k cells. */
export function createWeightedSampler<T>(items: readonly T[], weightOf: (item: T) => number): ((rng: Rng) => T) | undefined {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    total += Math.max(0, weightOf(item));
    cumulative.push(total);
  }
  if (!(total > 0)) return undefined;
  return (rng) => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

/** A random point inside a populated grid cell, inside the district, with its community. */
export function samplePointInCell(cell: PopulationCell, ctx: PlacementContext, rng: Rng): PlacedPoint | undefined {
  for (let attempt = 0; attempt < 8; attempt++) {
    const offset: XY = [rng.uniform(-0.45, 0.45) * CELL_SIZE_M, rng.uniform(-0.45, 0.45) * CELL_SIZE_M];
    const point = roundLonLat(ctx.plane.toLonLat([cell.xy[0] + offset[0], cell.xy[1] + offset[1]]));
    if (!ctx.district.contains(point)) continue;
    const communityCode = ctx.communities.locate(point);
    if (communityCode) return { point, communityCode, townCode: ctx.communities.byCode.get(communityCode)!.townCode };
  }
  return undefined;
}

export interface WeightedPlacementOptions {
  count: number;
  minSpacingM: number;
  /** Population exponent: > 1 crowds facilities into the densest places. */
  exponent: number;
  cellFilter?: (cell: PopulationCell) => boolean;
  /** Already placed facilities of the same kind (spacing applies to them too). */
  existing?: readonly PlacedPoint[];
}

export function placeByPopulation(ctx: PlacementContext, rng: Rng, options: WeightedPlacementOptions): PlacedPoint[] {
  const candidates = options.cellFilter ? ctx.cells.filter(options.cellFilter) : ctx.cells;
  const sample = createWeightedSampler(candidates, (c) => c.population ** options.exponent * (ctx.serviceLevel.get(c.communityCode) ?? 1));
  if (!sample) throw new Error('no populated cells to place facilities in');
  const placed: PlacedPoint[] = [];
  const taken: XY[] = (options.existing ?? []).map((p) => ctx.plane.toXY(p.point));
  // Shrink the spacing gradually if the area is too small for the requested count.
  for (let attempt = 0; placed.length < options.count; attempt++) {
    if (attempt > options.count * 400) throw new Error(`could only place ${placed.length}/${options.count} facilities`);
    const spacing = options.minSpacingM * Math.max(0, 1 - attempt / (options.count * 200));
    const candidate = samplePointInCell(sample(rng), ctx, rng);
    if (!candidate) continue;
    const xy = ctx.plane.toXY(candidate.point);
    if (taken.some((t) => distanceXY(t, xy) < spacing)) continue;
    taken.push(xy);
    placed.push(candidate);
  }
  return placed;
}
