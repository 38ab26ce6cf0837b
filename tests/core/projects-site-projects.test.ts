import { describe, expect, it } from 'vitest';
import type { LayerSummary } from '../../core/api/responses.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { newProjectSchema } from '../../core/projects/project-contract.ts';
import { demandsWithinRadius, projectTypeOfLayer, siteProjectRequest } from '../../client/src/projects/site-projects.ts';

const site: [number, number] = [106.57, 29.52];
/** About `metres` north of the site. */
const north = (metres: number): [number, number] => [site[0], site[1] + metres / 111_195];

describe('projects from siting results', () => {
  it('links the accepted and planned demands inside the radius, and no others', () => {
    const demands = [
      { id: 1, lon: north(100)[0], lat: north(100)[1], status: 'accepted' as const },
      { id: 2, lon: north(290)[0], lat: north(290)[1], status: 'planned' as const },
      { id: 3, lon: north(310)[0], lat: north(310)[1], status: 'accepted' as const },
      { id: 4, lon: north(50)[0], lat: north(50)[1], status: 'submitted' as const },
      { id: 5, lon: north(50)[0], lat: north(50)[1], status: 'resolved' as const },
    ];
    expect(demandsWithinRadius(site, 300, demands).map((demand) => demand.id)).toEqual([1, 2]);
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
