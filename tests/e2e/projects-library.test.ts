import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ProjectSchedulePage } from '../../core/projects/project-contract.ts';
import { allowedProjectTransitions } from '../../core/projects/project-phases.ts';
import { DESKTOP, openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, placesInTown, signInByDialog } from './demand-pages.ts';
import { createProjectByApi, moveProjectByApi, projectDetail, projectTotal, readProject, waitForProjectLibrary } from './project-pages.ts';

const { browser, appUrl } = useBrowser();
/** These walk several pages and roles: more than the default minute on a loaded machine. */
const LONG_TEST = 240_000;

describe('the project library for staff', () => {
  it('lists and totals projects, opens one, moves its phase, and says so when someone else moved it first', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=12.00/29.53000/106.57000&layers=district,communities&lang=zh`, DESKTOP);
    await waitForIdleMap(page);
    await signInByDialog(page, 'demo-commission');
    const towns = (await (await page.request.get(`${appUrl}/api/divisions`)).json()) as { towns: { code: string }[] };
    const [here] = await placesInTown(page.request, appUrl, towns.towns[0].code);
    const marker = `E2E${Date.now()}`;
    const project = await createProjectByApi(page.request, appUrl, {
      name: `${marker} 幼儿园新建工程`, optimization: 2, type: 'kindergarten', geometry: { type: 'Point', coordinates: here }, sizeClass: 'small', responsibleUnit: '区教委',
      funding: [{ source: 'fiscal', amount: 12_000_000 }], deliverables: [{ indicator: 'seats', amount: 270 }], schedule: { approved: { plannedStart: '2020-01-01', plannedEnd: '2020-02-01' } },
    });

    await page.locator('button.projects-toggle').click();
    await waitForProjectLibrary(page);
    // Totals: the count is the API's, the phase chips count each phase.
    await expect.poll(() => page.locator('.project-library .totals').getAttribute('data-count'), SLOW).toBe(String(await projectTotal(page.request, appUrl, '')));
    expect(await page.locator('.phase-chips button[data-phase="construction"] .count').innerText()).toBe(String(await projectTotal(page.request, appUrl, 'phase=construction')));
    await saveScreenshot(page, 'projects-library-list');

    // Filters go to the link; late only, then the search finds ours.
    await page.locator('.project-filters input[name="late"]').check();
    await expect.poll(() => page.url()).toContain('late:1');
    await expect.poll(() => page.locator('.project-library .totals').getAttribute('data-count'), SLOW).toBe(String(await projectTotal(page.request, appUrl, 'late=true')));
    for (const badge of await page.locator('.project-row').evaluateAll((rows) => rows.slice(0, 20).map((row) => row.querySelector('.late-badge')?.textContent ?? ''))) expect(badge).toMatch(/^逾期 \d+ 天$/);
    await page.locator('input.project-search').fill(marker);
    await expect.poll(() => page.locator('.project-row').count(), SLOW).toBe(1);

    // The panel: phase, late, progress, money, dates, and the moves core allows.
    await page.locator(`.project-row[data-project="${project.id}"]`).click();
    const detail = projectDetail(page, project.id);
    await detail.locator('.project-name').waitFor(SLOW);
    expect(await detail.locator('.phase').innerText()).toBe('拟建');
    expect(await detail.locator('header .late-badge').innerText()).toMatch(/^逾期 \d+ 天$/);
    expect(await detail.locator('tr.late[data-phase="approved"][data-edge="start"]').count()).toBe(1);
    expect(await detail.locator('.facts').innerText()).toContain('270 个学位');
    expect(await detail.locator('button.transition').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-to')))).toEqual([...allowedProjectTransitions('proposed')]);
    await expect.poll(() => page.evaluate(() => window.__atlas!.map.queryRenderedFeatures({ layers: ['project-list-selected-point'] }).length), SLOW).toBeGreaterThan(0);

    await detail.locator('button.transition[data-to="approved"]').click();
    await detail.locator('.phase[data-phase="approved"]').waitFor(SLOW);
    expect((await readProject(page.request, appUrl, project.id)).phase).toBe('approved');
    await saveScreenshot(page, 'projects-library-panel');

    // Someone else moves it to design meanwhile: our construction click is refused, said, and the project reloaded.
    await moveProjectByApi(page.request, appUrl, await readProject(page.request, appUrl, project.id), 'design');
    await detail.locator('button.transition[data-to="construction"]').click();
    await expect.poll(() => detail.locator('.phase-actions .failure').innerText(), SLOW).toContain('已被他人修改');
    await detail.locator('.phase[data-phase="design"]').waitFor(SLOW);
    await saveScreenshot(page, 'projects-library-conflict');

    // An inspection recorded from the panel.
    await detail.locator('button.record-inspection').click();
    await detail.locator('textarea[name="findings"]').fill(`${marker} 现场已完成场地平整`);
    await detail.locator('button.save-inspection').click();
    await detail.locator('.inspection').filter({ hasText: marker }).waitFor(SLOW);
    await page.close();
  }, LONG_TEST);

  it('draws the schedule as a Gantt chart by phase with late items marked, and exports it as CSV and Excel', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district&projects=view:schedule&lang=zh`, DESKTOP);
    await waitForIdleMap(page);
    await signInByDialog(page, 'demo-commission');
    await page.locator('.gantt').waitFor(SLOW);
    const schedule = (await (await page.request.get(`${appUrl}/api/projects/schedule`)).json()) as ProjectSchedulePage;
    expect(await page.locator('.gantt-row').count()).toBe(schedule.items.length);
    expect(await page.locator('.gantt-row.late').count()).toBe(schedule.items.filter((item) => item.late.isLate).length);
    expect(await page.locator('.gantt-row.late').count()).toBeGreaterThan(0);
    expect(await page.locator('.bar.planned.late').count()).toBeGreaterThan(0);
    const groups = await page.locator('.group-head').evaluateAll((heads) => heads.map((head) => head.getAttribute('data-phase')));
    expect(groups[0]).toBe('construction');
    await saveScreenshot(page, 'projects-schedule');

    // Filtered by category: only education projects.
    await page.locator('.project-schedule select[name="optimization"]').selectOption('2');
    await expect.poll(async () => page.locator('.gantt-row').count(), SLOW).toBe(((await (await page.request.get(`${appUrl}/api/projects/schedule?optimization=2`)).json()) as ProjectSchedulePage).items.length);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-csv').click()]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFF编号,项目名称')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(1 + (await page.locator('.gantt-row').count()));
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const files = unzipSync(new Uint8Array(readFileSync((await xlsx.path())!)));
    expect(strFromU8(files['xl/workbook.xml'])).toContain('建设时序清单');
    expect(strFromU8(files['xl/sharedStrings.xml'])).toContain('<t xml:space="preserve">编号</t>');
    await page.close();
  }, LONG_TEST);
});
