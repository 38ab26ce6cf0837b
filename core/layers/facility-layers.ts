import { DEMO_ATTRIBUTION, FACILITY_COLUMNS, choice, integer, real, text } from './define-layer.ts';
import type { GeometryType, LayerDefinition, PropertyDefinition } from './define-layer.ts';
import type { BilingualText } from '../i18n-text.ts';
import type { OptimizationCategory } from '../optimizations.ts';

interface FacilityDeclaration {
  id: string;
  category: Exclude<OptimizationCategory, 'base' | 'workflow'>;
  title: BilingualText;
  description: BilingualText;
  color: string;
  geometry?: GeometryType;
  extra?: Record<string, PropertyDefinition>;
  capacity?: { column: string; unit: BilingualText };
}

const SEATS = { zh: '学位', en: 'seats' };
const BEDS = { zh: '床位', en: 'beds' };

/** Facilities share a shape (name, community, town, demo flag); only what differs is declared. */
function declareFacility(declaration: FacilityDeclaration): LayerDefinition {
  const geometry = declaration.geometry ?? 'Point';
  const { name, community_code, town_code, demo } = FACILITY_COLUMNS;
  return {
    id: declaration.id,
    title: declaration.title,
    description: declaration.description,
    kind: 'facility',
    category: declaration.category,
    geometry,
    properties: { name, ...declaration.extra, community_code, town_code, demo },
    capacity: declaration.capacity,
    style: { color: declaration.color, size: geometry === 'Point' ? 5 : 1.5, fillOpacity: geometry === 'Point' ? undefined : 0.45 },
    // From zoom 8 the whole district fits a phone screen; facilities should show there too.
    minzoom: 8,
    maxzoom: 22,
    attribution: DEMO_ATTRIBUTION,
    demo: true,
  };
}

const area = { area_m2: real('面积（平方米）', 'Area (m²)') };

export const FACILITY_LAYERS: readonly LayerDefinition[] = [
  declareFacility({ id: 'bus_terminals', category: 1, color: '#08519c', title: { zh: '公交首末站', en: 'Bus terminals' }, description: { zh: '公交首末站', en: 'Bus route terminals' } }),
  declareFacility({ id: 'bus_bay_stops', category: 1, color: '#3182bd', title: { zh: '港湾式停靠站', en: 'Bus bay stops' }, description: { zh: '港湾式公交停靠站', en: 'Lay-by bus stops' } }),
  declareFacility({ id: 'smart_bus_shelters', category: 1, color: '#6baed6', title: { zh: '智慧公交站台', en: 'Smart bus shelters' }, description: { zh: '智慧公交站台', en: 'Bus shelters with real-time information' } }),
  declareFacility({
    id: 'parking_lots', category: 1, color: '#4a6fa5', title: { zh: '停车场', en: 'Parking lots' }, description: { zh: '公共停车场及停车位', en: 'Public parking lots and their spaces' },
    extra: { spaces: integer('停车位', 'Spaces') }, capacity: { column: 'spaces', unit: { zh: '个车位', en: 'spaces' } },
  }),
  declareFacility({
    id: 'primary_schools', category: 2, color: '#e6550d', title: { zh: '小学', en: 'Primary schools' }, description: { zh: '小学及学位', en: 'Primary schools and their seats' },
    extra: { seats: integer('学位', 'Seats') }, capacity: { column: 'seats', unit: SEATS },
  }),
  declareFacility({
    id: 'middle_schools', category: 2, color: '#a63603', title: { zh: '中学', en: 'Middle schools' }, description: { zh: '初中及学位', en: 'Middle schools and their seats' },
    extra: { seats: integer('学位', 'Seats') }, capacity: { column: 'seats', unit: SEATS },
  }),
  declareFacility({
    id: 'kindergartens', category: 2, color: '#fd8d3c', title: { zh: '幼儿园', en: 'Kindergartens' }, description: { zh: '公办、普惠性及民办幼儿园', en: 'Public, inclusive and private kindergartens' },
    extra: { seats: integer('学位', 'Seats'), ownership: choice('办园性质', 'Ownership', ['public', 'inclusive', 'private']) },
    capacity: { column: 'seats', unit: SEATS },
  }),
  declareFacility({
    id: 'elderly_centres', category: 3, color: '#a50f15', title: { zh: '镇街养老服务中心', en: 'Elderly-service centres' }, description: { zh: '镇街养老服务中心', en: 'Town elderly-service centres' },
    extra: { beds: integer('床位', 'Beds') }, capacity: { column: 'beds', unit: BEDS },
  }),
  declareFacility({
    id: 'mutual_aid_points', category: 3, color: '#ef3b2c', title: { zh: '农村互助养老点', en: 'Mutual-aid elderly points' }, description: { zh: '农村互助养老点', en: 'Rural mutual-aid elderly-care points' },
    extra: { beds: integer('床位', 'Beds') }, capacity: { column: 'beds', unit: BEDS },
  }),
  declareFacility({
    id: 'health_centres', category: 3, color: '#cb181d', title: { zh: '社区卫生服务中心', en: 'Community health centres' }, description: { zh: '社区卫生服务中心及卫生院', en: 'Community health centres and town hospitals' },
    extra: { beds: integer('床位', 'Beds') }, capacity: { column: 'beds', unit: BEDS },
  }),
  declareFacility({ id: 'health_stations', category: 3, color: '#fb6a4a', title: { zh: '社区卫生服务站', en: 'Community health stations' }, description: { zh: '社区卫生服务站', en: 'Community health stations' } }),
  declareFacility({
    id: 'fresh_markets', category: 4, color: '#756bb1', title: { zh: '智慧生鲜市场', en: 'Fresh markets' }, description: { zh: '智慧生鲜市场（农贸市场）', en: 'Smart fresh-food markets' },
    extra: { stalls: integer('摊位', 'Stalls') }, capacity: { column: 'stalls', unit: { zh: '个摊位', en: 'stalls' } },
  }),
  declareFacility({
    id: 'sports_parks', category: 5, color: '#31a354', title: { zh: '社区体育公园', en: 'Community sports parks' }, description: { zh: '社区体育公园', en: 'Community sports parks' },
    extra: area,
  }),
  declareFacility({
    id: 'trails', category: 5, color: '#006d2c', geometry: 'LineString', title: { zh: '步道', en: 'Trails' }, description: { zh: '南山步道、两江三桥步道、南滨步道', en: 'Nanshan, Two-Rivers-Three-Bridges and Nanbin trails' },
    extra: { name_en: text('英文名', 'English name'), length_m: real('长度（米）', 'Length (m)') },
  }),
  declareFacility({
    id: 'slope_greening', category: 5, color: '#74c476', geometry: 'Polygon', title: { zh: '坡坎崖绿化', en: 'Slope greening' }, description: { zh: '坡坎崖绿化美化点位', en: 'Greening of steep slopes, banks and cliffs' },
    extra: area,
  }),
  declareFacility({
    id: 'idle_plots', category: 6, color: '#8c564b', geometry: 'Polygon', title: { zh: '闲置地块', en: 'Idle plots' }, description: { zh: '闲置地块（候选用地）', en: 'Vacant or idle plots, candidate sites' },
    extra: area,
  }),
  declareFacility({ id: 'security_pilots', category: 7, color: '#525252', title: { zh: '智慧安防小区', en: 'Smart-security pilots' }, description: { zh: '智慧安防试点小区', en: 'Smart-security pilot residential compounds' } }),
];
