import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../core/projects/project-contract.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { readPlaces } from '../support/demands.ts';
import { createImportClient } from '../support/imports.ts';
import { createProjectClient, kindergartenAt, snapshotProjects } from '../support/projects.ts';
import { DEMO_USERNAMES, signIn } from '../support/session.ts';

/**
 * The project library imported from files: the library exported in each format and imported
 * back gives the same projects (new ids and codes; places derived again by the create call's
 * SQL; phases, dates and milestones as they were), a planning office's spreadsheet with its own
 * columns, a bad row that changes nothing, and who may import. Every project a test adds is
 * deleted after the file.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const projects = createProjectClient(app);
let cookie = '';
let imports: ReturnType<typeof createImportClient>;
const added: number[] = [];

beforeAll(async () => {
  cookie = await signIn(app, DEMO_USERNAMES.commission);
  imports = createImportClient(app, cookie);
});

afterAll(async () => {
  if (!added.length) return;
  await sql`DELETE FROM project_demands WHERE project_id IN ${sql(added)}`;
  await sql`DELETE FROM projects WHERE id IN ${sql(added)}`;
});

/** The ids an import wrote, in its rows' order, from its audit row (entity_id is the import's id). */
async function importedIds(importId: string): Promise<number[]> {
  const rows = await sql<{ action: string; entity: string; actor: string; after: { ids: number[]; committed: number; target: string } }[]>`
    SELECT action, entity, actor, after FROM audit_log WHERE entity_id = ${importId}`;
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ action: 'import', entity: 'project', actor: DEMO_USERNAMES.commission, after: { target: 'projects' } });
  added.push(...rows[0].after.ids);
  return rows[0].after.ids;
}

async function library(): Promise<ProjectRecord[]> {
  const response = await projects.list('limit=500', cookie);
  const body = (await response.json()) as { items: ProjectRecord[]; totalExact: boolean; total: number };
  expect(body.total).toBeLessThanOrEqual(500);
  return body.items;
}

async function readProject(id: number): Promise<ProjectRecord> {
  const response = await projects.read(id, cookie);
  expect(response.status).toBe(200);
  return (await response.json()) as ProjectRecord;
}

/**
 * What an import carries of a project: everything but its identity (id, code, version, times)
 * and its links (demands, package, the completed facility's feature). A package's progress is
 * rolled up from its parts, which stay with the original: its own is compared only without parts.
 */
function carried(project: ProjectRecord) {
  const { id: _id, code: _code, version: _version, createdAt: _created, updatedAt: _updated, demandIds: _demands, childIds, parentId: _parent, facilityFeatureId: _feature, progress, ...rest } = project;
  return { ...rest, progress: childIds.length ? null : progress, milestones: project.milestones.map(({ id: _milestone, ...milestone }) => milestone) };
}

/** JSON with keys in order: a schedule's phases come in no set order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const FILE_NAMES: Record<string, string> = { geojson: 'library.geojson', csv: 'library.csv', gpkg: 'library.gpkg', xlsx: 'library.xlsx', shp: 'library.shp.zip' };

/** The fields a format carries the nested values in: JSON text, or a shapefile's flat columns (at most 10 characters). */
const NESTED_FIELDS: Record<string, Record<string, string>> = {
  json: { name: 'name', phase: 'phase', schedule: 'schedule', funding: 'funding', facility: 'facility' },
  shp: {
    name: 'name', phase: 'phase', description: 'descr', responsibleUnit: 'respUnit', fundingFiscal: 'fundFiscal', constructionPlannedStart: 'csPlanSt',
    approvedActualStart: 'apActSt', deliverable1Indicator: 'dl1Ind', deliverable1Amount: 'dl1Amt', facilityLayer: 'facLayer', 'facility.name': 'fname', milestone1Name: 'ms1Name', milestone1Actual: 'ms1Act',
  },
};

/**
 * A shapefile's cell has no "absent" apart from "empty": a facility property given as null comes
 * back not given. A column per funding source keeps the amounts, not the order they were listed
 * in. And a .dbf holds 254 bytes of text: a longer description comes back cut there.
 */
