// Shared types of the demo-data generator: the real frame read from geodata/
// and the generated dataset. Coordinates are always WGS84 [lon, lat].
import type { Geometry, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { DemandSource } from '../../core/demands/demand-contract.ts';
import type { DemandStatus } from '../../core/demands/demand-states.ts';
import type { DemandOptimization } from '../../core/demands/demand-types.ts';
import type { HoldablePhase, ProjectPhase } from '../../core/projects/project-phases.ts';
import type { Milestone, ProjectSchedule } from '../../core/projects/project-schedule.ts';

export type LonLat = [number, number];

export interface FrameDistrict {
  code: string;
  name: string;
  nameEn: string;
  boundary: Polygon;
}

export interface FrameTown {
  code: string;
  name: string;
  nameEn: string;
  kind: 'street' | 'town';
  centre?: LonLat;
}

export interface FrameCommunity {
  code: string;
  townCode: string;
  name: string;
  nameEn: string;
  urCode: string;
  centre?: LonLat;
}

export interface Frame {
  district: FrameDistrict;
  towns: FrameTown[];
  communities: FrameCommunity[];
}

/** Layer ids in the order they are serialized. */
export const LAYER_IDS = [
  'district',
  'towns',
  'communities',
  'population',
  'roads',
  'bus_terminals',
  'bus_bay_stops',
  'smart_bus_shelters',
  'parking_lots',
  'primary_schools',
  'middle_schools',
  'kindergartens',
  'elderly_centres',
  'mutual_aid_points',
  'health_centres',
  'health_stations',
  'fresh_markets',
  'sports_parks',
  'security_pilots',
  'idle_plots',
  'trails',
  'slope_greening',
] as const;

export type LayerId = (typeof LAYER_IDS)[number];

export type PropertyValue = string | number | boolean;

export interface DemoFeature {
  type: 'Feature';
  id: number;
  geometry: Geometry;
  properties: Record<string, PropertyValue>;
}

export interface DemoDataset {
  seed: number;
  layers: Record<LayerId, DemoFeature[]>;
  /** The demand list (群众需求清单): not a map layer but its own table, so kept apart. */
  demands: DemoDemand[];
  /** The project library (项目库): its own table too, linked to the demands. */
  projects: DemoProject[];
}

/** One generated demand, in the columns of the `demands` table (times as ISO 8601, UTC). */
export interface DemoDemand {
  id: number;
  receipt: string;
  optimization: DemandOptimization;
  type: string;
  title: string;
  text: string;
  source: DemandSource;
  contact: string | null;
  status: DemandStatus;
  reason: string | null;
  reply: string | null;
  mergedInto: number | null;
  supportCount: number;
  communityCode: string;
  townCode: string;
  createdAt: string;
  updatedAt: string;
  /** When it first left `submitted` (null while it waits there). */
  answeredAt: string | null;
  version: number;
  point: LonLat;
}

/** Generated community polygon plus what later stages need to know about it. */
export interface CommunityCell {
  code: string;
  townCode: string;
  urCode: string;
  seed: LonLat;
  seedSource: 'official' | 'generated';
  geometry: Polygon | MultiPolygon;
}

/** One generated project, in the fields of the project API (times as ISO 8601, UTC; dates as YYYY-MM-DD). */
export interface DemoProject {
  /** The database spells the project code from the id (XM000001). */
  id: number;
  name: string;
  nameEn: string | null;
  optimization: DemandOptimization;
  type: string;
  phase: ProjectPhase;
  heldFrom: HoldablePhase | null;
  geometry: Point | LineString | Polygon;
  /** Where the generator placed it (the database derives its own from the geometry). */
  communityCode: string;
  townCode: string;
  sizeClass: 'large' | 'medium' | 'small';
  responsibleUnit: string;
  funding: Array<{ source: 'private' | 'state_owned' | 'fiscal'; amount: number }>;
  budget: number;
  deliverables: Array<{ indicator: string; amount: number }>;
  /** The facility it adds when completed; for a completed one, the feature it added (in the layer). */
  facility: { layer: string; properties: Record<string, PropertyValue> } | null;
  facilityFeatureId: number | null;
  demandIds: number[];
  published: boolean;
  opportunity: boolean;
  /** Recorded progress; null leaves the phase's default. */
  progress: number | null;
  schedule: ProjectSchedule;
  milestones: Milestone[];
  phaseSince: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}
