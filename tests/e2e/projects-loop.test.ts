import { describe, expect, it } from 'vitest';
import type { DemandReceipt } from '../../core/demands/demand-contract.ts';
import { DESKTOP, openAtlas, pagePointOf, renderedFeatures, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, placesInTown, readDemand, signInByApi, signInByDialog, waitForDemandList } from './demand-pages.ts';
import { projectDetail, readProject } from './project-pages.ts';

const { browser, appUrl } = useBrowser();
/** These walk several pages and roles and a siting run: more than the default minute on a loaded machine. */
const LONG_TEST = 300_000;

describe('the loop from a resident\'s demand to a built kindergarten', () => {
  it('a public demand, accepted by the town, answered by a kindergarten the commission sites and builds, shows on the map, reads resolved and adds the coverage the siting promised', async () => {
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

    // 3. The commission sites a kindergarten beside it (one candidate point clicked on the map),
    //    and turns the chosen site into a proposed project answering the demand.
    const site: [number, number] = [place[0] + 0.0008, place[1] + 0.0003];
    const siting = `analysis=kindergartens/300/euclidean&siting=kindergartens/mclp/1/300/points/euclidean`;
    const page = await openAtlas(browser(), `${appUrl}/#map=16.00/${place[1]}/${place[0]}&layers=district,kindergartens&${siting}&lang=zh`, DESKTOP);
    await waitForIdleMap(page);
    await signInByDialog(page, 'demo-commission');
    const run = page.locator('.siting-panel button.run');
    await run.waitFor({ timeout: 60_000 });
    const { x, y } = await pagePointOf(page, site);
    await page.mouse.click(x, y);
    await expect.poll(() => page.locator('.siting-candidate').count(), SLOW).toBe(1);
    await run.click();
    const covered = page.locator('.siting-covered');
    await covered.waitFor({ timeout: 180_000 });
    const coveredWithSite = Number(await covered.getAttribute('data-covered'));
    await page.locator('button.create-from-sites').click();
    const sites = page.locator('.siting-projects');
    // The demand lies about 85 m from the site, inside the 300 m radius; the capacity is prefilled.
    await expect.poll(async () => Number(await sites.locator('.site-links li').getAttribute('data-demands')), SLOW).toBeGreaterThanOrEqual(1);
    expect(await sites.locator('input[name="site-capacity"]').inputValue()).toBe('270');
    await sites.locator('input[name="site-responsible-unit"]').fill('区教委');
    await saveScreenshot(page, 'projects-loop-sited');
    await sites.locator('button.create-site-projects').click();
    const link = sites.locator('.created-list a[data-project]');
    await link.waitFor(SLOW);
    const projectId = Number(await link.getAttribute('data-project'));
    const project = await readProject(page.request, appUrl, projectId);
    expect(project).toMatchObject({ phase: 'proposed', type: 'kindergarten', facility: { layer: 'kindergartens', properties: { seats: 270 } }, deliverables: [{ indicator: 'seats', amount: 270 }] });
    expect(project.demandIds).toContain(receipt.id);
    const name = String(project.facility!.properties.name);
    await link.click();
    const detail = projectDetail(page, project.id);
    await detail.locator(`.linked-demands li[data-demand="${receipt.id}"][data-status="planned"]`).waitFor(SLOW);

    for (const phase of ['approved', 'construction', 'completed'] as const) {
      await detail.locator(`button.transition[data-to="${phase}"]`).click();
      await detail.locator(`.phase[data-phase="${phase}"]`).waitFor(SLOW);
    }
    const featureId = (await readProject(page.request, appUrl, project.id)).facilityFeatureId;
    expect(featureId).not.toBeNull();

    // 4. The kindergarten is on the map, and the resident's demand is resolved.
    await detail.locator(`.linked-demands li[data-demand="${receipt.id}"][data-status="resolved"]`).waitFor(SLOW);
    expect((await readDemand(page.request, appUrl, receipt.id)).status).toBe('resolved');
    await waitForIdleMap(page);
    await expect.poll(async () => (await renderedFeatures(page, 'kindergartens')).some((feature) => feature.id === featureId && feature.properties.name === name), { timeout: 30_000 }).toBe(true);
    await saveScreenshot(page, 'projects-loop-completed');
    // Coverage now is what the siting run promised with the site built.
    const coverage = await page.request.post(`${appUrl}/api/analysis/coverage`, { data: { layer: 'kindergartens', radius: 300 }, headers: { Origin: appUrl } });
    expect(((await coverage.json()) as { coveredPopulation: number }).coveredPopulation).toBe(coveredWithSite);
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