function asShapefileCarries(project: ReturnType<typeof carried>, copy?: ReturnType<typeof carried>) {
  const facility = project.facility && { ...project.facility, properties: Object.fromEntries(Object.entries(project.facility.properties).filter(([, value]) => value !== null)) };
  const description = copy && project.description && new TextEncoder().encode(project.description).length > 254 && project.description.startsWith(copy.description ?? '') ? copy.description : project.description;
  const funding = [...project.funding].sort((x, y) => x.source.localeCompare(y.source));
  return { ...project, facility, description, funding };
}

// A safety net for a hang on a machine whose cores are both busy: GDAL starts with the first file.
describe('the project library exported and imported back', { timeout: 240_000 }, () => {
  // A shapefile is one file per kind of shape, in one zip, read back whole; its nested fields are flat columns.
  it.each(['geojson', 'gpkg', 'csv', 'xlsx', 'shp'])('%s: the same projects, phases, dates and places', async (format) => {
    const before = await library();
    expect(before.length).toBeGreaterThan(20);
    expect(new Set(before.map((project) => project.phase)).size).toBeGreaterThan(4);
    const response = await app.request(`/api/export/projects?format=${format}`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    const { status, body: preview } = await imports.upload(FILE_NAMES[format], new Uint8Array(await response.arrayBuffer()), 'projects');
    expect(status, JSON.stringify(preview.error)).toBe(201);
    expect(preview.featureCount).toBe(before.length);
    expect(preview.invalidRows).toEqual([]);
    expect(preview.targetVersion).toBeNull();
    expect(preview.mapping).toMatchObject(NESTED_FIELDS[format === 'shp' ? 'shp' : 'json']);
    if (format === 'shp') {
      expect(preview.file.layer).toBe('projects_lines, projects_points, projects_polygons');
      expect(new Set(preview.geometryTypes ? Object.keys(preview.geometryTypes) : [])).toEqual(new Set(before.map((project) => project.geometry.type)));
      expect(preview.fields.every((field) => field.name.length <= 10)).toBe(true);
    }
    const committed = await imports.commit(preview);
    expect(committed.status, JSON.stringify(committed.body.error)).toBe(200);
    expect(committed.body.committed).toBe(before.length);
    const ids = await importedIds(preview.id);
    try {
      expect(ids).toHaveLength(before.length);
      expect(ids.some((id) => before.some((project) => project.id === id))).toBe(false);
      // A GeoPackage lists its rows by id, the others as exported: the same projects, compared as sets.
      const copies = await Promise.all(ids.map(readProject));
      const sorted = (list: ProjectRecord[]) => list.map((project) => canonical(carried(project))).sort();
      if (format !== 'shp') expect(sorted(copies)).toEqual(sorted(before));
      else {
        // Compared by name (unique in the demo library), so a description cut at 254 bytes is matched to its whole.
        const byName = new Map(copies.map((copy) => [copy.name, carried(copy)]));
        expect(byName.size).toBe(before.length);
        const expected = before.map((project) => canonical(asShapefileCarries(carried(project), byName.get(project.name)))).sort();
        const got = copies.map((copy) => canonical(asShapefileCarries(carried(copy)))).sort();
        expect(got).toEqual(expected);
      }
    } finally {
      // The next format starts from the library as it was.
      await sql`DELETE FROM projects WHERE id IN ${sql(ids)}`;
    }
  });
});

describe('a planning office spreadsheet', () => {
  it('Chinese columns, flat funding and planned dates; places derived as the create call derives them', async () => {
    const { home } = await readPlaces(sql);
    const csv = [
      '项目名称,优化类别,项目类型,规模,责任单位,财政资金,国有资本,施工计划开始,施工计划完成,阶段,lon,lat',
      `南坪社区养老服务站,4,elderly_centre,small,区民政局,3000000,500000,2027/03/01,2027-09-30,approved,${home.lon},${home.lat}`,
    ].join('\n');
    const { status, body: preview } = await imports.upload('台账.csv', csv, 'projects');
    expect(status, JSON.stringify(preview.error)).toBe(201);
    expect(preview.invalidRows).toEqual([]);
    expect(preview.mapping).toMatchObject({ name: '项目名称', fundingFiscal: '财政资金', constructionPlannedStart: '施工计划开始', phase: '阶段' });
    const committed = await imports.commit(preview);
    expect(committed.status, JSON.stringify(committed.body.error)).toBe(200);
    const [id] = await importedIds(preview.id);
    const imported = await readProject(id);
    expect(imported).toMatchObject({
      name: '南坪社区养老服务站', optimization: 4, type: 'elderly_centre', phase: 'approved', published: false,
      funding: [{ source: 'state_owned', amount: 500_000 }, { source: 'fiscal', amount: 3_000_000 }],
      schedule: { construction: { plannedStart: '2027-03-01', plannedEnd: '2027-09-30', actualStart: null, actualEnd: null } },
    });
    // The same place through POST /api/projects: the same towns and communities.
    const created = await projects.create(kindergartenAt(home), cookie);
    expect(created.status).toBe(201);
    const direct = (await created.json()) as ProjectRecord;
    added.push(direct.id);
    expect({ towns: imported.towns, communities: imported.communities, primaryTown: imported.primaryTown }).toEqual({
      towns: direct.towns, communities: direct.communities, primaryTown: direct.primaryTown,
    });
  });
});

describe('bad rows and who may import', () => {
  const feature = (properties: Record<string, unknown>, coordinates: number[]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties });

  it('a bad row is named by its number and the commit writes nothing; skipInvalid writes the others', async () => {
    const { home } = await readPlaces(sql);
    const good = { name: '步道提升', optimization: 5, type: 'trail', sizeClass: 'small', responsibleUnit: '区住建委' };
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature(good, [home.lon, home.lat]),
        feature({ ...good, sizeClass: 'huge' }, [home.lon, home.lat]),
        // A proposal cannot have started construction: the phase machine never gets it there.
        feature({ ...good, schedule: JSON.stringify({ construction: { actualStart: '2026-01-05' } }) }, [home.lon, home.lat]),
        feature({ ...good, phase: 'on_hold' }, [home.lon, home.lat]),
      ],
    });
    const { status, body: preview } = await imports.upload('bad.geojson', file, 'projects');
    expect(status).toBe(201);
    expect(preview.invalidRows.map((row) => row.row)).toEqual([2, 3, 4]);
    expect(preview.invalidRows[0].reason).toContain('sizeClass');
    expect(preview.invalidRows[1].reason).toContain('has not started construction');
    expect(preview.invalidRows[2].reason).toContain('heldFrom');
    expect(preview.invalidRows.map((row) => row.problems)).toMatchObject([
      [{ code: 'unknown_choice', params: { property: 'sizeClass', field: 'sizeClass', value: 'huge' } }],
      [{ code: 'actual_start_not_reached', params: { property: 'schedule', phase: 'proposed', scheduled: 'construction' } }],
      [{ code: 'held_from_missing', params: { property: 'heldFrom' } }],
    ]);
    const untouched = await snapshotProjects(sql);
    const refused = await imports.commit(preview);
    expect(refused.status).toBe(400);
    expect(refused.body.error!.code).toBe('import_has_invalid_rows');
    expect((refused.body.error!.details as { invalidRows: { row: number }[] }).invalidRows.map((row) => row.row)).toEqual([2, 3, 4]);
    expect(await snapshotProjects(sql)).toEqual(untouched);
    const skipped = await imports.commit(preview, { skipInvalid: true });
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ committed: 1, skipped: [{ row: 2 }, { row: 3 }, { row: 4 }] });
    const [id] = await importedIds(preview.id);
    expect((await readProject(id)).phase).toBe('proposed');
  });

  it('only the commission and the administrator import into the library', async () => {
    const { home } = await readPlaces(sql);
    const file = JSON.stringify({ type: 'FeatureCollection', features: [feature({ name: 'x', optimization: 1, type: 'sidewalk', sizeClass: 'small', responsibleUnit: 'y' }, [home.lon, home.lat])] });
    // The inspector imports nothing at all (the access table); town offices and planners import demands, not projects.
    for (const role of ['town', 'planner', 'inspector'] as const) {
      const client = createImportClient(app, await signIn(app, DEMO_USERNAMES[role]));
      const { status, body } = await client.upload('p.geojson', file, 'projects');
      expect(status, role).toBe(403);
      expect(body.error!.code).toBe(role === 'inspector' ? 'role_not_allowed' : 'import_not_allowed');
    }
    const admin = createImportClient(app, await signIn(app, DEMO_USERNAMES.admin));
    const { status, body: preview } = await admin.upload('p.geojson', file, 'projects');
    expect(status).toBe(201);
    expect((await admin.drop(preview.id)).status).toBe(204);
    const anonymous = await app.request('/api/imports', { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
  });
});
