// The demo project library (项目库): about 150 projects over the seven optimizations, in every
// phase around the demo's fixed today, each answering demands of its sub-type nearby. A
// completed project that adds a facility is one the map already shows (its feature is in the
// layer, as a completion puts it there); the others stand where their demands are, a sidewalk or
// a trail traced along the streets, a greening site drawn beside its demand.
// Pure and seeded: the same seed gives the same projects, byte for byte.
import type { LineString, Point } from 'geojson';
import type { DemandStatus } from '../../core/demands/demand-states.ts';
import type { ProjectPhase } from '../../core/projects/project-phases.ts';
import { settableProperties } from '../../core/layers/feature-input.ts';
import { findLayer } from '../../core/layers/registry.ts';
import type { DemoDemand, DemoFeature, DemoProject, LayerId, LonLat } from './types.ts';
import { distanceXY, type XY } from './geo-math.ts';
import { createWeightedSampler, samplePointInCell, toChineseOrdinal, type PlacedPoint, type PlacementContext } from './facility-placement.ts';
import type { Rng } from './random.ts';
import { PROJECT_KINDS, type FundingSource, type ProjectKind } from './project-kinds.ts';
import { createRoadIndex, drawGreeningSite, lineLengthM, locate, placeNear, pointGeometry, traceAlongRoads, type RoadIndex } from './project-places.ts';
import { drawProjectSchedule, type SizeClass } from './project-schedule-draw.ts';
import { projectFacility, projectDeliverables } from './project-outputs.ts';

export const DEMO_PROJECT_COUNT = PROJECT_KINDS.reduce((sum, kind) => sum + kind.count, 0);

const PHASES: readonly ProjectPhase[] = ['proposed', 'approved', 'design', 'construction', 'completed', 'on_hold', 'cancelled'];
const PHASE_WEIGHTS = [12, 16, 14, 26, 24, 5, 4];

/**
 * The status a demand linked to a project in this phase has reached: linking plans it, the
 * completion resolves it, a cancellation lets it go back to the list (the link stays as a record).
 */
const LINKED_STATUS: Readonly<Record<ProjectPhase, DemandStatus>> = {
  proposed: 'planned', approved: 'planned', design: 'planned', construction: 'planned', completed: 'resolved', on_hold: 'planned', cancelled: 'accepted',
};

/** How far from a project its linked demands may be: a school serves farther than a shelter. */
const LINK_RADIUS_M: Readonly<Record<string, number>> = {
  primary_school: 900, middle_school: 1200, elderly_centre: 1200, health_centre: 1200, trail: 400, sidewalk: 250, pedestrian_street: 400,
};
const MAX_LINKED = 4;

export interface ProjectGenerationContext {
  placement: PlacementContext;
  layers: Readonly<Record<LayerId, DemoFeature[]>>;
  demands: readonly DemoDemand[];
}

interface Drafting {
  context: ProjectGenerationContext;
  roads: RoadIndex;
  linkedDemands: Set<number>;
  usedFeatures: Set<string>;
  usedNames: Set<string>;
  facilityNames: Map<string, Set<string>>;
  demandXY: Map<number, XY>;
}

export function buildDemoProjects(context: ProjectGenerationContext, rng: Rng): DemoProject[] {
  const drafting: Drafting = {
    context,
    roads: createRoadIndex(context.layers.roads, context.placement),
    linkedDemands: new Set(),
    usedFeatures: new Set(),
    usedNames: new Set(),
    facilityNames: new Map(),
    demandXY: new Map(context.demands.map((demand) => [demand.id, context.placement.plane.toXY(demand.point)])),
  };
  const phaseRng = rng.fork('phases');
  const projects: DemoProject[] = [];
  for (const kind of PROJECT_KINDS) {
    for (let index = 0; index < kind.count; index += 1) {
      const phase = PHASES[phaseRng.weightedIndex(PHASE_WEIGHTS)];
      projects.push(draftProject(drafting, kind, phase, projects.length + 1, rng.fork(`${kind.type}:${index}`)));
    }
  }
  return projects;
}

