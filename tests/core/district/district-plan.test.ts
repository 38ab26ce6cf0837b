import { describe, expect, it } from 'vitest';
import { apportion, planDistrict, type InputFeature } from '../../../core/district/district-plan.ts';

const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
const community = (properties: Record<string, unknown>, geometry: InputFeature['geometry'] = square): InputFeature => ({ geometry, properties });
const boundary: InputFeature[] = [{ geometry: square, properties: { name: '试验区', code: '510999' } }];

describe('a district planned from its files', () => {
  it('finds towns from their communities, and takes totals from the communities', () => {
    const planned = planDistrict({
      boundary,
      divisions: [
        community({ code: '2', name: '乙村', town_code: '10', town_name: '甲镇', population: 30 }),
        community({ CODE: 1, Name: '甲村', Town_Code: '10', town_name: '甲镇', population: '12' }),
      ],
    });
    if (!('plan' in planned)) throw new Error(planned.problems.join('; '));
    expect(planned.plan.towns).toEqual([{ code: '10', name: '甲镇', nameEn: null, kind: 'town', geometry: null }]);
    expect(planned.plan.communities.map((each) => each.code)).toEqual(['1', '2']);
    expect(planned.plan.population).toEqual({ kind: 'totals', totals: { 1: 12, 2: 30 } });
  });

  it('lists every problem at once', () => {
    const planned = planDistrict({
      boundary: [{ geometry: { type: 'Point', coordinates: [0, 0] }, properties: {} }],
      divisions: [
        community({ code: '1', name: '甲村', town_code: '10' }),
        community({ code: '1', name: '重号', town_code: '10', town_name: '甲镇' }),
        community({ code: '2', name: '点', town_code: '10', town_name: '甲镇' }, { type: 'Point', coordinates: [0.5, 0.5] }),
      ],
      population: [{ geometry: null, properties: { code: '9', population: 5 } }],
    });
    expect(planned).toEqual({
      problems: [
        'the boundary must be polygons; the file holds Points',
        'the boundary has no name: give the district its name in a name property',
        'the communities mix points and polygons: give all of them as polygons, or all as points',
        'community 1 (1 甲村): town 10 has no name: give town_name (or a town feature)',
        'community 1 is given twice',
        'population row 1 names community 9, which the divisions do not hold',
      ],
    });
  });

  it('shares a total by weight in whole people that add up exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]);
    expect(apportion(5, [0, 0])).toEqual([5, 0]);
    const shares = apportion(14_700, Array.from({ length: 380 }, (_, index) => 1 + (index % 7) / 10));
    expect(shares.reduce((sum, share) => sum + share, 0)).toBe(14_700);
  });
});
