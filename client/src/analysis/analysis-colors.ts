/**
 * The analysis colours in one place, so the map layers and their legends cannot drift apart.
 * Covered share: a sequential blue ramp (more is better, and it stays readable for the common
 * colour-vision deficiencies) that starts at a clear light blue, so the lowest class is never
 * the near-white of an empty map or the grey of "no residents"; gaps: an orange-red ramp by population, on top of the blues;
 * isochrone bands: greens, darker for the nearer band.
 */
export type Rgba = [number, number, number, number];

export interface ShareClass {
  /** Lower bound of the class, as a share 0–1. */
  from: number;
  color: string;
}

export const SHARE_CLASSES: readonly ShareClass[] = [
  { from: 0, color: '#9ecae1' },
  { from: 0.2, color: '#6baed6' },
  { from: 0.4, color: '#4292c6' },
  { from: 0.6, color: '#2171b5' },
  { from: 0.8, color: '#084594' },
];

/** Communities without residents have no share at all. */
export const NO_SHARE_COLOR = '#d9d9d9';

/** People per 1 ha cell at which the gap colour saturates (the dense high-rise core is ~500). */
export const GAP_POPULATION_STOPS: readonly { population: number; color: Rgba }[] = [
  { population: 0, color: [254, 217, 142, 120] },
  { population: 100, color: [253, 141, 60, 160] },
  { population: 400, color: [189, 0, 38, 200] },
];

/**
 * Residents a community gains once the approved projects are built: a sequential green ramp
 * (more is better), and a pale grey for a community they do not reach.
 */
export const GAIN_CLASSES: readonly { from: number; color: string }[] = [
  { from: 1, color: '#c7e9c0' },
  { from: 200, color: '#74c476' },
  { from: 1000, color: '#31a354' },
  { from: 3000, color: '#006d2c' },
];
export const NO_GAIN_COLOR = '#f0f0f0';

/** A gap cell that a proposed facility now reaches. */
export const NEWLY_COVERED_COLOR: Rgba = [26, 152, 80, 200];

export const ISOCHRONE_COLORS: readonly Rgba[] = [
  [0, 109, 44, 120],
  [65, 171, 93, 100],
  [161, 217, 155, 90],
];

export const PROPOSAL_COLOR: Rgba = [123, 50, 148, 255];

/**
 * Siting results: chosen sites in a magenta no facility layer uses, the population cells they
 * newly cover in teal (apart from the salmon population grid and the orange-red gaps), and
 * p-median's demand-to-site lines in a faint magenta so the sites stay the strongest mark.
 */
export const SITE_COLOR = '#c2185b';
export const SITING_COVERED_COLOR: Rgba = [0, 137, 123, 170];
export const ASSIGNMENT_COLOR: Rgba = [194, 24, 91, 90];

/** Linear between the two stops around the value. */
export function colorForPopulation(population: number): Rgba {
  const stops = GAP_POPULATION_STOPS;
  if (population <= stops[0].population) return stops[0].color;
  for (let index = 1; index < stops.length; index += 1) {
    const low = stops[index - 1];
    const high = stops[index];
    if (population <= high.population) {
      const t = (population - low.population) / (high.population - low.population);
      return low.color.map((channel, at) => Math.round(channel + t * (high.color[at] - channel))) as Rgba;
    }
  }
  return stops[stops.length - 1].color;
}

export const rgbaCss = ([red, green, blue, alpha]: Rgba) => `rgba(${red}, ${green}, ${blue}, ${(alpha / 255).toFixed(2)})`;
