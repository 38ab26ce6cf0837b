import { describe, expect, it } from 'vitest';
import type { DemandReceipt } from '../../core/demands/demand-contract.ts';
import type { ProjectList, ProjectRecord } from '../../core/projects/project-contract.ts';
import { DESKTOP, openAtlas, pagePointOf, renderedFeatures, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, placesInTown, readDemand, signInByApi, signInByDialog, waitForDemandList } from './demand-pages.ts';
import { projectDetail, readProject, waitForProjectLibrary } from './project-pages.ts';

const { browser, appUrl } = useBrowser();
/** These walk several pages and roles: more than the default minute on a loaded machine. */
const LONG_TEST = 240_000;

describe('the loop from a resident\'s demand to a built kindergarten', () => {
  it('a public demand, accepted by the town, answered by a kindergarten project the commission builds, shows on the map and reads resolved', async () => {
    const marker = `E2E${Date.now()}`;
    // A place in the demo town office's own town.
    const probe = await openAtlas(browser(), `${appUrl}/#layers=district`, DESKTOP);
    const town = (await signInByApi(probe, appUrl, 'demo-town')).town!;
    const [place] = await placesInTown(probe.request, appUrl, town);
    await probe.close();

    // 1. A resident asks for a kindergarten (no account).
    const submitted = await fetch(`${appUrl}/api/demands`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: appUrl },
      body: JSON.stringify({ lon: place[0], lat: place[1], optimization: 2, type: 'kindergarten', title: `${marker} 附近需要幼儿园`, text: `${marker} 小区孩子多，附近没有普惠性幼儿园` }),
    });
    expect(submitted.status).toBe(201);
    const receipt = (await submitted.json()) as DemandReceipt;

    // 2. The town office accepts it from its demand list.
    const townPage = await openAtlas(browser(), `${appUrl}/#map=14.00/${place[1]}/${place[0]}&layers=district,communities&lang=zh`, DESKTOP);
    await waitForIdleMap(townPage);
    await signInByDialog(townPage, 'demo-town');
    await townPage.locator('button.demands-toggle').click();
    await waitForDemandList(townPage);
    await townPage.locator('input.demand-search').fill(marker);
    await townPage.locator(`.demand-row[data-demand="${receipt.id}"]`).click();
    await townPage.locator(`.demand-detail[data-demand="${receipt.id}"] button.transition[data-to="accepted"]`).click();
    await townPage.locator(`.demand-detail[data-demand="${receipt.id}"] .status[data-status="accepted"]`).waitFor(SLOW);
    await townPage.close();

    // 3. The commission draws a kindergarten beside it, linked to the demand, and builds it.
    const page = await openAtlas(browser(), `${appUrl}/#map=16.00/${place[1]}/${place[0]}&layers=district,kindergartens&lang=zh`, DESKTOP);
    await waitForIdleMap(page);
    await signInByDialog(page, 'demo-commission');
    await page.locator('button.projects-toggle').click();
    await waitForProjectLibrary(page);
    await page.locator('button.new-project').click();
    await page.locator('button.draw-shape[data-shape="point"]').click();
    const site: [number, number] = [place[0] + 0.0008, place[1] + 0.0003];
    const { x, y } = await pagePointOf(page, site);
    await page.mouse.move(x, y);
    await page.mouse.click(x, y);
    await expect.poll(() => page.locator('.draw-measure').getAttribute('data-finished'), SLOW).toBe('true');
    const form = page.locator('.project-form');
    const name = `${marker} 普惠性幼儿园新建工程`;
    await form.locator('input[name="name"]').fill(name);
    await form.locator('select[name="optimization"]').selectOption('2');
    await form.locator('select[name="type"]').selectOption('kindergarten');
    await form.locator('input[name="responsibleUnit"]').fill('区教委');
    await form.locator('input[name="funding-fiscal"]').fill('12000000');
    await form.locator('input[name="deliverable-amount"]').fill('270');
    expect(await form.locator('select[name="facilityLayer"]').inputValue()).toBe('kindergartens');
    await form.locator('input[name="demandIds"]').fill(String(receipt.id));
    await saveScreenshot(page, 'projects-loop-form');
    await form.locator('button.create-project').click();
    await page.locator('.project-detail .project-name').filter({ hasText: name }).waitFor(SLOW);
    const project = ((await (await page.request.get(`${appUrl}/api/projects?q=${encodeURIComponent(marker)}&limit=5`)).json()) as ProjectList<ProjectRecord>).items[0];
    expect(project).toMatchObject({ phase: 'proposed', demandIds: [receipt.id], facility: { layer: 'kindergartens', properties: { seats: 270 } } });
    const detail = projectDetail(page, project.id);
    await detail.locator(`.linked-demands li[data-demand="${receipt.id}"][data-status="planned"]`).waitFor(SLOW);

    for (const phase of ['approved', 'construction', 'completed'] as const) {
      await detail.locator(`button.transition[data-to="${phase}"]`).click();
      await detail.locator(`.phase[data-phase="${phase}"]`).waitFor(SLOW);
    }
    expect((await readProject(page.request, appUrl, project.id)).facilityFeatureId).not.toBeNull();

    // 4. The kindergarten is on the map, and the resident's demand is resolved.
    await detail.locator(`.linked-demands li[data-demand="${receipt.id}"][data-status="resolved"]`).waitFor(SLOW);
    expect((await readDemand(page.request, appUrl, receipt.id)).status).toBe('resolved');
    await waitForIdleMap(page);
    await expect.poll(async () => (await renderedFeatures(page, 'kindergartens')).some((feature) => feature.properties.name === name), { timeout: 30_000 }).toBe(true);
    await saveScreenshot(page, 'projects-loop-completed');
    const status = await (await fetch(`${appUrl}/api/demands/receipt/${receipt.receipt}`)).json() as { status: string };
    expect(status.status).toBe('resolved');

    // 5. The demand names the project that answered it, and its link opens that project again.
    await page.evaluate((id) => { location.hash = `demands=&demand=${id}&lang=zh`; }, receipt.id);
    const answered = page.locator(`.demand-detail[data-demand="${receipt.id}"] .demand-projects a[data-project="${project.id}"][data-phase="completed"]`);
    await answered.waitFor(SLOW);
    await saveScreenshot(page, 'projects-loop-demand-answered');
    await answered.click();
    await detail.waitFor(SLOW);
    await page.close();
  }, LONG_TEST);
});
