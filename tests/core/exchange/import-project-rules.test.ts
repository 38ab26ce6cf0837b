import { describe, expect, it } from 'vitest';
import { featureTable } from '../../../core/exchange/export-features.ts';
import { toImportRows } from '../../../core/exchange/import-features.ts';
import { readValue } from '../../../core/exchange/import-fields.ts';
import { readImportedProject } from '../../../core/exchange/import-project-fields.ts';
import { reasonOf } from '../../../core/exchange/import-problems.ts';

const base = { name: '坡地绿化', optimization: 6, type: 'slope_greening', sizeClass: 'small', responsibleUnit: '区城管局' };
const schedule = (dates: Record<string, Record<string, string>>) => JSON.stringify(dates);

describe('a project row and the phase machine', () => {
  it('a row without a phase is proposed, with the create call defaults', () => {
    const { project, errors } = readImportedProject(base, 'Point');
    expect(errors).toEqual([]);
    expect(project).toMatchObject({ phase: 'proposed', heldFrom: null, funding: [], weight: 1, published: false, demo: false });
  });

  it('keeps a phase the machine reaches, with actual dates only for phases reached and ends only for phases left', () => {
    const built = readImportedProject({ ...base, phase: 'construction', schedule: schedule({ approved: { actualStart: '2026-01-05', actualEnd: '2026-02-01' }, construction: { actualStart: '2026-02-01' } }) }, 'Point');
    expect(built.errors).toEqual([]);
    expect(built.project!.schedule.construction).toEqual({ plannedStart: null, plannedEnd: null, actualStart: '2026-02-01', actualEnd: null });
    expect(readImportedProject({ ...base, phase: 'design', schedule: schedule({ construction: { actualStart: '2026-01-05' } }) }, 'Point').errors.map((item) => item.message))
      .toEqual(['a design project has not started construction: it has no actual start for it']);
    expect(readImportedProject({ ...base, phase: 'design', schedule: schedule({ design: { actualStart: '2026-01-05', actualEnd: '2026-03-01' } }) }, 'Point').errors.map((item) => item.message))
      .toEqual(['a design project has not ended design: it has no actual end for it']);
    // Held in design: design started, not ended; a cancelled project may have gone anywhere before.
    expect(readImportedProject({ ...base, phase: 'on_hold', heldFrom: 'design', schedule: schedule({ design: { actualStart: '2026-01-05' } }) }, 'Point').errors).toEqual([]);
    expect(readImportedProject({ ...base, phase: 'on_hold' }, 'Point').errors.map((item) => item.message)).toEqual(['an on_hold project says the phase it left (heldFrom)']);
    expect(readImportedProject({ ...base, phase: 'approved', heldFrom: 'proposed' }, 'Point').errors.map((item) => item.message)).toEqual(['heldFrom is only for an on_hold project, not a approved one']);
    expect(readImportedProject({ ...base, phase: 'cancelled', schedule: schedule({ design: { actualStart: '2026-01-05', actualEnd: '2026-03-01' } }) }, 'Point').errors).toEqual([]);
    expect(readImportedProject({ ...base, phase: 'built' }, 'Point').errors[0].message).toMatch(/^phase is one of proposed/);
  });

  it('flat funding and planned dates replace the JSON for what they name', () => {
    const { project } = readImportedProject({
      ...base, funding: JSON.stringify([{ source: 'fiscal', amount: 1 }, { source: 'private', amount: 2 }]), fundingFiscal: 5,
      schedule: schedule({ design: { plannedStart: '2027-01-01', plannedEnd: '2027-02-01' } }), designPlannedEnd: '2027-03-01',
    }, 'Polygon');
    expect(project!.funding).toEqual([{ source: 'private', amount: 2 }, { source: 'fiscal', amount: 5 }]);
    expect(project!.schedule.design).toMatchObject({ plannedStart: '2027-01-01', plannedEnd: '2027-03-01' });
  });

  it('refuses what the create call refuses, naming the field', () => {
    const errors = readImportedProject({ ...base, sizeClass: 'huge', funding: '[{"source":"bank","amount":1}]', milestones: 'not json' }, 'Point').errors;
    expect(reasonOf(errors)).toMatch(/milestones is not JSON/);
    expect(reasonOf(errors)).toMatch(/sizeClass/);
    expect(reasonOf(errors)).toMatch(/funding\.0\.source/);
    // A point project cannot add a polygon facility (a polygon project may add a point, on its surface).
    const facility = JSON.stringify({ layer: 'slope_greening', properties: { name: '绿化点' } });
    expect(readImportedProject({ ...base, facility }, 'Point').errors[0].message).toMatch(/slope_greening holds Polygon features/);
  });

  it('reads calendar days as a spreadsheet writes them', () => {
    expect([readValue('2027/3/1', 'date'), readValue('2027-03-01T00:00:00Z', 'date'), readValue('2027-02-30', 'date')]).toEqual([
      { value: '2027-03-01' }, { value: '2027-03-01' }, { error: '"2027-02-30" is not a calendar day (YYYY-MM-DD)', code: 'not_a_date' },
    ]);
  });
});

describe('shapes of a project file', () => {
  it('mixed kinds and multi-parts are kept for the library; a collection is refused by row', () => {
    const features = [
      { geometry: { type: 'Point', coordinates: [106.5, 29.5] }, properties: {} },
      { geometry: { type: 'MultiLineString', coordinates: [[[106.5, 29.5], [106.6, 29.6]], [[106.7, 29.5], [106.8, 29.6]]] }, properties: {} },
      { geometry: { type: 'GeometryCollection', geometries: [] } as never, properties: {} },
    ];
    const made = toImportRows(features, 'any', null);
    expect('rows' in made).toBe(true);
    if (!('rows' in made)) return;
    expect(made.rows.map((row) => [row.geometry?.type ?? null, row.problems.length])).toEqual([['Point', 0], ['MultiLineString', 0], [null, 1]]);
  });

  it('a table of mixed shapes writes every place, points too, as WKT', () => {
    const table = featureTable([
      { type: 'Feature', id: 1, geometry: { type: 'Point', coordinates: [106.5, 29.5] }, properties: { name: 'a' } },
      { type: 'Feature', id: 2, geometry: { type: 'LineString', coordinates: [[106.5, 29.5], [106.6, 29.6]] }, properties: { name: 'b' } },
    ], ['name']);
    expect(table).toEqual([['id', 'name', 'wkt'], [1, 'a', 'POINT (106.5 29.5)'], [2, 'b', 'LINESTRING (106.5 29.5, 106.6 29.6)']]);
  });
});
