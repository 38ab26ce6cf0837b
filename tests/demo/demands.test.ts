import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { computeCoverage } from '../../core/analysis/coverage.ts';
import { createDemandSet } from '../../core/analysis/demand-set.ts';
import { createFacility, type FacilityGeometry } from '../../core/analysis/facility.ts';
import { computeNearestDistances } from '../../core/analysis/nearest-distance.ts';
import { DEMAND_LIMITS, DEMAND_SOURCES } from '../../core/demands/demand-contract.ts';
import { DEMAND_STATUSES, isPublishedDemand } from '../../core/demands/demand-states.ts';
import { DEFAULT_DEMAND_TYPES } from '../../core/demands/demand-types.ts';
import { RECEIPT_PATTERN } from '../../core/demands/receipt-code.ts';
import { findServiceStandard } from '../../core/standards.ts';
import { DEMO_DEMAND_COUNT } from '../../server/demo/demands.ts';
import { buildDemoDemandsAndProjects } from '../../server/demo/demands-and-projects.ts';
import { DEMAND_FACILITY_LAYERS } from '../../server/demo/demand-places.ts';
import { distanceXY } from '../../server/demo/geo-math.ts';
import type { DemoModel } from '../../server/demo/generate.ts';
import { createRng } from '../../server/demo/random.ts';
import { serializeDemoDemands } from '../../server/demo/serialize.ts';
import type { DemoDemand, LayerId } from '../../server/demo/types.ts';
import { loadDemoModel } from './demo-fixture.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let model: DemoModel;
let demands: DemoDemand[];

beforeAll(() => {
  ({ model } = loadDemoModel());
  demands = model.dataset.demands;
});

/** The demands as `generateDemoDataset` draws them, from the model's places and layers (settled by the projects). */
function regenerate(seed: number): string {
  return serializeDemoDemands(buildDemoDemandsAndProjects({ placement: model.placement, layers: model.dataset.layers }, createRng(seed)).demands);
}

describe('demo demands: determinism', () => {
  it('gives the same bytes for the same seed, without Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used by the demand generator');
    });
    try {
      expect(sha256(regenerate(model.dataset.seed))).toBe(sha256(serializeDemoDemands(demands)));
    } finally {
      spy.mockRestore();
    }
  });

  it('gives different demands for a different seed', () => {
    expect(sha256(regenerate(1))).not.toBe(sha256(serializeDemoDemands(demands)));
  });
});