function draftProject(drafting: Drafting, kind: ProjectKind, chosenPhase: ProjectPhase, id: number, rng: Rng): DemoProject {
  const { placement } = drafting.context;
  // A completed project with a facility is one the layer already holds; with none left, it is still being built.
  const built = chosenPhase === 'completed' && kind.layer ? pickBuiltFeature(drafting, kind, rng) : undefined;
  const phase: ProjectPhase = chosenPhase === 'completed' && kind.layer && !built ? 'construction' : chosenPhase;
  const wanted = LINKED_STATUS[phase];
  const anchor = built ? undefined : pickAnchorDemand(drafting, kind, wanted, rng);
  const anchorPoint = built ? representativePoint(built.geometry) : anchor?.point ?? samplePlace(placement, kind, rng).point;

  const { geometry, placed } = built
    ? { geometry: built.geometry as DemoProject['geometry'], placed: locate(anchorPoint, placement)! }
    : drawGeometry(drafting, kind, anchorPoint, rng);
  const demandIds = linkDemands(drafting, kind, geometry, wanted, anchor);

  const budget = roundTo(logUniform(rng, ...kind.budget), 10_000);
  const sizeClass: SizeClass = budget >= 50_000_000 ? 'large' : budget >= 10_000_000 ? 'medium' : 'small';
  const skipsDesign = sizeClass === 'small' && rng.chance(0.45);
  const drawn = drawProjectSchedule(phase, sizeClass, skipsDesign, rng);
  const names = placeNames(placement, placed);
  const name = claimProjectName(drafting.usedNames, built ? `${String(built.properties.name)}${builtSuffix(kind)}` : fill(rng.pick(kind.names), names));
  const lengthM = geometry.type === 'LineString' ? lineLengthM(geometry, placement) : null;
  const facility = kind.layer ? (built ? builtFacility(kind.layer, built) : projectFacility(kind, kind.layer, names, drafting.facilityNames, drafting.context.layers, rng)) : null;
  const funding = drawFunding(kind, budget, rng);
  const published = phase !== 'proposed' && phase !== 'cancelled' && rng.chance(0.9);
  return {
    id,
    name,
    nameEn: null,
    optimization: kind.optimization,
    type: kind.type,
    phase,
    heldFrom: drawn.heldFrom,
    geometry,
    communityCode: placed.communityCode,
    townCode: placed.townCode,
    sizeClass,
    responsibleUnit: rng.pick(kind.responsibleUnits),
    funding,
    budget,
    // The large projects are the towns' demonstration points (示范点).
    deliverables: [...projectDeliverables(kind, facility, geometry, lengthM, rng), ...(sizeClass === 'large' ? [{ indicator: 'demonstration_points' as const, amount: 1 }] : [])],
    facility,
    facilityFeatureId: built ? built.id : null,
    demandIds,
    published,
    opportunity: funding.some((part) => part.source === 'private') && (phase === 'proposed' || phase === 'approved' || phase === 'design') && rng.chance(0.6),
    progress: drawn.progress,
    schedule: drawn.schedule,
    milestones: drawn.milestones,
    phaseSince: drawn.phaseSince,
    createdAt: `${drawn.createdOn}T02:00:00.000Z`,
    updatedAt: `${drawn.updatedOn}T08:00:00.000Z`,
    version: drawn.moves + 1,
  };
}

/** An unused feature of the layer, preferably one with a resolved demand of the kind nearby. */
function pickBuiltFeature(drafting: Drafting, kind: ProjectKind, rng: Rng): DemoFeature | undefined {
  const features = drafting.context.layers[kind.layer!].filter((feature) => !drafting.usedFeatures.has(`${kind.layer}:${feature.id}`));
  if (!features.length) return undefined;
  const resolved = drafting.context.demands.filter((demand) => demand.status === 'resolved' && kind.demandTypes.includes(demand.type) && !drafting.linkedDemands.has(demand.id));
  const radius = LINK_RADIUS_M[kind.type] ?? 600;
  const near = features.filter((feature) => {
    const xy = drafting.context.placement.plane.toXY(representativePoint(feature.geometry));
    return resolved.some((demand) => distanceXY(drafting.demandXY.get(demand.id)!, xy) <= radius);
  });
  const feature = rng.pick(near.length ? near : features);
  drafting.usedFeatures.add(`${kind.layer}:${feature.id}`);
  return feature;
}

