// Point facility layers. Counts follow the brief for a district of 1.2 M; most
// are placed by population (times each community's service level) so dense,
// well-served communities collect several while others get none.
import type { DemoFeature, Frame, LayerId, PropertyValue } from './types.ts';
import type { PopulationCell } from './population.ts';
import type { Rng } from './random.ts';
import type { PlacedPoint, PlacementContext } from './facility-placement.ts';
import { claimUniqueName, createWeightedSampler, placeByPopulation, samplePointInCell, toChineseOrdinal } from './facility-placement.ts';
import { facilityItem, toFeatures } from './features.ts';

type FacilityLayerId = Exclude<LayerId, 'district' | 'towns' | 'communities' | 'population' | 'roads' | 'idle_plots' | 'trails' | 'slope_greening'>;

interface Namer {
  (placed: PlacedPoint): string;
}

const isUrbanCell = (cell: PopulationCell) => cell.urCode !== '220';

/** Names like 南坪第三小学: numbered per town in placement order. */
function createTownNumberedNamer(ctx: PlacementContext, kind: '小学' | '中学'): Namer {
  const counters = new Map<string, number>();
  return ({ townCode }) => {
    const n = (counters.get(townCode) ?? 0) + 1;
    counters.set(townCode, n);
    const townName = ctx.names.town(townCode);
    if (!ctx.names.isStreetTown(townCode) && n === 1) return kind === '小学' ? `${townName}中心小学` : `${townName}中学`;
    return `${ctx.names.townShort(townCode)}第${toChineseOrdinal(n)}${kind}`;
  };
}

function createCommunityNamer(ctx: PlacementContext, base: (place: string, ordinal: string) => string, useShort = true): Namer {
  const used = new Set<string>();
  return ({ communityCode }) => {
    const place = useShort ? ctx.names.communityShort(communityCode) : ctx.names.community(communityCode);
    return claimUniqueName(used, (ordinal) => base(place, ordinal ?? ''));
  };
}

/** 街道 get a 社区卫生服务中心, 镇 a 卫生院; a second one in a town is 第二... */
function createHealthCentreNamer(ctx: PlacementContext): Namer {
  const used = new Set<string>();
  return ({ townCode }) => {
    const town = ctx.names.town(townCode);
    const kind = ctx.names.isStreetTown(townCode) ? '社区卫生服务中心' : '卫生院';
    return claimUniqueName(used, (ordinal) => `${town}${ordinal ?? ''}${kind}`);
  };
}

/** A point in the town's busiest area (population squared), guaranteed to fall inside that town. */
function placeInTown(ctx: PlacementContext, rng: Rng, townCode: string): PlacedPoint {
  const sample = createWeightedSampler(ctx.cells.filter((c) => ctx.communities.byCode.get(c.communityCode)!.townCode === townCode), (c) => c.population ** 2);
  if (!sample) throw new Error(`town ${townCode} has no populated cell`);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const placed = samplePointInCell(sample(rng), ctx, rng);
    if (placed?.townCode === townCode) return placed;
  }
  throw new Error(`no point found inside town ${townCode}`);
}

/** One facility in each of `count` villages (村, any urban-rural code), chosen by village population. */
function placeInVillages(ctx: PlacementContext, rng: Rng, count: number): PlacedPoint[] {
  const villageCells = ctx.cells.filter((c) => ctx.names.isVillage(c.communityCode));
  const populationByVillage = new Map<string, number>();
  for (const c of villageCells) populationByVillage.set(c.communityCode, (populationByVillage.get(c.communityCode) ?? 0) + c.population);
  const villages = [...populationByVillage.keys()].sort();
  const chosen: string[] = [];
  while (chosen.length < Math.min(count, villages.length)) {
    const remaining = villages.filter((v) => !chosen.includes(v));
    chosen.push(remaining[rng.weightedIndex(remaining.map((v) => populationByVillage.get(v)!))]);
  }
  return chosen.map((code) => {
    const sample = createWeightedSampler(villageCells.filter((c) => c.communityCode === code), (c) => c.population ** 1.5)!;
    for (let attempt = 0; attempt < 1000; attempt++) {
      const placed = samplePointInCell(sample(rng), ctx, rng);
      if (placed?.communityCode === code) return placed;
    }
    throw new Error(`no point found inside village ${code}`);
  });
}

function logUniformInt(rng: Rng, min: number, max: number, roundTo = 1): number {
  return Math.round((min * Math.exp(rng.next() * Math.log(max / min))) / roundTo) * roundTo;
}

interface FacilitySpec {
  id: FacilityLayerId;
  place: (rng: Rng) => PlacedPoint[];
  name: Namer;
  extra?: (rng: Rng) => Record<string, PropertyValue>;
}

