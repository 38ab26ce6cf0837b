/**
 * `npm run bench -- exchange-library`: the demo project library exported as GeoJSON and
 * imported back through `POST /api/imports` and its commit (time to committed), beside the same
 * projects created one by one through `POST /api/projects` in the same run: the import writes
 * each project with the create call's pieces (its place located by the same SQL), so the ratio
 * is what reading the file, the preview and one transaction add or save. Then the schedule and
 * the survey table exported in each format. Every project added is removed after.
 */
import type { ImportCommitResult, ImportPreview } from '../../core/exchange/import-contract.ts';
import { EXPORT_FORMATS } from '../../core/exchange/export-contract.ts';
import type { ProjectRecord } from '../../core/projects/project-contract.ts';
import { ensureBenchAccounts, signInOver } from './bench-accounts.ts';
import { benchDatabaseKinds, openBenchDatabase } from './bench-database.ts';
import { formatMs, heading, median, report, timeIt } from './measure.ts';

const BENCH_USER = 'bench-library';
const RUNS = 3;

/** The create call's body for an exported project (links and actual dates are not the create call's). */
function createBody(project: ProjectRecord) {
  const schedule = Object.fromEntries(Object.entries(project.schedule).map(([phase, dates]) => [phase, { plannedStart: dates.plannedStart, plannedEnd: dates.plannedEnd }]));
  return {
    name: project.name, optimization: project.optimization, type: project.type, geometry: project.geometry, sizeClass: project.sizeClass,
    responsibleUnit: project.responsibleUnit, funding: project.funding, budget: project.budget, deliverables: project.deliverables,
    facility: project.facility, weight: project.weight, schedule, milestones: project.milestones.map(({ name, planned }) => ({ name, planned })),
  };
}

export async function benchExchangeLibrary(): Promise<void> {
  for (const kind of benchDatabaseKinds()) {
    const database = await openBenchDatabase(kind);
    const served = await database.serveApp();
    const added: number[] = [];
    try {
      await ensureBenchAccounts(database.sql, [BENCH_USER], 'commission');
      const cookie = await signInOver(served.origin, BENCH_USER);
      const headers = { Cookie: cookie };
      const listed = (await (await fetch(`${served.origin}/api/projects?limit=500`, { headers })).json()) as { items: ProjectRecord[] };
      const exported = new Uint8Array(await (await fetch(`${served.origin}/api/export/projects?format=geojson`, { headers })).arrayBuffer());
      heading(`exchange-library: the project library (${listed.items.length} projects) on the ${kind} database`);

      // The baseline first: whatever warms up (the server's first requests) does so on its side.
      const created = await timeIt(async () => {
        for (const project of listed.items) {
          const response = await fetch(`${served.origin}/api/projects`, { method: 'POST', body: JSON.stringify(createBody(project)), headers: { ...headers, 'Content-Type': 'application/json' } });
          const body = (await response.json()) as ProjectRecord;
          if (response.status !== 201) throw new Error(`the create call answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
          added.push(body.id);
        }
      });
      let previewMs = 0;
      const imported = await timeIt(async () => {
        const form = new FormData();
        form.set('file', new File([exported], 'projects.geojson'));
        form.set('target', 'projects');
        const upload = await timeIt(async () => {
          const uploaded = await fetch(`${served.origin}/api/imports`, { method: 'POST', body: form, headers });
          const body = (await uploaded.json()) as ImportPreview;
          if (uploaded.status !== 201) throw new Error(`the upload answered ${uploaded.status}: ${JSON.stringify(body).slice(0, 300)}`);
          return body;
        });
        previewMs = upload.ms;
        const preview = upload.result;
        const response = await fetch(`${served.origin}/api/imports/${preview.id}/commit`, { method: 'POST', body: '{}', headers: { ...headers, 'Content-Type': 'application/json' } });
        const committed = (await response.json()) as ImportCommitResult;
        if (response.status !== 200) throw new Error(`the commit answered ${response.status}: ${JSON.stringify(committed).slice(0, 300)}`);
        const [row] = await database.sql<{ ids: number[] }[]>`SELECT after->'ids' AS ids FROM audit_log WHERE entity_id = ${preview.id}`;
        added.push(...row.ids);
        return committed.committed;
      });
      report(`import of ${imported.result} projects (GeoJSON) to committed`, `${formatMs(imported.ms)} (${formatMs(imported.ms / imported.result)} a project)`, imported.ms / created.ms);
      report(`  of which the upload to its preview (GDAL, geometry checks)`, formatMs(previewMs), previewMs / created.ms);
      report(`  the same projects by POST /api/projects, one by one (baseline)`, `${formatMs(created.ms)} (${formatMs(created.ms / listed.items.length)} a project)`, 1);

      for (const target of ['schedule', 'surveys'] as const) {
        const times = new Map<string, number>();
        for (const format of EXPORT_FORMATS) {
          const runs: number[] = [];
          for (let run = 0; run < RUNS; run += 1) {
            const { ms } = await timeIt(async () => {
              const response = await fetch(`${served.origin}/api/export/${target}?format=${format}`, { headers });
              if (response.status !== 200) throw new Error(`the ${target} export answered ${response.status}`);
              return response.arrayBuffer();
            });
            runs.push(ms);
          }
          times.set(format, median(runs));
        }
        for (const format of EXPORT_FORMATS) report(`${target} as ${format} (median of ${RUNS})`, formatMs(times.get(format)!), times.get(format)! / times.get('geojson')!);
      }
    } finally {
      if (added.length) await database.sql`DELETE FROM projects WHERE id IN ${database.sql(added)}`;
      await served.close();
      await database.close();
    }
  }
}
