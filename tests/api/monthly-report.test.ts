import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectList, ProjectRecord } from '../../core/projects/project-contract.ts';
import { districtToday } from '../../core/projects/project-schedule.ts';
import { monthPeriod } from '../../core/reports/monthly-report-contract.ts';
import type { TargetsResponse } from '../../core/targets/target-contract.ts';
import type { TownComparison } from '../../core/towns/town-comparison.ts';
import { LATE_PROJECTS_LISTED } from '../../server/reports/monthly-report-data.ts';
import { reportWords } from '../../server/reports/monthly-report-labels.ts';
import { readError } from '../support/accounts.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { demandAt, useDemands } from '../support/demands.ts';
import { kindergartenAt, useProjects } from '../support/projects.ts';
import { sessionHeaders } from '../support/session.ts';

/**
 * The monthly report to the district leadership: its figures are the API's figures (targets,
 * late projects, the towns' comparison) and the month's demands as SQL counts them, in the Word
 * document and the printed page alike.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { cookies, places, submit } = useDemands(app, sql);
const { create, projects } = useProjects(app, sql);

const MONTH = districtToday(new Date()).slice(0, 7);
const period = monthPeriod(MONTH)!;
const words = reportWords('zh');

const get = (path: string, cookie?: string) => app.request(path, { headers: sessionHeaders(cookie) });

async function readJson<T>(path: string, cookie = cookies.commission): Promise<T> {
  const response = await get(path, cookie);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as T;
}

async function readDocumentXml(cookie = cookies.commission): Promise<string> {
  const response = await get(`/api/reports/monthly?month=${MONTH}`, cookie);
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(response.headers.get('Content-Disposition')).toContain(`monthly-report-${MONTH}.docx`);
  // A .docx is a zip holding the OOXML parts; unzipSync throws on anything else.
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
  return strFromU8(files['word/document.xml']!);
}

/** Every text cell's words, as Word stores them (one run per cell) and as HTML escapes them. */
const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cellsOfXml = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]);
const cellsOfHtml = (html: string) => [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1]);

/** The rows the API's figures give: the report must hold each of them, cell by cell, in order. */
function expectedRows(targets: TargetsResponse, late: ProjectList<ProjectRecord>, comparison: TownComparison, byOptimization: Map<number, number>) {
  return {
    targets: targets.indicators.map((line) => [words.number(line.achieved), words.number(line.underConstruction), words.percent(line.share), words.status(line.status)]),
    late: late.items.slice(0, LATE_PROJECTS_LISTED).map((project) => [words.phase(project.phase), words.lateBy(project.late)]),
    towns: comparison.towns.map((town) => [String(town.overallRank), words.number(town.demandsReceived, 0), words.percent(town.answeredShare), words.number(town.coverageGained, 0), words.number(town.satisfaction, 2)]),
    demands: [1, 2, 3, 4, 5, 6, 7].map((optimization) => [words.optimization(optimization), String(byOptimization.get(optimization) ?? 0)]),
  };
}

