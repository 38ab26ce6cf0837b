import { isEditableLayer, settableProperties } from '../layers/feature-input.ts';
import { LAYERS } from '../layers/registry.ts';
import { FUNDING_SOURCES, type FundingSource } from '../projects/project-constants.ts';
import { PROJECT_LIMITS, type ProjectRecord } from '../projects/project-contract.ts';
import { SCHEDULED_PHASES, type ScheduledPhase } from '../projects/project-schedule.ts';
import type { ImportProperty, ImportValueType } from './import-fields.ts';

/**
 * The project library as flat columns, for a shapefile: a .dbf field name holds at most 10
 * characters and a text value 254 bytes, so the nested fields (funding, schedule, deliverables,
 * facility, milestones), which the other formats carry as JSON text, are written as the columns
 * a planning office's sheet has: an amount per funding source, planned and actual dates per
 * phase, a numbered pair per deliverable, the facility's layer and properties, a numbered
 * triple per milestone. The project import reads them back (import-project-fields.ts).
 *
 * | column                | what                                           | import property            |
 * |-----------------------|------------------------------------------------|----------------------------|
 * | id, code              | the API's id and code (an import gives new)    | —                          |
 * | name, nameEn          | names                                          | name, nameEn               |
 * | descr                 | description                                    | description                |
 * | optim, type, sizeClass| optimization 1…7, project type, size class     | optimization, type, sizeClass |
 * | respUnit              | responsible unit                               | responsibleUnit            |
 * | phase, heldFrom, phaseSince | phase, the phase a held project left, since when | same                 |
 * | fundPriv, fundState, fundFiscal | yuan from private, state-owned, fiscal | fundingPrivate…           |
 * | budget, budgetNote    | budget (yuan) and its note                     | same                       |
 * | weight, published, opportun, recProgr | share in a package, public, city opportunity, progress typed in | weight, published, opportunity, recordedProgress |
 * | apPlanSt apPlanEnd apActSt apActEnd | the approved phase's planned and actual start and end (also ds… design, cs… construction) | approvedPlannedStart… |
 * | dl1Ind, dl1Amt … dl20Ind, dl20Amt | each deliverable's indicator and amount | deliverable1Indicator…   |
 * | facLayer, fname, fseats … | the facility a completion adds: its layer, then each property as `f` + its name cut to 9 | facilityLayer, facility.name… |
 * | ms1Name, ms1Plan, ms1Act … | each milestone's name, planned and actual day | milestone1Name…          |
 * | demo                  | demo data                                      | demo                       |
 */

/** Every name a shapefile column may have: at most 10 characters. */
export const SHAPEFILE_FIELD_CHARS = 10;

export const FUNDING_COLUMNS: Record<FundingSource, { property: string; column: string }> = {
  private: { property: 'fundingPrivate', column: 'fundPriv' },
  state_owned: { property: 'fundingStateOwned', column: 'fundState' },
  fiscal: { property: 'fundingFiscal', column: 'fundFiscal' },
};

const PHASE_PREFIX: Record<ScheduledPhase, string> = { approved: 'ap', design: 'ds', construction: 'cs' };
const DATE_KINDS = [
  { key: 'plannedStart', property: 'PlannedStart', column: 'PlanSt' },
  { key: 'plannedEnd', property: 'PlannedEnd', column: 'PlanEnd' },
  { key: 'actualStart', property: 'ActualStart', column: 'ActSt' },
  { key: 'actualEnd', property: 'ActualEnd', column: 'ActEnd' },
] as const;

/** A phase's dates: the import property (`constructionPlannedStart`) and the shapefile column (`csPlanSt`). */
export function phaseDateNames(phase: ScheduledPhase): Array<{ key: (typeof DATE_KINDS)[number]['key']; property: string; column: string }> {
  return DATE_KINDS.map((kind) => ({ key: kind.key, property: `${phase}${kind.property}`, column: `${PHASE_PREFIX[phase]}${kind.column}` }));
}

/** The plain fields whose column is not the property's own name. */
export const SHORT_COLUMNS: Readonly<Record<string, string>> = {
  description: 'descr',
  optimization: 'optim',
  responsibleUnit: 'respUnit',
  opportunity: 'opportun',
  recordedProgress: 'recProgr',
};

const PLAIN_FIELDS = ['name', 'nameEn', 'description', 'optimization', 'type', 'sizeClass', 'responsibleUnit', 'phase', 'heldFrom', 'phaseSince', 'budget', 'budgetNote', 'weight', 'published', 'opportunity', 'recordedProgress'] as const satisfies readonly (keyof ProjectRecord)[];

