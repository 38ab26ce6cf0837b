// What a demo project delivers, in the plan's units (km of sidewalk and trail, parking spaces,
// seats, beds, sites, pilot compounds…), and the facility it adds to its layer once completed,
// named like the layer's own features and sized like them (seats in whole classes).
import * as turf from '@turf/turf';
import type { IndicatorId } from '../../core/targets/indicators.ts';
import type { DemoFeature, DemoProject, LayerId, PropertyValue } from './types.ts';
import { claimUniqueName } from './facility-placement.ts';
import type { Rng } from './random.ts';
import type { ProjectKind } from './project-kinds.ts';

interface PlaceNames {
  town: string;
  community: string;
  short: string;
  road: string;
}

type Facility = NonNullable<DemoProject['facility']>;

/** Facility name and the layer's extra columns, per layer. */
const FACILITY_SHAPES: Readonly<Partial<Record<LayerId, (names: PlaceNames, rng: Rng) => { name: (ordinal: string) => string; extra: Record<string, PropertyValue> }>>> = {
  parking_lots: (n, r) => ({ name: (o) => `${n.short}${o}公共停车场`, extra: { spaces: r.int(6, 60) * 10 } }),
  bus_terminals: (n) => ({ name: (o) => `${n.short}${o}公交首末站`, extra: {} }),
  bus_bay_stops: (n) => ({ name: (o) => `${n.short}${o}港湾式公交站`, extra: {} }),
  smart_bus_shelters: (n) => ({ name: (o) => `${n.short}${o}智慧候车亭`, extra: {} }),
  kindergartens: (n, r) => ({ name: (o) => `${n.short}${o}幼儿园`, extra: { seats: r.int(6, 12) * 30, ownership: r.chance(0.6) ? 'inclusive' : 'public' } }),
  primary_schools: (n, r) => ({ name: (o) => `${n.short}${o}小学`, extra: { seats: r.int(18, 48) * 45 } }),
  middle_schools: (n, r) => ({ name: (o) => `${n.short}${o}中学`, extra: { seats: r.int(24, 60) * 50 } }),
  elderly_centres: (n, r) => ({ name: (o) => `${n.short}${o}养老服务中心`, extra: { beds: r.int(40, 150) } }),
  mutual_aid_points: (n, r) => ({ name: (o) => `${n.community}${o}互助养老点`, extra: { beds: r.int(6, 20) } }),
  health_centres: (n, r) => ({ name: (o) => `${n.short}${o}社区卫生服务中心`, extra: { beds: r.int(20, 80) } }),
  fresh_markets: (n, r) => ({ name: (o) => `${n.short}${o}智慧生鲜市场`, extra: { stalls: r.int(40, 220) } }),
  sports_parks: (n, r) => ({ name: (o) => `${n.community}${o}体育公园`, extra: { area_m2: r.int(300, 3000) * 10 } }),
  security_pilots: (n) => ({ name: (o) => `${n.community}${o}智慧安防小区`, extra: {} }),
  slope_greening: (n) => ({ name: (o) => `${n.short}${o}坡地绿化点`, extra: {} }),
  trails: (n) => ({ name: (o) => `${n.short}${o}步道`, extra: {} }),
};

/** The facility a new project will add: a name no feature of the layer (or earlier project) has. */
export function projectFacility(
  kind: ProjectKind,
  layer: LayerId,
  names: PlaceNames,
  usedByLayer: Map<string, Set<string>>,
  layers: Readonly<Record<LayerId, DemoFeature[]>>,
  rng: Rng,
): Facility {
  const shape = FACILITY_SHAPES[layer];
  if (!shape) throw new Error(`no facility shape for ${layer} (project type ${kind.type})`);
  let used = usedByLayer.get(layer);
  if (!used) {
    used = new Set(layers[layer].map((feature) => String(feature.properties.name)));
    usedByLayer.set(layer, used);
  }
  const { name, extra } = shape(names, rng);
  const properties: Record<string, PropertyValue> = { name: claimUniqueName(used, (ordinal) => name(ordinal ?? '')), ...extra };
  // A line's length and an area's size are measured by the server from the geometry when it is added.
  return { layer, properties };
}

/** Deliverables in the plan's units; a facility's capacity is what it delivers. */
/** Named by the yearly list's indicators (core/targets/indicators.ts), so the targets count them. */
export function projectDeliverables(kind: ProjectKind, facility: Facility | null, geometry: DemoProject['geometry'], lengthM: number | null, rng: Rng): Array<{ indicator: IndicatorId; amount: number }> {
  const capacity = (column: string) => Number(facility?.properties[column] ?? 0);
  const km = Math.round((lengthM ?? 0) / 10) / 100;
  switch (kind.type) {
    case 'sidewalk':
    case 'pedestrian_street':
      return [{ indicator: 'sidewalk_km', amount: km }];
    case 'trail':
      return [{ indicator: 'trail_km', amount: km }];
    case 'parking':
      return [{ indicator: 'parking_spaces', amount: capacity('spaces') }];
    case 'bus_terminal':
      return [{ indicator: 'bus_terminals', amount: 1 }];
    case 'bus_bay_stop':
      return [{ indicator: 'bay_stops', amount: 1 }];
    case 'smart_bus_shelter':
      return [{ indicator: 'smart_shelters', amount: 1 }];
    case 'kindergarten':
      return [{ indicator: 'kindergartens', amount: 1 }, { indicator: 'seats', amount: capacity('seats') }];
    case 'primary_school':
    case 'middle_school':
      // A school project that adds a school to its layer opens one.
      return [{ indicator: 'school_projects', amount: 1 }, ...(facility ? [{ indicator: 'schools_opened' as const, amount: 1 }] : []), { indicator: 'seats', amount: capacity('seats') }];
    case 'elderly_centre':
      return [{ indicator: 'elderly_centres', amount: 1 }, { indicator: 'beds', amount: capacity('beds') }];
    case 'mutual_aid_point':
      return [{ indicator: 'mutual_aid_points', amount: 1 }, { indicator: 'beds', amount: capacity('beds') }];
    case 'health_centre':
      return [{ indicator: 'health_centres', amount: 1 }, { indicator: 'beds', amount: capacity('beds') }];
    case 'fresh_market':
      return [{ indicator: 'smart_markets', amount: 1 }];
    case 'slope_greening':
      return [{ indicator: 'greening_sites', amount: 1 }, { indicator: 'greening_m2', amount: Math.round(areaOf(geometry)) }];
    case 'sports_park':
      return [{ indicator: 'sports_parks', amount: 1 }];
    case 'office_building':
      return [{ indicator: 'floor_area_m2', amount: rng.int(40, 600) * 100 }];
    case 'security_pilot':
      return [{ indicator: 'security_pilots', amount: 1 }];
    case 'fire_hydrant':
      return [{ indicator: 'hydrant_buildings', amount: rng.int(2, 12) }];
    case 'elevator_retrofit':
      return [{ indicator: 'elevators', amount: rng.int(2, 16) }];
    default:
      throw new Error(`no deliverables for project type ${kind.type}`);
  }
}

function areaOf(geometry: DemoProject['geometry']): number {
  return geometry.type === 'Polygon' ? turf.area(geometry) : 0;
}
