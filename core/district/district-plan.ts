/**
 * What makes a district out of three files (a boundary, its divisions, its population), before
 * any geometry is checked in PostGIS: the attributes each feature must carry, the kinds of shape
 * each file may hold, and how towns are found from their communities. Everything wrong is
 * collected, so one refusal lists every problem rather than the first.
 *
 * The divisions file holds communities (polygons, or points from which the grid is drawn), each
 * naming its town by `town_code` and `town_name`; town polygons may be given in the same file
 * with `level: town`, else a town is the union of its communities. Population is a grid
 * (polygons with `population`), or totals per community (a `population` on each community, or a
 * file of `code` + `population` rows) spread over the community's area.
 */

export interface InputGeometry {
  type: string;
  coordinates?: unknown;
}

export interface InputFeature {
  geometry: InputGeometry | null;
  properties: Record<string, unknown> | null;
}

export interface PlannedTown {
  code: string;
  name: string;
  nameEn: string | null;
  kind: 'street' | 'town';
  /** The town's own polygon when the file gives one; else the union of its communities. */
  geometry: InputGeometry | null;
}

export interface PlannedCommunity {
  code: string;
  townCode: string;
  name: string;
  nameEn: string | null;
  geometry: InputGeometry;
}

export type PlannedPopulation =
  | { kind: 'grid'; cells: Array<{ geometry: InputGeometry; population: number }> }
  | { kind: 'totals'; totals: Record<string, number> };

export interface DistrictPlan {
  district: { code: string; name: string; nameEn: string | null; geometries: InputGeometry[] };
  towns: PlannedTown[];
  communities: PlannedCommunity[];
  /** Polygons as given, or points the grid is drawn around (Voronoi cells cut to the boundary). */
  communityShape: 'polygons' | 'points';
  population: PlannedPopulation;
}

export type PlanResult = { plan: DistrictPlan } | { problems: string[] };

/** Division codes are digits, as the API's filters and scopes read them (500108001001). */
const DIVISION_CODE = /^\d{1,20}$/;
/** At most this many problems are listed: a wrong file would otherwise list every feature. */
const MAX_PROBLEMS = 20;

const POLYGONAL = new Set(['Polygon', 'MultiPolygon']);
const POINT = new Set(['Point']);

/** A property by name, whatever its case, as text (numbers too: a code read as a number). */
function textOf(properties: Record<string, unknown> | null, name: string): string | null {
  if (!properties) return null;
  const key = Object.keys(properties).find((each) => each.toLowerCase() === name);
  const value = key === undefined ? undefined : properties[key];
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

function countOf(properties: Record<string, unknown> | null, name: string): number | null | 'bad' {
  const text = textOf(properties, name);
  if (text === null) return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? Math.round(value) : 'bad';
}

/** A street office (街道) or a town (镇): Chinese names say which. */
export function townKind(name: string): 'street' | 'town' {
  return name.endsWith('镇') || name.endsWith('乡') ? 'town' : 'street';
}

export function planDistrict(input: { boundary: readonly InputFeature[]; divisions: readonly InputFeature[]; population?: readonly InputFeature[] }): PlanResult {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };

  // The boundary: polygons, the district's name (and code) on one of them.
  const boundary = input.boundary.filter((feature) => feature.geometry);
  if (!boundary.length) problem('the boundary file holds no boundary: give the district as one or more polygons');
  const notPolygons = boundary.filter((feature) => !POLYGONAL.has(feature.geometry!.type));
  if (notPolygons.length) problem(`the boundary must be polygons; the file holds ${notPolygons[0].geometry!.type}s`);
  const named = input.boundary.find((feature) => textOf(feature.properties, 'name'));
  if (boundary.length && !named) problem('the boundary has no name: give the district its name in a name property');
  const districtCode = textOf(named?.properties ?? null, 'code') ?? '0';
  if (!DIVISION_CODE.test(districtCode)) problem(`the district's code ${JSON.stringify(districtCode)} is not a division code (digits)`);

  // Divisions: town polygons (level = town) and communities.
  const townFeatures = input.divisions.filter((feature) => textOf(feature.properties, 'level')?.toLowerCase() === 'town');
  const communityFeatures = input.divisions.filter((feature) => !townFeatures.includes(feature));
  if (!communityFeatures.length) problem('the divisions file holds no communities');

  const towns = new Map<string, PlannedTown>();
  townFeatures.forEach((feature, index) => {
    const code = textOf(feature.properties, 'code');
    const name = textOf(feature.properties, 'name');
    const where = `town feature ${index + 1}${code ? ` (${code})` : ''}`;
    if (!code) return problem(`${where} has no code`);
    if (!DIVISION_CODE.test(code)) return problem(`${where}: the code ${JSON.stringify(code)} is not a division code (digits)`);
    if (!name) return problem(`${where} has no name`);
    if (!feature.geometry || !POLYGONAL.has(feature.geometry.type)) return problem(`${where} is not a polygon`);
    if (towns.has(code)) return problem(`town ${code} is given twice`);
    towns.set(code, { code, name, nameEn: textOf(feature.properties, 'name_en'), kind: townKind(name), geometry: feature.geometry });
  });

  const shapes = new Set(communityFeatures.map((feature) => (feature.geometry ? (POINT.has(feature.geometry.type) ? 'points' : POLYGONAL.has(feature.geometry.type) ? 'polygons' : feature.geometry.type) : 'none')));
  if (shapes.has('none')) problem('some communities have no geometry: give each one a polygon or a point');
  const otherShapes = [...shapes].filter((shape) => shape !== 'points' && shape !== 'polygons' && shape !== 'none');
  if (otherShapes.length) problem(`communities are polygons or points; the file holds ${otherShapes.join(', ')}`);
  if (shapes.has('points') && shapes.has('polygons')) problem('the communities mix points and polygons: give all of them as polygons, or all as points');
  const communityShape = shapes.has('points') ? 'points' : 'polygons';

  const communities: PlannedCommunity[] = [];
  const codes = new Set<string>();
  const totalsOnCommunities: Record<string, number> = {};
  communityFeatures.forEach((feature, index) => {
    const code = textOf(feature.properties, 'code');
    const name = textOf(feature.properties, 'name');
    const townCode = textOf(feature.properties, 'town_code');
    const townName = textOf(feature.properties, 'town_name');
    const where = `community ${index + 1}${code ? ` (${code}${name ? ` ${name}` : ''})` : ''}`;
    if (!code) return problem(`${where} has no code`);
    if (!DIVISION_CODE.test(code)) return problem(`${where}: the code ${JSON.stringify(code)} is not a division code (digits)`);
    if (codes.has(code)) return problem(`community ${code} is given twice`);
    codes.add(code);
    if (!name) return problem(`${where} has no name`);
    if (!townCode) return problem(`${where} names no town: give its town's code in town_code`);
    if (!DIVISION_CODE.test(townCode)) return problem(`${where}: the town code ${JSON.stringify(townCode)} is not a division code (digits)`);
    const town = towns.get(townCode);
    if (town && townName && town.name !== townName) return problem(`${where} calls town ${townCode} ${townName}, the town feature ${town.name}`);
    if (!town) {
      if (!townName) return problem(`${where}: town ${townCode} has no name: give town_name (or a town feature)`);
      towns.set(townCode, { code: townCode, name: townName, nameEn: textOf(feature.properties, 'town_name_en'), kind: townKind(townName), geometry: null });
    }
    const population = countOf(feature.properties, 'population');
    if (population === 'bad') return problem(`${where}: its population is not a count of people`);
    if (population !== null) totalsOnCommunities[code] = population;
    if (feature.geometry) communities.push({ code, townCode, name, nameEn: textOf(feature.properties, 'name_en'), geometry: feature.geometry });
  });
  for (const town of towns.values()) {
    if (!communities.some((community) => community.townCode === town.code)) problem(`town ${town.code} ${town.name} has no community`);
  }
  if (codes.size && [...towns.keys()].some((code) => codes.has(code))) problem('a town and a community share a code');

  const population = planPopulation(input.population, codes, totalsOnCommunities, problem);
  if (problems.length || !population || !named) return { problems };
  return {
    plan: {
      district: { code: districtCode, name: textOf(named.properties, 'name')!, nameEn: textOf(named.properties, 'name_en'), geometries: boundary.map((feature) => feature.geometry!) },
      towns: [...towns.values()].sort((a, b) => a.code.localeCompare(b.code)),
      communities: communities.sort((a, b) => a.code.localeCompare(b.code)),
      communityShape,
      population,
    },
  };
}

