/**
 * What a new facility of a layer is in the project library: the project's type, and the demand
 * types (core/demands/demand-types.ts) of residents it answers. A project made from a siting
 * result takes its type from here and links the demands of these types inside its coverage
 * radius: a new car park answers requests for parking, an elderly-service centre those for
 * elderly care and canteens. The demo library's kinds agree (tests/core/projects-site-projects.test.ts).
 */
export interface FacilityProjectKind {
  type: string;
  demandTypes: readonly string[];
}

/** Only the layers whose project type or demands differ from the layer id in the singular. */
const NAMED: Readonly<Record<string, FacilityProjectKind>> = {
  bus_terminals: { type: 'bus_terminal', demandTypes: ['bus_stop'] },
  bus_bay_stops: { type: 'bus_bay_stop', demandTypes: ['bus_stop'] },
  smart_bus_shelters: { type: 'smart_bus_shelter', demandTypes: ['bus_shelter'] },
  parking_lots: { type: 'parking', demandTypes: ['parking'] },
  elderly_centres: { type: 'elderly_centre', demandTypes: ['elderly_care', 'canteen'] },
  mutual_aid_points: { type: 'mutual_aid_point', demandTypes: ['elderly_care', 'canteen'] },
  health_centres: { type: 'health_centre', demandTypes: ['health_station'] },
  fresh_markets: { type: 'fresh_market', demandTypes: ['fresh_market', 'convenience_store'] },
  sports_parks: { type: 'sports_park', demandTypes: ['sports', 'park'] },
  slope_greening: { type: 'slope_greening', demandTypes: ['greening', 'park'] },
  security_pilots: { type: 'security_pilot', demandTypes: ['security'] },
};

/** Any other layer: its id in the singular (kindergartens → kindergarten), answering demands of that type. */
export function facilityProjectKind(layerId: string): FacilityProjectKind {
  const named = NAMED[layerId];
  if (named) return named;
  const type = layerId.replace(/s$/, '');
  return { type, demandTypes: [type] };
}
