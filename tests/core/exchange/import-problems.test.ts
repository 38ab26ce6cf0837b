import { describe, expect, it } from 'vitest';
import { DEMAND_IMPORT_FIELDS, layerImportFields, readRow } from '../../../core/exchange/import-fields.ts';
import { readImportedProject } from '../../../core/exchange/import-project-fields.ts';
import { IMPORT_PROBLEM_CODES, reasonOf } from '../../../core/exchange/import-problems.ts';
import { findLayer } from '../../../core/layers/registry.ts';

const kindergartens = layerImportFields(findLayer('kindergartens')!);
const codesOf = (problems: Array<{ code: string }>) => problems.map((item) => item.code);

describe('a row’s problems as codes and parameters', () => {
  it('a value that is not its property’s type names the property, the file’s field and the value', () => {
    const row = readRow({ NAME: '幼儿园', XW: '很多', KIND: 'public' }, { name: 'NAME', seats: 'XW', ownership: 'KIND' }, kindergartens);
    expect(row.errors).toEqual([{ code: 'not_a_number', params: { property: 'seats', field: 'XW', value: '很多' }, message: 'seats (XW): "很多" is not a number' }]);
    expect(codesOf(readRow({ D: 'yesterday', W: '1.5' }, { createdAt: 'D', supportCount: 'W' }, DEMAND_IMPORT_FIELDS).errors)).toEqual(['not_whole_number', 'not_a_timestamp']);
  });

  it('the rules of the API’s write are coded by the kind of issue, not by their words', () => {
    const tooLong = 'x'.repeat(5000);
    const row = readRow(
      { T: '', X: tooLong, S: 'lost', O: '9', R: 'abc' },
      { type: 'T', text: 'X', status: 'S', optimization: 'O', receipt: 'R' },
      DEMAND_IMPORT_FIELDS,
    );
    const byProperty = Object.fromEntries(row.errors.map((item) => [item.params.property, item]));
    expect(byProperty.type).toMatchObject({ code: 'required_missing', params: { property: 'type' } });
    expect(byProperty.text).toMatchObject({ code: 'too_long', params: { property: 'text', field: 'X', max: 2000 } });
    expect(byProperty.status).toMatchObject({ code: 'unknown_choice', params: { property: 'status', field: 'S', value: 'lost' } });
    expect(String(byProperty.status.params.choices)).toContain('submitted');
    expect(byProperty.optimization).toMatchObject({ code: 'too_large', params: { property: 'optimization', max: 7, value: '9' } });
    expect(byProperty.receipt).toMatchObject({ code: 'bad_format', params: { property: 'receipt', value: 'abc' } });
    // The English stays, one line, as `reason` always was.
    expect(reasonOf(row.errors)).toContain('text is at most 2000 characters');
  });

  it('a refinement names its own code; one that does not is a broken rule with its words', () => {
    const rejected = readRow({ T: 'bus_shelter', X: '要一个候车亭', S: 'rejected' }, { type: 'T', text: 'X', status: 'S' }, DEMAND_IMPORT_FIELDS);
    expect(rejected.errors).toEqual([{ code: 'rejected_without_reason', params: {}, message: 'a rejected demand has a reason' }]);
    const blank = readRow({ NAME: '   ' }, { name: 'NAME' }, kindergartens);
    expect(blank.errors[0]).toMatchObject({ code: 'rule_broken', params: { property: 'name', field: 'NAME' } });
    expect(blank.errors[0].params.rule).toBe(blank.errors[0].message);
  });

  it('a project’s phase, history, JSON and facility problems are coded', () => {
    const base = { name: '坡地绿化', optimization: 6, type: 'slope_greening', sizeClass: 'small', responsibleUnit: '区城管局' };
    expect(codesOf(readImportedProject({ ...base, phase: 'on_hold' }, 'Point').errors)).toEqual(['held_from_missing']);
    expect(readImportedProject({ ...base, phase: 'design', schedule: JSON.stringify({ construction: { actualStart: '2026-01-05' } }) }, 'Point').errors)
      .toMatchObject([{ code: 'actual_start_not_reached', params: { phase: 'design', scheduled: 'construction' } }]);
    expect(readImportedProject({ ...base, phase: 'built' }, 'Point').errors[0]).toMatchObject({ code: 'unknown_choice', params: { property: 'phase' } });
    expect(readImportedProject({ ...base, milestones: 'not json' }, 'Point').errors[0]).toMatchObject({ code: 'not_json', params: { property: 'milestones' } });
    const schedule = JSON.stringify({ design: { plannedStart: '2027-03-01', plannedEnd: '2027-01-01' } });
    expect(readImportedProject({ ...base, schedule }, 'Point').errors[0]).toMatchObject({ code: 'ends_before_start', params: { property: 'schedule.design' } });
    const facility = JSON.stringify({ layer: 'slope_greening', properties: { name: '绿化点' } });
    expect(readImportedProject({ ...base, facility }, 'Point').errors[0]).toMatchObject({ code: 'facility_wrong_shape', params: { layer: 'slope_greening', geometry: 'Polygon', shape: 'Point' } });
  });

  it('every code made is one of the list', () => {
    const rows = [
      readRow({ A: 'x', B: 'maybe' }, { name: 'A', demo: 'B' }, kindergartens),
      readRow({ A: '', B: 'y' }, { type: 'A', text: 'B', version: 'B' }, DEMAND_IMPORT_FIELDS),
    ];
    for (const row of rows) for (const item of row.errors) expect(IMPORT_PROBLEM_CODES).toContain(item.code);
    expect(codesOf(rows[0].errors)).toEqual(['not_true_false']);
  });
});
