/**
 * What the administrator (or `npm run district:init`) is shown of a district before it replaces
 * the one the product serves, and after: `POST /api/district/check` answers it without writing,
 * `POST /api/district` (If-Match: the district layer's version in `version`) applies it.
 */

export interface DistrictFileSummary {
  name: string;
  features: number;
  /** What its coordinates were read as (said by the file, named, or told from the extent). */
  crs: string;
}

export interface DistrictSummary {
  district: { code: string; name: string; nameEn: string | null; areaKm2: number; bbox: [number, number, number, number]; centre: [number, number] };
  towns: Array<{ code: string; name: string; communities: number; population: number }>;
  communities: number;
  /** Polygons as given, or drawn around the given points. */
  communityShape: 'polygons' | 'points';
  population: { kind: 'grid' | 'totals'; cells: number; total: number };
  files: { boundary: DistrictFileSummary; divisions: DistrictFileSummary; population: DistrictFileSummary | null; roads: DistrictFileSummary | null };
  /** The walking network made from the roads file (edges between junctions); null without one: walking analysis then has no network. */
  roads: { edges: number; nodes: number; km: number } | null;
  /** What was cut or assumed on the way (slivers outside the boundary, communities without people). */
  notes: string[];
  /** What the product serves now, which applying replaces (with every facility, demand and project of it). */
  replaces: { name: string; towns: number; communities: number; facilities: number; demands: number; projects: number } | null;
  /** The district layer's data version the summary was made on: send it as If-Match to apply. */
  version: number;
  applied: boolean;
}

/** The form fields of both routes (multipart/form-data). */
export const DISTRICT_FILE_FIELDS = ['boundary', 'divisions', 'population', 'roads'] as const;

/** Size of the squares community totals are spread over, in metres (the demo grid's). */
export const POPULATION_SQUARE_METRES = 100;