describe('demo demands: content', () => {
  it('has about 800 demands, ids 1..n in the order they were made, within 2025-01-01..2026-11-28 (Beijing)', () => {
    expect(demands).toHaveLength(DEMO_DEMAND_COUNT);
    expect(demands.map((demand) => demand.id)).toEqual(demands.map((_, index) => index + 1));
    const created = demands.map((demand) => Date.parse(demand.createdAt));
    expect(created).toEqual([...created].sort((a, b) => a - b));
    for (const demand of demands) {
      const updated = Date.parse(demand.updatedAt);
      expect(Date.parse(demand.createdAt)).toBeGreaterThanOrEqual(Date.parse('2025-01-01T00:00:00+08:00'));
      expect(updated).toBeGreaterThanOrEqual(Date.parse(demand.createdAt));
      expect(updated).toBeLessThan(Date.parse('2026-11-29T00:00:00+08:00'));
    }
  });

  it('spreads over the seven optimizations, the five sources and every status, mostly in the list', () => {
    const countBy = (key: (demand: DemoDemand) => string | number) => {
      const counts = new Map<string | number, number>();
      for (const demand of demands) counts.set(key(demand), (counts.get(key(demand)) ?? 0) + 1);
      return counts;
    };
    expect([...countBy((demand) => demand.optimization).keys()].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([...countBy((demand) => demand.source).keys()].sort()).toEqual([...DEMAND_SOURCES].sort());
    const statuses = countBy((demand) => demand.status);
    expect([...statuses.keys()].sort()).toEqual([...DEMAND_STATUSES].sort());
    const published = demands.filter((demand) => isPublishedDemand(demand.status)).length;
    expect(published / demands.length).toBeGreaterThan(0.6);
    expect(statuses.get('hidden')! / demands.length).toBeLessThan(0.05);
  });

  it('files each demand under a known type of its optimization, with filled, bounded texts', () => {
    const types = new Map(DEFAULT_DEMAND_TYPES.map((type) => [type.id, type]));
    for (const demand of demands) {
      expect(types.get(demand.type)?.optimization, demand.type).toBe(demand.optimization);
      expect(demand.title.length).toBeLessThanOrEqual(DEMAND_LIMITS.titleChars);
      expect(demand.text.length).toBeLessThanOrEqual(DEMAND_LIMITS.textChars);
      expect(`${demand.title}${demand.text}${demand.reply ?? ''}`).not.toMatch(/[{}]/);
      expect(demand.text).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('spells unique receipts and gives only masked, clearly fake contacts', () => {
    expect(new Set(demands.map((demand) => demand.receipt)).size).toBe(demands.length);
    for (const demand of demands) {
      expect(demand.receipt).toMatch(RECEIPT_PATTERN);
      if (demand.contact !== null) expect(demand.contact).toMatch(/^\p{Script=Han}(先生|女士) 1\d\d\*{4}\d{4}$/u);
    }
    expect(demands.filter((demand) => demand.contact).length).toBeGreaterThan(200);
  });

  it('gives rejected demands a reason, handled ones a reply, and waiting ones neither', () => {
    for (const demand of demands) {
      if (demand.status === 'rejected') expect(demand.reason).toBeTruthy();
      if (isPublishedDemand(demand.status) || demand.status === 'merged') expect(demand.reply).toBeTruthy();
      if (demand.status === 'submitted') expect([demand.reason, demand.reply, demand.version]).toEqual([null, null, 1]);
    }
  });

  it('merges a duplicate into an earlier published demand of the same type, close by', () => {
    const byId = new Map(demands.map((demand) => [demand.id, demand]));
    const merged = demands.filter((demand) => demand.status === 'merged');
    expect(merged.length).toBeGreaterThan(10);
    for (const demand of demands) expect(demand.mergedInto !== null).toBe(demand.status === 'merged');
    for (const demand of merged) {
      const target = byId.get(demand.mergedInto!)!;
      expect(target.id).toBeLessThan(demand.id);
      expect(target.type).toBe(demand.type);
      expect(isPublishedDemand(target.status)).toBe(true);
      expect(distanceXY(model.plane.toXY(target.point), model.plane.toXY(demand.point))).toBeLessThanOrEqual(100);
    }
  });

  it('places each demand in the community and town its point lies in', () => {
    for (const demand of demands) {
      expect(model.communities.locate(demand.point)).toBe(demand.communityCode);
      expect(model.communities.byCode.get(demand.communityCode)!.townCode).toBe(demand.townCode);
    }
  });
});

describe('demo demands: density follows poor coverage', () => {
  /** Demands of the type per 10,000 residents, in the least- and best-covered thirds of communities. */
  function ratesByCoverage(typeId: string, layer: LayerId) {
    const cells = model.placement.cells;
    const codes = [...new Set(cells.map((cell) => cell.communityCode))].sort();
    const demandSet = createDemandSet(
      {
        lon: cells.map((cell) => cell.centre[0]),
        lat: cells.map((cell) => cell.centre[1]),
        population: cells.map((cell) => cell.population),
        community: cells.map((cell) => codes.indexOf(cell.communityCode)),
      },
      codes.map((code) => ({ code, name: code })),
    );
    const radiusM = findServiceStandard(layer)!.radiusM;
    const facilities = model.dataset.layers[layer].map((feature) => createFacility(feature.geometry as FacilityGeometry));
    const coverage = computeCoverage(demandSet, computeNearestDistances(demandSet, facilities, radiusM), radiusM);
    const communities = codes
      .map((code, index) => ({ code, population: coverage.communityPopulation[index], share: coverage.communityCovered[index] / coverage.communityPopulation[index] }))
      .filter((community) => community.population >= 1000)
      .sort((a, b) => a.share - b.share);
    const third = Math.floor(communities.length / 3);
    const rate = (group: typeof communities) => {
      const members = new Set(group.map((community) => community.code));
      const count = demands.filter((demand) => demand.type === typeId && members.has(demand.communityCode)).length;
      return (count / group.reduce((sum, community) => sum + community.population, 0)) * 10_000;
    };
    return { least: rate(communities.slice(0, third)), best: rate(communities.slice(-third)) };
  }

  it.each([
    ['kindergarten', 'kindergartens'],
    ['elderly_care', 'elderly_centres'],
    ['fresh_market', 'fresh_markets'],
  ] as const)('%s demands per resident are higher where %s cover fewer people', (typeId, layer) => {
    expect(DEMAND_FACILITY_LAYERS[typeId]).toBe(layer);
    const { least, best } = ratesByCoverage(typeId, layer);
    expect(least).toBeGreaterThan(2 * best);
  });
});
