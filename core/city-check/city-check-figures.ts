import { computeCoverage } from '../analysis/coverage.ts';
import type { DemandSet } from '../analysis/demand-set.ts';
import type { BilingualText } from '../i18n-text.ts';
import {
  CITY_CHECK_INDICATORS, PERCENT, describeProvisionStandard, describeWalkingStandard,
  type CityCheckIndicator, type ProvisionIndicator, type WalkingCoverageIndicator,
} from './city-check-catalogue.ts';

/**
 * The city-check figures per area, from what the server measured: for each walking-coverage
 * indicator every cell's walk to the nearest facility of its layers, for each provision
 * indicator the facilities' capacities with the community and town they lie in. Pure sums: the
 * same cells and populations as the coverage analysis (core/analysis/coverage.ts).
 */

export const CITY_CHECK_LEVELS = ['district', 'town', 'community'] as const;
export type CityCheckLevel = (typeof CITY_CHECK_LEVELS)[number];

export interface CityCheckTown {
  code: string;
  name: string;
}

export interface CapacityItem {
  community: string | null;
  town: string | null;
  amount: number;
}

export interface CityCheckInput {
  demand: DemandSet;
  /** Community code → town code (communities without a town count for the district only). */
  communityTowns: ReadonlyMap<string, string>;
  towns: readonly CityCheckTown[];
  walkingSpeedKmh: number;
  /** Per walking-coverage indicator id: each cell's walk to its nearest facility (Infinity beyond the indicator's distance). */
  walks: ReadonlyMap<string, Float64Array>;
  /** Per provision indicator id: the facilities' capacities. */
  capacities: ReadonlyMap<string, readonly CapacityItem[]>;
  level: CityCheckLevel;
  /** Only this town (its own figure, or its communities). */
  town?: string;
}

export interface CityCheckAreaFigure {
  code: string;
  name: string;
  /** The area's town (community level only). */
  town?: string;
  population: number;
  /** Walking coverage: residents within the walk. */
  coveredPopulation?: number;
  /** Provision: the capacity summed over the area. */
  amount?: number;
  value: number | null;
}

export interface CityCheckFigure {
  id: string;
  kind: CityCheckIndicator['kind'];
  title: BilingualText;
  standard: ReturnType<typeof describeWalkingStandard> | ReturnType<typeof describeProvisionStandard> | null;
  /** The district's figure, or the town's when one is asked for; null when the data cannot say. */
  value: number | null;
  unit: BilingualText;
  unavailable?: BilingualText;
  perArea: CityCheckAreaFigure[];
}

interface Area {
  code: string;
  name: string;
  town?: string;
  /** Whether a cell (by community index) or a facility (by its community and town) belongs to it. */
  hasCommunity: (communityIndex: number) => boolean;
  holds: (item: CapacityItem) => boolean;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const ratio = (part: number, whole: number, scale: number) => (whole > 0 ? round2((part / whole) * scale) : null);

function areasOf(input: CityCheckInput): { areas: Area[]; whole: Area } {
  const { demand, communityTowns, towns } = input;
  const townOfIndex = demand.communities.map((community) => communityTowns.get(community.code));
  const district: Area = { code: '', name: '', hasCommunity: () => true, holds: () => true };
  const townArea = (town: CityCheckTown): Area => ({
    code: town.code, name: town.name, hasCommunity: (index) => townOfIndex[index] === town.code, holds: (item) => item.town === town.code,
  });
  const chosenTown = input.town === undefined ? undefined : towns.find((town) => town.code === input.town);
  if (input.town !== undefined && !chosenTown) throw new RangeError(`no town ${input.town}`);
  const whole = chosenTown ? townArea(chosenTown) : district;
  if (input.level === 'district') return { areas: [district], whole };
  if (input.level === 'town') return { areas: (chosenTown ? [chosenTown] : towns).map(townArea), whole };
  const areas = demand.communities
    .map((community, index) => ({ community, index }))
    .filter(({ index }) => !chosenTown || townOfIndex[index] === chosenTown.code)
    .map(({ community, index }): Area => ({
      code: community.code, name: community.name, town: townOfIndex[index],
      hasCommunity: (other) => other === index, holds: (item) => item.community === community.code,
    }));
  return { areas, whole };
}

/** Population per community index, summed once and shared by every indicator. */
function communityPopulation(demand: DemandSet): Float64Array {
  const population = new Float64Array(demand.communities.length);
  for (let cell = 0; cell < demand.count; cell += 1) population[demand.community[cell]] += demand.population[cell];
  return population;
}

const sumOver = (values: ArrayLike<number>, area: Area) => {
  let sum = 0;
  for (let index = 0; index < values.length; index += 1) if (area.hasCommunity(index)) sum += values[index];
  return sum;
};

function walkingFigure(input: CityCheckInput, indicator: WalkingCoverageIndicator, areas: Area[], whole: Area): CityCheckFigure {
  const standard = describeWalkingStandard(indicator, input.walkingSpeedKmh);
  const walks = input.walks.get(indicator.id);
  if (!walks) throw new RangeError(`no walks measured for ${indicator.id}`);
  const coverage = computeCoverage(input.demand, walks, standard.distanceM);
  const figureOf = (area: Area): CityCheckAreaFigure => {
    const population = sumOver(coverage.communityPopulation, area);
    const coveredPopulation = sumOver(coverage.communityCovered, area);
    return { code: area.code, name: area.name, ...(area.town !== undefined ? { town: area.town } : {}), population, coveredPopulation, value: ratio(coveredPopulation, population, 100) };
  };
  return { id: indicator.id, kind: indicator.kind, title: indicator.title, standard, value: figureOf(whole).value, unit: PERCENT, perArea: areas.map(figureOf) };
}

function provisionFigure(input: CityCheckInput, indicator: ProvisionIndicator, areas: Area[], whole: Area, population: Float64Array): CityCheckFigure {
  const items = input.capacities.get(indicator.id);
  if (!items) throw new RangeError(`no capacities read for ${indicator.id}`);
  const figureOf = (area: Area): CityCheckAreaFigure => {
    const residents = sumOver(population, area);
    const amount = items.reduce((sum, item) => (area.holds(item) ? sum + item.amount : sum), 0);
    return { code: area.code, name: area.name, ...(area.town !== undefined ? { town: area.town } : {}), population: residents, amount, value: ratio(amount, residents, indicator.per) };
  };
  return {
    id: indicator.id, kind: indicator.kind, title: indicator.title, standard: describeProvisionStandard(indicator),
    value: figureOf(whole).value, unit: indicator.unit, perArea: areas.map(figureOf),
  };
}

export function computeCityCheck(input: CityCheckInput, indicators: readonly CityCheckIndicator[] = CITY_CHECK_INDICATORS): CityCheckFigure[] {
  const { areas, whole } = areasOf(input);
  const population = communityPopulation(input.demand);
  return indicators.map((indicator) => {
    if (indicator.kind === 'walking_coverage') return walkingFigure(input, indicator, areas, whole);
    if (indicator.kind === 'provision') return provisionFigure(input, indicator, areas, whole, population);
    return { id: indicator.id, kind: indicator.kind, title: indicator.title, standard: null, value: null, unit: indicator.unit, unavailable: indicator.reason, perArea: [] };
  });
}