/** `cells` holds `row`'s cells in this order (other cells between them allowed). */
function containsInOrder(cells: readonly string[], row: readonly string[], from = 0): number {
  let at = from;
  for (const text of row) {
    const found = cells.indexOf(xmlText(text), at);
    expect(found, `${row.join(' | ')}: "${text}" after cell ${at}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
  return at;
}

let lateProject: ProjectRecord;
beforeAll(async () => {
  // A demand of the month, and a project late since long ago with a problem named at its inspection.
  await submit(demandAt(places().home, { optimization: 3, type: 'elderly_care', text: '社区缺少日间照料中心，老人白天无人照看' }));
  lateProject = await create(kindergartenAt(places().home, { name: '月报滞后测试项目', schedule: { approved: { plannedStart: '2001-01-10' } } }), cookies.commission);
  const visit = { date: districtToday(new Date()), findings: '征地未完成，施工单位未进场', problems: [{ description: '征地补偿未到位', owner: '区规划自然资源局', due: '2099-12-31' }] };
  expect((await projects.inspect(lateProject.id, visit, cookies.inspector)).status).toBe(201);
});

describe('GET /api/reports/monthly', () => {
  it('holds the API figures: targets, late projects with their problems, the towns compared, the month’s demands', async () => {
    const [targets, late, comparison, xml] = await Promise.all([
      readJson<TargetsResponse>(`/api/targets?year=${period.year}`),
      readJson<ProjectList<ProjectRecord>>(`/api/projects?late=true&sort=late&limit=${LATE_PROJECTS_LISTED}`),
      readJson<TownComparison>(`/api/towns/comparison?period=${period.quarter}`),
      readDocumentXml(),
    ]);
    const counted = await sql<{ optimization: number; count: number }[]>`
      SELECT optimization, count(*)::int AS count FROM demands
      WHERE status <> 'hidden' AND to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${MONTH} GROUP BY 1`;
    const byOptimization = new Map(counted.map((row) => [row.optimization, row.count]));
    expect(byOptimization.get(3)).toBeGreaterThan(0);
    expect(late.items.map((project) => project.id)).toContain(lateProject.id);

    const expected = expectedRows(targets, late, comparison, byOptimization);
    const html = await (await get(`/api/reports/monthly?month=${MONTH}&format=html`, cookies.commission)).text();
    for (const [format, cells] of [['docx', cellsOfXml(xml)], ['html', cellsOfHtml(html)]] as const) {
      let at = 0;
      for (const row of [...expected.targets, ...expected.late]) at = containsInOrder(cells, row, at);
      for (const row of [...expected.towns, ...expected.demands]) at = containsInOrder(cells, row, at);
      // The month's figures: demands received, as the towns' statement counts them for the month.
      const received = [...byOptimization.values()].reduce((sum, count) => sum + count, 0);
      expect(cells[cells.indexOf(xmlText(words.figure('demandsReceived'))) + 1], format).toBe(String(received));
      expect(cells.some((cell) => cell.includes('征地补偿未到位') && cell.includes('区规划自然资源局') && cell.includes('2099-12-31')), format).toBe(true);
      expect(cells.some((cell) => cell.startsWith(lateProject.code)), format).toBe(true);
    }
    expect(xml).toContain(xmlText(words.text.title(MONTH)));
    // The towns' table names its coverage-gained column in both formats.
    expect(xml).toContain(`>${xmlText(words.column('coverageGained'))}<`);
    expect(html).toContain(`>${xmlText(words.column('coverageGained'))}<`);
  });

  it('is a print-ready page with format=html, in English with lang=en', async () => {
    const response = await get(`/api/reports/monthly?month=${MONTH}&format=html&lang=en`, cookies.inspector);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`Urban renewal: monthly report, ${MONTH}`);
    expect(html).toContain('@page{size:A4');
    expect(html).not.toContain('<script');
    // A bar per indicator with a target, as wide as its share (capped at the full width).
    const targets = await readJson<TargetsResponse>(`/api/targets?year=${period.year}`);
    const bars = [...html.matchAll(/<span class="(?:full)?" style="width:(\d+)%"><\/span>/g)].map((match) => Number(match[1]));
    expect(bars).toEqual(targets.indicators.filter((line) => line.share !== null).map((line) => Math.min(100, Math.round(line.share! * 100))));
  });

  it('refuses a month not written YYYY-MM, an unknown format or parameter', async () => {
    for (const query of ['month=2026-13', 'month=2026-1', 'month=202610', 'month=', '', `month=${MONTH}&format=pdf`, `month=${MONTH}&town=1`]) {
      const response = await get(`/api/reports/monthly?${query}`, cookies.commission);
      expect(response.status, query).toBe(400);
      expect((await readError(response)).code, query).toBe('invalid_query');
    }
  });

  it('is for the commission, the inspector and the administrator only', async () => {
    expect((await get(`/api/reports/monthly?month=${MONTH}&format=html`)).status).toBe(401);
    for (const role of ['planner', 'town'] as const) {
      const response = await get(`/api/reports/monthly?month=${MONTH}&format=html`, cookies[role]);
      expect(response.status, role).toBe(403);
    }
    expect((await get(`/api/reports/monthly?month=${MONTH}&format=html`, cookies.admin)).status).toBe(200);
  });
});
