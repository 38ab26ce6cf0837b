import type { APIRequestContext, Browser, Page } from 'playwright-core';
import type { z } from 'zod';
import type { ProjectList, ProjectRecord, newProjectSchema } from '../../core/projects/project-contract.ts';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import { DESKTOP } from './browser.ts';
import { SLOW, placesInTown, signInByApi } from './demand-pages.ts';

/** What the project browser tests share: projects made and moved through the API, the library open. */

export async function createProjectByApi(request: APIRequestContext, appUrl: string, body: z.input<typeof newProjectSchema>): Promise<ProjectRecord> {
  const response = await request.post(`${appUrl}/api/projects`, { data: body, headers: { Origin: appUrl } });
  if (response.status() !== 201) throw new Error(`POST /api/projects answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as ProjectRecord;
}

export async function readProject(request: APIRequestContext, appUrl: string, id: number): Promise<ProjectRecord> {
  return (await (await request.get(`${appUrl}/api/projects/${id}`)).json()) as ProjectRecord;
}

export async function moveProjectByApi(request: APIRequestContext, appUrl: string, project: ProjectRecord, phase: string): Promise<ProjectRecord> {
  const response = await request.post(`${appUrl}/api/projects/${project.id}/phase`, { data: { phase }, headers: { Origin: appUrl, 'If-Match': formatEntityTag(project.version) } });
  if (response.status() !== 200) throw new Error(`phase → ${phase} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as ProjectRecord;
}

export async function projectTotal(request: APIRequestContext, appUrl: string, query: string): Promise<number> {
  return ((await (await request.get(`${appUrl}/api/projects?${query}&limit=1`)).json()) as ProjectList).total;
}

/** The open library has drawn its first answer (the totals line, and the projects on the map). */
export async function waitForProjectLibrary(page: Page): Promise<void> {
  // The library is a chunk of its own and reads every project: a minute on a loaded machine.
  await page.locator('.project-library .totals').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => Boolean(window.__atlas?.map.getSource('project-list')), undefined, SLOW);
}

export const projectDetail = (page: Page, id: number) => page.locator(`.project-detail[data-project="${id}"]`);

type NewProjectBody = z.input<typeof newProjectSchema>;

/**
 * The commission's page with one new project of theirs open in the panel: signed in before the
 * page loads, the project made through the API at a place in the given town (its name starts
 * with the returned marker), then the link that opens it.
 */
export async function openNewProjectAsCommission(browser: Browser, appUrl: string, townIndex: number, body: (place: [number, number], marker: string) => NewProjectBody) {
  const page = await browser.newPage({ viewport: DESKTOP });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await signInByApi(page, appUrl, 'demo-commission');
  const towns = (await (await page.request.get(`${appUrl}/api/divisions`)).json()) as { towns: { code: string }[] };
  const [here] = await placesInTown(page.request, appUrl, towns.towns[townIndex].code);
  const marker = `E2E${Date.now()}`;
  const project = await createProjectByApi(page.request, appUrl, body(here, marker));
  await page.goto(`${appUrl}/#map=15.00/${here[1]}/${here[0]}&layers=district&project=${project.id}&lang=zh`);
  const detail = projectDetail(page, project.id);
  // The library is a chunk of its own: a minute on a loaded machine.
  await detail.locator('.project-name').waitFor({ timeout: 60_000 });
  return { page, project, detail, marker };
}