/** The demand a new project answers: one of its sub-types in the right state, the most supported likelier. */
function pickAnchorDemand(drafting: Drafting, kind: ProjectKind, status: DemandStatus, rng: Rng): DemoDemand | undefined {
  const { names } = drafting.context.placement;
  const candidates = drafting.context.demands.filter((demand) =>
    demand.status === status && kind.demandTypes.includes(demand.type) && !drafting.linkedDemands.has(demand.id)
    && (kind.place !== 'village' || names.isVillage(demand.communityCode))
    && (kind.place !== 'urban' || !names.isVillage(demand.communityCode)));
  if (!candidates.length) return undefined;
  return candidates[rng.weightedIndex(candidates.map((demand) => 1 + Math.sqrt(demand.supportCount)))];
}

/** A populated place for a project no demand asked for (a village for a village kind). */
function samplePlace(placement: PlacementContext, kind: ProjectKind, rng: Rng): PlacedPoint {
  const cells = placement.cells.filter((cell) => kind.place === 'village' ? placement.names.isVillage(cell.communityCode) : kind.place === 'urban' ? cell.urCode !== '220' : true);
  const sample = createWeightedSampler(cells, (cell) => cell.population)!;
  for (;;) {
    const placed = samplePointInCell(sample(rng), placement, rng);
    if (placed) return placed;
  }
}

function drawGeometry(drafting: Drafting, kind: ProjectKind, anchor: LonLat, rng: Rng): { geometry: DemoProject['geometry']; placed: PlacedPoint } {
  const { placement } = drafting.context;
  if (kind.shape === 'sidewalk' || kind.shape === 'trail') {
    const classes = kind.shape === 'trail' ? ['path', 'street'] : ['street', 'arterial'];
    const target = kind.shape === 'trail' ? rng.uniform(1200, 4500) : rng.uniform(350, 1800);
    const line = traceAlongRoads(drafting.roads, anchor, placement, classes, target, rng);
    return { geometry: line, placed: primaryPlace(line, placement) };
  }
  if (kind.shape === 'area') {
    const site = drawGreeningSite(anchor, placement, rng, logUniform(rng, 1500, 12_000));
    if (site) return { geometry: site.polygon, placed: site.centre };
  }
  const placed = placeNear(anchor, placement, rng, kind.place === 'village' ? 250 : 180);
  return { geometry: pointGeometry(placed), placed };
}

/** The community holding the line's middle vertex (the primary one, roughly by share). */
function primaryPlace(line: LineString, placement: PlacementContext): PlacedPoint {
  const coordinates = line.coordinates as LonLat[];
  for (let offset = 0; offset < coordinates.length; offset += 1) {
    const placed = locate(coordinates[(Math.floor(coordinates.length / 2) + offset) % coordinates.length], placement);
    if (placed) return placed;
  }
  throw new Error('a traced line lies outside every community');
}