/**
 * A population file of polygons is a grid; one of rows naming communities (any geometry, or
 * none) holds totals. Without a file, every community's own `population` is its total.
 */
function planPopulation(
  features: readonly InputFeature[] | undefined,
  communityCodes: ReadonlySet<string>,
  totalsOnCommunities: Record<string, number>,
  problem: (text: string) => void,
): PlannedPopulation | undefined {
  if (!features) {
    const missing = [...communityCodes].filter((code) => !(code in totalsOnCommunities));
    if (missing.length) {
      problem(`no population: give a population file (a grid, or totals per community), or a population on every community (${missing.length} have none, such as ${missing[0]})`);
      return undefined;
    }
    return { kind: 'totals', totals: totalsOnCommunities };
  }
  if (!features.length) {
    problem('the population file holds no features');
    return undefined;
  }
  const isGrid = features.some((feature) => feature.geometry && POLYGONAL.has(feature.geometry.type));
  if (isGrid) {
    const cells: Array<{ geometry: InputGeometry; population: number }> = [];
    features.forEach((feature, index) => {
      const population = countOf(feature.properties, 'population');
      if (!feature.geometry || !POLYGONAL.has(feature.geometry.type)) return problem(`population cell ${index + 1} is not a polygon (a grid is polygons only)`);
      if (population === null || population === 'bad') return problem(`population cell ${index + 1} has no population (a count of people)`);
      cells.push({ geometry: feature.geometry, population });
    });
    return cells.length ? { kind: 'grid', cells } : undefined;
  }
  const totals: Record<string, number> = {};
  features.forEach((feature, index) => {
    const code = textOf(feature.properties, 'community_code') ?? textOf(feature.properties, 'code');
    const population = countOf(feature.properties, 'population');
    if (!code) return problem(`population row ${index + 1} names no community (code or community_code)`);
    if (!communityCodes.has(code)) return problem(`population row ${index + 1} names community ${code}, which the divisions do not hold`);
    if (population === null || population === 'bad') return problem(`population row ${index + 1} (${code}) has no population (a count of people)`);
    totals[code] = (totals[code] ?? 0) + population;
  });
  return { kind: 'totals', totals };
}

/**
 * A whole number of people shared over parts by weight (their areas), every share whole and the
 * shares adding up to the total exactly: largest remainders first, ties to the earlier part.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((acc, weight) => acc + Math.max(0, weight), 0);
  if (!weights.length) return [];
  if (sum <= 0) return weights.map((_, index) => (index === 0 ? total : 0));
  const exact = weights.map((weight) => (total * Math.max(0, weight)) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((acc, share) => acc + share, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    shares[index] += 1;
    left -= 1;
  }
  return shares;
}
