import { createHash } from 'node:crypto';
import * as turf from '@turf/turf';
import type { LineString, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DEMAND_TYPES } from '../../core/demands/demand-types.ts';
import { featurePropertiesSchema } from '../../core/layers/feature-input.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { PROJECT_PHASES } from '../../core/projects/project-phases.ts';
import { computeLateness } from '../../core/projects/project-schedule.ts';
import type { DemoModel } from '../../server/demo/generate.ts';
import { PROJECT_KINDS } from '../../server/demo/project-kinds.ts';
import { REFERENCE_DATE } from '../../server/demo/project-schedule-draw.ts';
import { buildDemoDemandsAndProjects } from '../../server/demo/demands-and-projects.ts';
import { DEMO_PROJECT_COUNT } from '../../server/demo/projects.ts';
import { createRng } from '../../server/demo/random.ts';
import { serializeDemoProjects } from '../../server/demo/serialize.ts';
import type { DemoDemand, DemoProject } from '../../server/demo/types.ts';
import { ringProblems } from './geometry-checks.ts';
import { loadDemoModel } from './demo-fixture.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let model: DemoModel;
let projects: DemoProject[];
let demandsById: Map<number, DemoDemand>;

beforeAll(() => {
  ({ model } = loadDemoModel());
  projects = model.dataset.projects;
  demandsById = new Map(model.dataset.demands.map((demand) => [demand.id, demand]));
});

/** The projects as `generateDemoDataset` draws them, from the model's places and layers, with the demands they answer. */
function regenerate(seed: number): string {
  const { placement, dataset } = model;
  return serializeDemoProjects(buildDemoDemandsAndProjects({ placement, layers: dataset.layers }, createRng(seed)).projects);
}

const countBy = <T>(items: readonly T[], key: (item: T) => string | number) => {
  const counts = new Map<string | number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

const metresBetween = (a: Position, b: Position) => turf.distance(a, b, { units: 'kilometers' }) * 1000;

describe('demo projects: determinism', () => {
  it('gives the same bytes for the same seed, without Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used by the project generator');
    });
    try {
      expect(sha256(regenerate(model.dataset.seed))).toBe(sha256(serializeDemoProjects(projects)));
    } finally {
      spy.mockRestore();
    }
  });

  it('gives different projects for a different seed', () => {
    expect(sha256(regenerate(1))).not.toBe(sha256(serializeDemoProjects(projects)));
  });
});

