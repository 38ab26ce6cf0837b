import { describe, expect, it } from 'vitest';
import { FACILITY_LAYERS } from '../../../core/layers/facility-layers.ts';
import { deliverablesSchema } from '../../../core/projects/project-contract.ts';
import { INDICATORS, INDICATOR_IDS, findIndicator, indicatorOfCapacity } from '../../../core/targets/indicators.ts';

describe('the indicator catalogue', () => {
  it('names each indicator once, as a deliverable may name it, with both languages and a unit', () => {
    expect(new Set(INDICATOR_IDS).size).toBe(INDICATORS.length);
    for (const definition of INDICATORS) {
      expect(deliverablesSchema.safeParse([{ indicator: definition.id, amount: 1 }]).success, definition.id).toBe(true);
      expect(definition.title.zh && definition.title.en && definition.unit.zh && definition.unit.en, definition.id).toBeTruthy();
      if (definition.optimization !== null) expect([1, 2, 3, 4, 5, 6, 7]).toContain(definition.optimization);
    }
  });

  it('holds the plan\'s first-year list, every optimization but none left out', () => {
    for (const id of ['sidewalk_km', 'bus_terminals', 'bay_stops', 'smart_shelters', 'parking_spaces', 'school_projects', 'schools_opened', 'seats', 'kindergartens',
      'elderly_centres', 'mutual_aid_points', 'smart_markets', 'greening_sites', 'trail_km', 'security_pilots']) {
      expect(findIndicator(id), id).toBeDefined();
    }
    expect(new Set(INDICATORS.map((definition) => definition.optimization))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, null]));
    // The plan's town figures: an elderly-service centre and a security pilot per town, and each town's demonstration points.
    expect(INDICATORS.filter((definition) => definition.byTown).map((definition) => definition.id)).toEqual(['elderly_centres', 'security_pilots', 'demonstration_points']);
  });

  it('maps each facility layer\'s capacity to an indicator of the list or to none', () => {
    for (const layer of FACILITY_LAYERS) {
      const column = layer.capacity?.column;
      if (!column) continue;
      const indicator = indicatorOfCapacity(column);
      if (indicator) expect(findIndicator(indicator)).toBeDefined();
    }
    expect(indicatorOfCapacity('spaces')).toBe('parking_spaces');
    expect(indicatorOfCapacity('seats')).toBe('seats');
    expect(indicatorOfCapacity('stalls')).toBeUndefined();
  });
});