function facilitySpecs(frame: Frame, ctx: PlacementContext): FacilitySpec[] {
  const townCodes = frame.towns.map((t) => t.code);
  // (count, min spacing m, population exponent, optional cell filter)
  const byPopulation = (count: number, minSpacingM: number, exponent: number, cellFilter?: (c: PopulationCell) => boolean) => (rng: Rng) =>
    placeByPopulation(ctx, rng, { count, minSpacingM, exponent, cellFilter });
  const oneInEachTownThenByPopulation = (extraCount: number, minSpacingM: number) => (rng: Rng) => {
    const first = townCodes.map((code) => placeInTown(ctx, rng, code));
    return [...first, ...placeByPopulation(ctx, rng, { count: extraCount, minSpacingM, exponent: 1, existing: first })];
  };
  const byCommunity = (base: (place: string, ordinal: string) => string, useShort = true) => createCommunityNamer(ctx, base, useShort);
  const ownership = ['public', 'inclusive', 'private'] as const;

  return [
    { id: 'bus_terminals', place: byPopulation(25, 1000, 1), name: byCommunity((p, o) => `${p}${o}公交首末站`) },
    { id: 'bus_bay_stops', place: byPopulation(60, 500, 1, isUrbanCell), name: byCommunity((p, o) => `${p}${o}港湾式公交站`) },
    { id: 'smart_bus_shelters', place: byPopulation(120, 250, 1.1, isUrbanCell), name: byCommunity((p, o) => `${p}${o}智慧候车亭`) },
    {
      id: 'parking_lots',
      place: byPopulation(180, 150, 1.2, isUrbanCell),
      name: byCommunity((p, o) => `${p}${o}公共停车场`),
      extra: (r) => ({ spaces: logUniformInt(r, 30, 800) }),
    },
    // Seats are whole classes: 45 pupils per primary class, 50 per middle-school class, 30 per kindergarten class.
    { id: 'primary_schools', place: byPopulation(55, 500, 1), name: createTownNumberedNamer(ctx, '小学'), extra: (r) => ({ seats: r.int(20, 66) * 45 }) },
    { id: 'middle_schools', place: byPopulation(30, 900, 1), name: createTownNumberedNamer(ctx, '中学'), extra: (r) => ({ seats: r.int(24, 72) * 50 }) },
    {
      id: 'kindergartens',
      place: byPopulation(110, 250, 1.1),
      name: byCommunity((p, o) => `${p}${o}幼儿园`),
      extra: (r) => ({ seats: r.int(3, 15) * 30, ownership: ownership[r.weightedIndex([0.35, 0.4, 0.25])] }),
    },
    {
      id: 'elderly_centres',
      place: (rng) => townCodes.map((code) => placeInTown(ctx, rng, code)),
      name: (p) => `${ctx.names.town(p.townCode)}养老服务中心`,
      extra: (r) => ({ beds: r.int(40, 150) }),
    },
    {
      id: 'mutual_aid_points',
      place: (rng) => placeInVillages(ctx, rng, 40),
      name: byCommunity((p, o) => `${p}${o}互助养老点`, false),
      extra: (r) => ({ beds: r.int(5, 20) }),
    },
    { id: 'health_centres', place: oneInEachTownThenByPopulation(1, 2000), name: createHealthCentreNamer(ctx), extra: (r) => ({ beds: r.int(20, 120) }) },
    {
      id: 'health_stations',
      place: byPopulation(70, 400, 1),
      name: byCommunity((p, o) => (p.endsWith('村') ? `${p}${o}卫生室` : `${p}${o}卫生服务站`), false),
    },
    { id: 'fresh_markets', place: byPopulation(45, 500, 1.2), name: byCommunity((p, o) => `${p}${o}农贸市场`), extra: (r) => ({ stalls: r.int(40, 300) }) },
    {
      id: 'sports_parks',
      place: byPopulation(25, 800, 0.8),
      name: byCommunity((p, o) => `${p}${o}体育公园`, false),
      extra: (r) => ({ area_m2: logUniformInt(r, 3000, 40000, 10) }),
    },
    { id: 'security_pilots', place: oneInEachTownThenByPopulation(15, 500), name: byCommunity((p, o) => `${p}${o}平安建设试点`, false) },
  ];
}

export function buildFacilityLayers(frame: Frame, ctx: PlacementContext, rootRng: Rng): Record<FacilityLayerId, DemoFeature[]> {
  const layers = {} as Record<FacilityLayerId, DemoFeature[]>;
  for (const spec of facilitySpecs(frame, ctx)) {
    // Separate streams for places and attributes: tuning one does not reshuffle the other.
    const placed = spec.place(rootRng.fork(spec.id));
    const attributeRng = rootRng.fork(`${spec.id}:attributes`);
    layers[spec.id] = toFeatures(placed.map((p) => facilityItem(p, spec.name(p), spec.extra?.(attributeRng) ?? {})));
  }
  return layers;
}