/** The anchor and up to three more demands of the kind's sub-types in the same state, nearest first. */
function linkDemands(drafting: Drafting, kind: ProjectKind, geometry: DemoProject['geometry'], status: DemandStatus, anchor: DemoDemand | undefined): number[] {
  const { placement } = drafting.context;
  const points = (geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'LineString' ? geometry.coordinates : geometry.coordinates[0]) as LonLat[];
  const vertices = points.map((point) => placement.plane.toXY(point));
  const radius = LINK_RADIUS_M[kind.type] ?? 600;
  const nearby = drafting.context.demands
    .filter((demand) => demand !== anchor && demand.status === status && kind.demandTypes.includes(demand.type) && !drafting.linkedDemands.has(demand.id))
    .map((demand) => ({ demand, distance: Math.min(...vertices.map((vertex) => distanceXY(vertex, drafting.demandXY.get(demand.id)!))) }))
    .filter((entry) => entry.distance <= radius)
    .sort((a, b) => a.distance - b.distance || a.demand.id - b.demand.id)
    .slice(0, anchor ? MAX_LINKED - 1 : MAX_LINKED)
    .map((entry) => entry.demand);
  const linked = [...(anchor ? [anchor] : []), ...nearby].map((demand) => demand.id).sort((a, b) => a - b);
  for (const demandId of linked) drafting.linkedDemands.add(demandId);
  return linked;
}

function representativePoint(geometry: DemoFeature['geometry']): LonLat {
  const point = geometry as Point;
  if (geometry.type === 'Point') return point.coordinates as LonLat;
  if (geometry.type === 'LineString') return (geometry as LineString).coordinates[Math.floor((geometry as LineString).coordinates.length / 2)] as LonLat;
  if (geometry.type === 'Polygon') return geometry.coordinates[0][0] as LonLat;
  throw new Error(`no representative point for a ${geometry.type}`);
}

/** A built facility's properties as a project names them: what a user sets, not what the server derives or measures. */
function builtFacility(layer: LayerId, feature: DemoFeature): NonNullable<DemoProject['facility']> {
  return { layer, properties: Object.fromEntries(settableProperties(findLayer(layer)!).map((column) => [column, feature.properties[column]])) };
}

function builtSuffix(kind: ProjectKind): string {
  if (kind.type === 'trail') return '建设工程';
  if (kind.type === 'slope_greening') return '建设工程';
  if (kind.type === 'elderly_centre' || kind.type === 'health_centre' || kind.type === 'fresh_market' || kind.type === 'security_pilot') return '改造提升项目';
  return '新建工程';
}

interface PlaceNames {
  town: string;
  community: string;
  short: string;
  road: string;
}

function placeNames(placement: PlacementContext, placed: PlacedPoint): PlaceNames {
  const short = placement.names.communityShort(placed.communityCode);
  return {
    town: placement.names.town(placed.townCode),
    community: placement.names.community(placed.communityCode),
    short,
    road: /[路街道巷]$/.test(short) ? short : `${short}路`,
  };
}

function fill(template: string, names: PlaceNames): string {
  return template.replace(/\{(town|community|short|road)\}/g, (_, key: keyof PlaceNames) => names[key]);
}

/** A second project of the same name is its second phase (二期), and so on. */
function claimProjectName(used: Set<string>, name: string): string {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? name : `${name}（${toChineseOrdinal(n)}期）`;
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
}

/** One to three sources in the kind's mix, amounts to the ten thousand yuan, adding up to the budget. */
function drawFunding(kind: ProjectKind, budget: number, rng: Rng): DemoProject['funding'] {
  const sources = (Object.entries(kind.funding) as [FundingSource, number][]).filter(([, weight]) => weight > 0);
  const chosen = sources.filter(([, weight]) => rng.chance(Math.min(0.95, weight / Math.max(...sources.map(([, w]) => w)))));
  const mix = chosen.length ? chosen : [sources[rng.weightedIndex(sources.map(([, weight]) => weight))]];
  const shares = mix.map(([, weight]) => weight * rng.uniform(0.5, 1.5));
  const total = shares.reduce((sum, share) => sum + share, 0);
  const amounts = shares.map((share) => roundTo((budget * share) / total, 10_000));
  amounts[0] += budget - amounts.reduce((sum, amount) => sum + amount, 0);
  const order: FundingSource[] = ['fiscal', 'state_owned', 'private'];
  return mix.map(([source], index) => ({ source, amount: amounts[index] })).sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
}

function logUniform(rng: Rng, min: number, max: number): number {
  return min * Math.exp(rng.next() * Math.log(max / min));
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}
