import { describe, expect, it } from 'vitest';
import type { LayerSummary } from '../../core/api/responses.ts';
import { DEFAULT_DEMAND_TYPES } from '../../core/demands/demand-types.ts';
import { FACILITY_LAYERS } from '../../core/layers/facility-layers.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { facilityProjectKind } from '../../core/projects/facility-projects.ts';
import { newProjectSchema } from '../../core/projects/project-contract.ts';
import { PROJECT_KINDS } from '../../server/demo/project-kinds.ts';
import { demandsWithinRadius, projectTypeOfLayer, siteProjectRequest } from '../../client/src/projects/site-projects.ts';

const site: [number, number] = [106.57, 29.52];
/** About `metres` north of the site. */
const north = (metres: number): [number, number] => [site[0], site[1] + metres / 111_195];

describe('projects from siting results', () => {
  it('links the accepted and planned demands inside the radius, and no others', () => {
    const demands = [
      { id: 1, lon: north(100)[0], lat: north(100)[1], status: 'accepted' as const, type: 'kindergarten' },
      { id: 2, lon: north(290)[0], lat: north(290)[1], status: 'planned' as const, type: 'kindergarten' },
      { id: 3, lon: north(310)[0], lat: north(310)[1], status: 'accepted' as const, type: 'kindergarten' },
      { id: 4, lon: north(50)[0], lat: north(50)[1], status: 'submitted' as const, type: 'kindergarten' },
      { id: 5, lon: north(50)[0], lat: north(50)[1], status: 'resolved' as const, type: 'kindergarten' },
      { id: 6, lon: north(50)[0], lat: north(50)[1], status: 'accepted' as const, type: 'primary_school' },
    ];
    expect(demandsWithinRadius('kindergartens', site, 300, demands).map((demand) => demand.id)).toEqual([1, 2]);
  });

  it('links the demands each facility answers, under the type the demo library gives such projects', () => {
    const near = (id: number, type: string) => ({ id, lon: north(50)[0], lat: north(50)[1], status: 'accepted' as const, type });
    const demands = [near(1, 'parking'), near(2, 'elderly_care'), near(3, 'canteen'), near(4, 'sidewalk')];
    expect(demandsWithinRadius('parking_lots', site, 300, demands).map((demand) => demand.id)).toEqual([1]);
    expect(demandsWithinRadius('elderly_centres', site, 300, demands).map((demand) => demand.id)).toEqual([2, 3]);
    expect(projectTypeOfLayer('parking_lots')).toBe('parking');
    // Every facility layer answers demand types that exist …
    const demandTypes = new Set(DEFAULT_DEMAND_TYPES.map((type) => type.id));
    for (const layer of FACILITY_LAYERS.filter((candidate) => candidate.id !== 'idle_plots')) {
      for (const type of facilityProjectKind(layer.id).demandTypes) expect(demandTypes.has(type), `${layer.id}: ${type}`).toBe(true);
    }
    // … and the same ones, under the same project type, as the demo library's kinds.
    for (const kind of PROJECT_KINDS.filter((candidate) => candidate.layer)) {
      expect(facilityProjectKind(kind.layer!), kind.layer).toEqual({ type: kind.type, demandTypes: kind.demandTypes });
    }
  });

  it('proposes a kindergarten with its seats, a facility the layer accepts, and the demands linked', () => {
    const layer = { ...findLayer('kindergartens')!, count: 0, version: 1 } as LayerSummary;
    expect(projectTypeOfLayer('kindergartens')).toBe('kindergarten');
    const request = siteProjectRequest({ site: { lon: site[0], lat: site[1], label: '1' }, layer, capacity: 270, responsibleUnit: '区教委', demandIds: [1, 2], name: '铜元局幼儿园新建项目' });
    expect(request).toMatchObject({ optimization: 2, type: 'kindergarten', deliverables: [{ indicator: 'seats', amount: 270 }], facility: { layer: 'kindergartens', properties: { name: '铜元局幼儿园新建项目', seats: 270 } }, demandIds: [1, 2] });
    // The request is one the API accepts as it is.
    expect(newProjectSchema.safeParse(request).success).toBe(true);
  });
});