describe('demo projects: the library', () => {
  it('has about 150 projects, ids 1..n, in the plan’s proportions over the seven optimizations', () => {
    expect(projects).toHaveLength(DEMO_PROJECT_COUNT);
    expect(DEMO_PROJECT_COUNT).toBeGreaterThanOrEqual(140);
    expect(DEMO_PROJECT_COUNT).toBeLessThanOrEqual(160);
    expect(projects.map((project) => project.id)).toEqual(projects.map((_, index) => index + 1));
    const byOptimization = countBy(projects, (project) => project.optimization);
    expect([...byOptimization.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Travel (sidewalks, parking, stops) is the largest share; industry buildings the smallest.
    expect(byOptimization.get(1)).toBe(Math.max(...byOptimization.values()));
    expect(byOptimization.get(6)).toBe(Math.min(...byOptimization.values()));
    for (const kind of PROJECT_KINDS) expect(projects.filter((project) => project.type === kind.type)).toHaveLength(kind.count);
    // A smart-security pilot in every town (the plan: 全区镇街各建成x个以上试点小区).
    expect(projects.filter((project) => project.type === 'security_pilot').length).toBeGreaterThanOrEqual(new Set(model.placement.cells.map((cell) => model.placement.communities.byCode.get(cell.communityCode)!.townCode)).size);
  });

  it('is in every phase, every size class and every funding source, with unique Chinese names', () => {
    expect([...countBy(projects, (project) => project.phase).keys()].sort()).toEqual([...PROJECT_PHASES].sort());
    expect([...countBy(projects, (project) => project.sizeClass).keys()].sort()).toEqual(['large', 'medium', 'small']);
    const sources = countBy(projects.flatMap((project) => project.funding), (part) => part.source);
    expect([...sources.keys()].sort()).toEqual(['fiscal', 'private', 'state_owned']);
    expect(projects.filter((project) => project.funding.length > 1).length).toBeGreaterThan(20);
    expect(new Set(projects.map((project) => project.name)).size).toBe(projects.length);
    for (const project of projects) expect(project.name).toMatch(/^[\u4e00-\u9fff（）“”]+$/);
  });

  it('adds up its funding to the budget, and sizes follow the budget', () => {
    for (const project of projects) {
      expect(project.funding.reduce((sum, part) => sum + part.amount, 0)).toBe(project.budget);
      expect(project.funding.every((part) => part.amount > 0)).toBe(true);
      expect(project.sizeClass).toBe(project.budget >= 50_000_000 ? 'large' : project.budget >= 10_000_000 ? 'medium' : 'small');
    }
  });

  it('delivers in the plan’s units, and a facility that its layer would accept', () => {
    for (const project of projects) {
      expect(project.deliverables.length).toBeGreaterThan(0);
      for (const deliverable of project.deliverables) expect(deliverable.amount).toBeGreaterThan(0);
      const kind = PROJECT_KINDS.find((candidate) => candidate.type === project.type)!;
      expect(project.facility?.layer ?? null).toBe(kind.layer ?? null);
      if (!project.facility) continue;
      const layer = findLayer(project.facility.layer)!;
      expect(featurePropertiesSchema(layer).safeParse(project.facility.properties).success).toBe(true);
      expect(project.geometry.type).toBe(layer.geometry);
    }
    const kindergarten = projects.find((project) => project.type === 'kindergarten')!;
    expect(kindergarten.deliverables.find((deliverable) => deliverable.indicator === 'seats')!.amount).toBe(kindergarten.facility!.properties.seats);
    const sidewalks = projects.filter((project) => project.type === 'sidewalk');
    const km = sidewalks.reduce((sum, project) => sum + project.deliverables[0].amount, 0);
    expect(km).toBeGreaterThan(5);
  });
});

describe('demo projects: places', () => {
  it('lies inside the district, with valid lines and polygons', () => {
    const { district } = model.placement;
    for (const project of projects) {
      const positions = (project.geometry.type === 'Point' ? [project.geometry.coordinates] : project.geometry.type === 'LineString' ? project.geometry.coordinates : project.geometry.coordinates[0]) as [number, number][];
      for (const [index, position] of positions.entries()) {
        expect(district.contains(position), `${project.name} at ${position}`).toBe(true);
        if (index > 0) expect(district.containsSegment(positions[index - 1], position), project.name).toBe(true);
      }
      if (project.geometry.type === 'Polygon') expect(ringProblems((project.geometry as Polygon).coordinates[0])).toEqual([]);
    }
  });

  it('traces sidewalks and new trails along the road layer’s edges, for hundreds of metres or kilometres', () => {
    const roadSegments = new Set<string>();
    for (const road of model.dataset.layers.roads) {
      const coordinates = (road.geometry as LineString).coordinates;
      for (let i = 1; i < coordinates.length; i += 1) {
        roadSegments.add(`${coordinates[i - 1]}|${coordinates[i]}`);
        roadSegments.add(`${coordinates[i]}|${coordinates[i - 1]}`);
      }
    }
    const traced = projects.filter((project) => project.type === 'sidewalk' || (project.type === 'trail' && project.facilityFeatureId === null));
    expect(traced.length).toBeGreaterThan(15);
    for (const project of traced) {
      const line = (project.geometry as LineString).coordinates;
      for (let i = 1; i < line.length; i += 1) expect(roadSegments.has(`${line[i - 1]}|${line[i]}`), `${project.name} segment ${i}`).toBe(true);
      const lengthM = turf.length(turf.lineString(line), { units: 'kilometers' }) * 1000;
      expect(lengthM).toBeGreaterThan(project.type === 'trail' ? 500 : 100);
    }
  });

  it('makes each completed facility project the feature its layer already holds, at the same place', () => {
    const built = projects.filter((project) => project.phase === 'completed' && project.facility);
    expect(built.length).toBeGreaterThan(15);
    const seen = new Set<string>();
    for (const project of built) {
      const features = model.dataset.layers[project.facility!.layer as keyof typeof model.dataset.layers];
      const feature = features.find((candidate) => candidate.id === project.facilityFeatureId)!;
      expect(feature, project.name).toBeDefined();
      expect(JSON.stringify(feature.geometry)).toBe(JSON.stringify(project.geometry));
      expect(feature.properties.name).toBe(project.facility!.properties.name);
      const key = `${project.facility!.layer}:${feature.id}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    for (const project of projects.filter((candidate) => candidate.phase !== 'completed')) expect(project.facilityFeatureId).toBeNull();
  });
});

describe('demo projects: demands and dates', () => {
  it('answers demands of its sub-type nearby, each once, in the state its phase gives them', () => {
    const expectedStatus = { completed: 'resolved', cancelled: 'accepted' } as Record<string, string>;
    const linked = projects.flatMap((project) => project.demandIds);
    expect(new Set(linked).size).toBe(linked.length);
    expect(projects.filter((project) => project.demandIds.length > 0).length).toBeGreaterThan(projects.length * 0.8);
    for (const project of projects) {
      const kind = PROJECT_KINDS.find((candidate) => candidate.type === project.type)!;
      const positions = (project.geometry.type === 'Point' ? [project.geometry.coordinates] : project.geometry.type === 'LineString' ? project.geometry.coordinates : project.geometry.coordinates[0]) as Position[];
      for (const id of project.demandIds) {
        const demand = demandsById.get(id)!;
        expect(kind.demandTypes).toContain(demand.type);
        expect(DEFAULT_DEMAND_TYPES.find((type) => type.id === demand.type)!.optimization).toBe(project.optimization);
        expect(demand.status).toBe(expectedStatus[project.phase] ?? 'planned');
        expect(Math.min(...positions.map((position) => metresBetween(position, demand.point)))).toBeLessThan(1300);
      }
    }
  });

  it('leaves no demand planned without a live project answering it, and settles the others as accepted on their first answer', () => {
    const answered = new Set(projects.filter((project) => project.phase !== 'cancelled').flatMap((project) => project.demandIds));
    const planned = [...demandsById.values()].filter((demand) => demand.status === 'planned');
    expect(planned.length).toBeGreaterThan(0);
    for (const demand of planned) expect(answered.has(demand.id), `demand ${demand.id}`).toBe(true);
    for (const demand of demandsById.values()) {
      if (demand.status === 'accepted') expect([demand.answeredAt, demand.version]).toEqual([demand.updatedAt, 2]);
    }
  });

  it('has planned and actual dates around the reference day: the completed all done, some late, most not', () => {
    const late = projects.map((project) => computeLateness(project.phase, project.heldFrom, project.schedule, project.milestones, REFERENCE_DATE));
    const lateCount = late.filter((lateness) => lateness.isLate).length;
    expect(lateCount).toBeGreaterThan(10);
    expect(lateCount).toBeLessThan(projects.length / 2);
    for (const [index, project] of projects.entries()) {
      const actual = [...Object.values(project.schedule).flatMap((dates) => [dates.actualStart, dates.actualEnd]), ...project.milestones.map((milestone) => milestone.actual)].filter((date): date is string => date !== null);
      for (const date of actual) expect(date <= REFERENCE_DATE, `${project.name}: ${date}`).toBe(true);
      expect(project.createdAt.slice(0, 10) <= REFERENCE_DATE).toBe(true);
      for (const dates of Object.values(project.schedule)) if (dates.plannedStart && dates.plannedEnd) expect(dates.plannedStart <= dates.plannedEnd).toBe(true);
      if (project.phase === 'completed') {
        expect(project.schedule.construction!.actualEnd).not.toBeNull();
        expect(late[index].isLate).toBe(false);
      }
      if (project.phase === 'proposed') expect(project.schedule.approved!.actualStart).toBeNull();
      if (project.phase === 'construction') expect(project.schedule.construction!.actualStart).not.toBeNull();
      expect((project.phase === 'on_hold') === (project.heldFrom !== null)).toBe(true);
    }
    // Late ones in more than one phase, as a real schedule has them.
    expect(new Set(projects.filter((_, index) => late[index].isLate).map((project) => project.phase)).size).toBeGreaterThan(1);
  });
});