export const deliverableNames = (n: number) => ({
  indicator: { property: `deliverable${n}Indicator`, column: `dl${n}Ind` },
  amount: { property: `deliverable${n}Amount`, column: `dl${n}Amt` },
});
export const milestoneNames = (n: number) => ({
  name: { property: `milestone${n}Name`, column: `ms${n}Name` },
  planned: { property: `milestone${n}Planned`, column: `ms${n}Plan` },
  actual: { property: `milestone${n}Actual`, column: `ms${n}Act` },
});

export const FACILITY_LAYER = { property: 'facilityLayer', column: 'facLayer' };

/** Each property a facility layer lets a user set, with its type, over every facility layer (`name`, `seats`…). */
export const FACILITY_PROPERTIES: ReadonlyMap<string, ImportValueType> = (() => {
  const found = new Map<string, ImportValueType>();
  for (const layer of LAYERS) {
    if (!isEditableLayer(layer)) continue;
    for (const name of settableProperties(layer)) if (!found.has(name)) found.set(name, layer.properties[name].type as ImportValueType);
  }
  return found;
})();
export const facilityPropertyNames = (name: string) => ({ property: `facility.${name}`, column: `f${name.slice(0, SHAPEFILE_FIELD_CHARS - 1)}` });

/** A project as staff read it, as flat shapefile columns (column name → value; null where empty). */
export function flatProjectColumns(project: ProjectRecord): Record<string, unknown> {
  const row: Record<string, unknown> = { code: project.code };
  for (const field of PLAIN_FIELDS) row[SHORT_COLUMNS[field] ?? field] = project[field] ?? null;
  for (const source of FUNDING_SOURCES) row[FUNDING_COLUMNS[source].column] = project.funding.find((item) => item.source === source)?.amount ?? null;
  for (const phase of SCHEDULED_PHASES) {
    for (const date of phaseDateNames(phase)) row[date.column] = project.schedule[phase]?.[date.key] ?? null;
  }
  project.deliverables.forEach((deliverable, index) => {
    const names = deliverableNames(index + 1);
    row[names.indicator.column] = deliverable.indicator;
    row[names.amount.column] = deliverable.amount;
  });
  if (project.facility) {
    row[FACILITY_LAYER.column] = project.facility.layer;
    for (const [name, value] of Object.entries(project.facility.properties)) row[facilityPropertyNames(name).column] = value ?? null;
  }
  project.milestones.forEach((milestone, index) => {
    const names = milestoneNames(index + 1);
    row[names.name.column] = milestone.name;
    row[names.planned.column] = milestone.planned ?? null;
    row[names.actual.column] = milestone.actual ?? null;
  });
  row.demo = project.demo;
  return row;
}

/**
 * The columns of a set of flat rows, in a stable order: the fixed ones first, then the numbered
 * and facility ones as far as any row has them (a library without milestones has no ms… columns).
 */
export function flatColumnNames(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row)) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  return names;
}

/**
 * The import properties a file's flat columns call for, beyond the fixed ones: a numbered
 * deliverable or milestone, a facility property, only when the file has a field for it (by the
 * property's name or its shapefile column), so the mapping lists what the file holds and not
 * a hundred empty rows.
 */
export function flatImportProperties(fieldNames: readonly string[]): ImportProperty[] {
  const simple = (name: string) => name.toLowerCase().replace(/[_\s.-]/g, '');
  const present = new Set(fieldNames.map(simple));
  const has = (names: { property: string; column: string }) => present.has(simple(names.property)) || present.has(simple(names.column));
  const extra: ImportProperty[] = [];
  const add = (names: { property: string; column: string }, type: ImportValueType) => {
    extra.push({ name: names.property, type, required: false, aliases: [names.column] });
  };
  for (let n = 1; n <= PROJECT_LIMITS.deliverables; n += 1) {
    const names = deliverableNames(n);
    if (!has(names.indicator) && !has(names.amount)) continue;
    add(names.indicator, 'text');
    add(names.amount, 'real');
  }
  if (has(FACILITY_LAYER)) {
    add(FACILITY_LAYER, 'text');
    for (const [name, type] of FACILITY_PROPERTIES) if (has(facilityPropertyNames(name))) add(facilityPropertyNames(name), type);
  }
  for (let n = 1; n <= PROJECT_LIMITS.milestones; n += 1) {
    const names = milestoneNames(n);
    if (!has(names.name)) continue;
    add(names.name, 'text');
    add(names.planned, 'date');
    add(names.actual, 'date');
  }
  return extra;
}
