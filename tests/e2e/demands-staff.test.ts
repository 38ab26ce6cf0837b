import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DivisionsResponse } from '../../core/api/responses.ts';
import type { DemandList, StaffDemand } from '../../core/demands/demand-contract.ts';
import { allowedDemandTransitions, manualDemandTransitions } from '../../core/demands/demand-states.ts';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import { DESKTOP, PHONE, openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, createDemand, placesInTown, publicDemands, readDemand, signInByApi, signInByDialog, waitForDemandList } from './demand-pages.ts';

const { browser, appUrl } = useBrowser();

const listTotal = async (page: Page, query: string) => ((await (await page.request.get(`${appUrl}/api/demands?${query}&limit=1`)).json()) as DemandList<StaffDemand>).total;
const detail = (page: Page, id: number) => page.locator(`.demand-detail[data-demand="${id}"]`);
const transitionsShown = (page: Page, id: number) => detail(page, id).locator('button.transition').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-to')));

async function openDemand(page: Page, id: number) {
  await page.locator(`.demand-row[data-demand="${id}"]`).click();
  await detail(page, id).locator('.demand-title').waitFor(SLOW);
}

async function backToList(page: Page) {
  await page.locator('.demand-detail button.back').click();
  await page.locator('.demand-rows').waitFor(SLOW);
}

describe('the demand list for staff', () => {
  it('lets a town office filter its demands, fly to one, accept, merge, reject and answer, and says when someone else changed it', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=12.00/29.53000/106.57000&layers=district,communities&lang=zh`, DESKTOP);
    await waitForIdleMap(page);
    await signInByDialog(page, 'demo-town');
    const { user } = (await (await page.request.get(`${appUrl}/api/session`)).json()) as { user: { town: string } };

    // Four new demands in the town, recorded as a survey would be (staff are not rate-limited).
    const marker = `E2E${Date.now()}`;
    const [here, there] = await placesInTown(page.request, appUrl, user.town);
    const make = (type: string, optimization: 1 | 3, at: [number, number], words: string) =>
      createDemand(page.request, appUrl, { lon: at[0], lat: at[1], optimization, type, text: `${marker} ${words}`, title: `${marker} ${words}` });
    const accepted = await make('parking', 1, here, '小区停车难');
    const original = await make('sidewalk', 1, here, '人行道破损');
    const duplicate = await make('sidewalk', 1, [here[0], here[1] + 0.0002], '人行道坑洼');
    const refused = await make('canteen', 3, there, '想要老年食堂');

    await page.locator('button.demands-toggle').click();
    await waitForDemandList(page);
    await expect.poll(() => page.locator('.demand-panel .total').innerText(), SLOW).toBe(`共 ${await listTotal(page, '')} 条`);
    const submittedChip = page.locator('.status-chips button[data-status="submitted"] .count');
    expect(await submittedChip.innerText()).toBe(String(await listTotal(page, 'status=submitted')));

    // Filters: the status chip and the search, both in the link.
    await page.locator('.status-chips button[data-status="submitted"]').click();
    await expect.poll(() => page.url()).toContain('demands=status:submitted');
    await page.locator('input.demand-search').fill(marker);
    await expect.poll(() => page.locator('.demand-row').count(), SLOW).toBe(4);
    expect(page.url()).toContain(`demandq=${marker}`);
    for (const row of await page.locator('.demand-row').allInnerTexts()) expect(row).toContain('待受理');
    await page.locator('select[name="type"]').selectOption('sidewalk');
    await expect.poll(() => page.locator('.demand-row').count(), SLOW).toBe(2);
    await page.locator('select[name="type"]').selectOption('');
    await expect.poll(() => page.locator('.demand-row').count(), SLOW).toBe(4);
    await saveScreenshot(page, 'demands-staff-list');

    // A row flies to its demand and rings it; the next steps are the status machine's.
    await openDemand(page, accepted.id);
    await expect.poll(() => page.evaluate(() => window.__atlas!.map.isMoving()), SLOW).toBe(false);
    // …into the part of the map the panel leaves free.
    const placed = await page.evaluate((lngLat) => {
      const map = window.__atlas!.map;
      const box = map.getContainer().getBoundingClientRect();
      const point = map.project(lngLat);
      return { x: box.left + point.x, y: box.top + point.y, free: document.getElementById('demand-panel')!.getBoundingClientRect().right, box: box.toJSON() as DOMRect };
    }, here);
    expect(placed.x).toBeGreaterThan(placed.free);
    expect(placed.x).toBeLessThan(placed.box.right);
    expect(Math.abs(placed.y - (placed.box.top + placed.box.height / 2))).toBeLessThan(5);
    await waitForIdleMap(page);
    await expect.poll(() => page.evaluate(() => window.__atlas!.map.queryRenderedFeatures({ layers: ['demand-list-selected'] }).length), SLOW).toBeGreaterThan(0);
    expect(await transitionsShown(page, accepted.id)).toEqual([...allowedDemandTransitions('submitted')]);
    await detail(page, accepted.id).locator('button.transition[data-to="accepted"]').click();
    await detail(page, accepted.id).locator('.status[data-status="accepted"]').waitFor(SLOW);
    expect((await readDemand(page.request, appUrl, accepted.id)).status).toBe('accepted');
    // No project links it yet: `planned` is the project library's move, not offered here.
    expect(await transitionsShown(page, accepted.id)).toEqual([...manualDemandTransitions('accepted', false)]);
    await saveScreenshot(page, 'demands-staff-accepted');

    // Merge: the nearby demand of the same type is offered.
    await backToList(page);
    await openDemand(page, duplicate.id);
    await detail(page, duplicate.id).locator('button.transition[data-to="merged"]').click();
    const candidate = detail(page, duplicate.id).locator(`.merge-candidates input[value="${original.id}"]`);
    await candidate.waitFor(SLOW);
    expect(await detail(page, duplicate.id).locator(`.merge-candidates input[value="${refused.id}"]`).count()).toBe(0);
    await candidate.check();
    await saveScreenshot(page, 'demands-staff-merge');
    await detail(page, duplicate.id).locator('button.confirm').click();
    await detail(page, duplicate.id).locator('.status[data-status="merged"]').waitFor(SLOW);
    expect((await readDemand(page.request, appUrl, duplicate.id)).mergedInto).toBe(original.id);

    // Reject: not without a reason, which the resident will read.
    await backToList(page);
    await openDemand(page, refused.id);
    await detail(page, refused.id).locator('button.transition[data-to="rejected"]').click();
    await detail(page, refused.id).locator('button.confirm').click();
    expect(await detail(page, refused.id).locator('.transition-form [role="alert"]').innerText()).toBe('请填写原因。');
    await detail(page, refused.id).locator('textarea[name="reason"]').fill('该地块已规划社区食堂，将于明年开放。');
    await detail(page, refused.id).locator('button.confirm').click();
    await detail(page, refused.id).locator('.status[data-status="rejected"]').waitFor(SLOW);
    expect(await detail(page, refused.id).locator('.demand-reason').innerText()).toBe('该地块已规划社区食堂，将于明年开放。');

    // Someone else answers while this reader types: their save is refused, a reload shows the other answer.
    await backToList(page);
    await page.locator('.status-chips button[data-status="accepted"]').click();
    await openDemand(page, accepted.id);
    await detail(page, accepted.id).locator('textarea[name="reply"]').fill('我们将在本月内答复。');
    const current = await readDemand(page.request, appUrl, accepted.id);
    const meanwhile = await page.request.patch(`${appUrl}/api/demands/${accepted.id}`, {
      data: { reply: '已联系物业，下周增设停车位。' },
      headers: { Origin: appUrl, 'If-Match': formatEntityTag(current.version) },
    });
    expect(meanwhile.status()).toBe(200);
    await detail(page, accepted.id).locator('button.save-reply').click();
    const conflict = detail(page, accepted.id).locator('.failure[data-conflict="true"]');
    await conflict.waitFor(SLOW);
    expect(await conflict.innerText()).toContain('该需求已被他人修改');
    await saveScreenshot(page, 'demands-staff-conflict');
    await conflict.locator('button.reload').click();
    await expect.poll(() => detail(page, accepted.id).locator('textarea[name="reply"]').inputValue(), SLOW).toBe('已联系物业，下周增设停车位。');

    // Another town's demand: refused, and the panel says whose it is.
    const others = (await publicDemands(appUrl, 'limit=50')).items.filter((demand) => demand.town !== user.town);
    const divisions = (await (await page.request.get(`${appUrl}/api/divisions`)).json()) as DivisionsResponse;
    const otherTown = divisions.towns.find((town) => town.code === others[0].town)!;
    await page.evaluate((id) => (location.hash = location.hash.replace(/demand=\d+/, `demand=${id}`)), others[0].id);
    const refusal = page.locator(`.demand-detail[data-demand="${others[0].id}"] [data-refusal="scope"]`);
    await refusal.waitFor(SLOW);
    expect(await refusal.innerText()).toContain(otherTown.name);
    expect(await page.locator('.demand-detail button.transition, .demand-detail textarea').count()).toBe(0);
    await saveScreenshot(page, 'demands-staff-refused');
    await page.close();
  }, 300_000);

  it('shows an inspector every demand but no step to take', async () => {
    const page = await browser().newPage({ viewport: DESKTOP });
    await signInByApi(page, appUrl, 'demo-inspector');
    const [any] = (await publicDemands(appUrl, 'status=accepted&limit=1')).items;
    await page.goto(`${appUrl}/#layers=district,communities&demands=&demand=${any.id}&lang=zh`);
    const panel = detail(page, any.id);
    await panel.locator('[data-refusal="role"]').waitFor(SLOW);
    expect(await panel.locator('[data-refusal="role"]').innerText()).toBe('督查办可查看全部需求，不参与受理。');
    expect(await panel.locator('.demand-title').innerText()).toBe(any.title);
    expect(await panel.locator('button.transition, textarea, button.save-reply').count()).toBe(0);
    await saveScreenshot(page, 'demands-inspector');
    await page.close();
  }, 120_000);

  it('shades communities by demands per 1,000 residents, the lowest class coloured too, and clusters the points', async () => {
    const page = await browser().newPage({ viewport: DESKTOP });
    await signInByApi(page, appUrl, 'demo-commission');
    await page.goto(`${appUrl}/#map=10.60/29.54000/106.62000&layers=district,towns,communities,roads&demands=choropleth:all&lang=zh`);
    await waitForDemandList(page);
    const legend = page.locator('.choropleth-legend li');
    await expect.poll(() => legend.count(), SLOW).toBeGreaterThanOrEqual(3);
    expect(await legend.first().innerText()).toBe('0');
    expect(await legend.first().locator('.swatch').evaluate((swatch) => getComputedStyle(swatch).backgroundColor)).toBe('rgb(207, 233, 180)');
    await waitForIdleMap(page);
    const shaded = () => page.evaluate(() => window.__atlas!.map.queryRenderedFeatures({ layers: ['demand-choropleth'] }).length);
    await expect.poll(shaded, SLOW).toBeGreaterThan(50);
    await expect.poll(() => page.evaluate(() => window.__atlas!.map.queryRenderedFeatures({ layers: ['demand-list-clusters'] }).length), SLOW).toBeGreaterThan(0);
    await saveScreenshot(page, 'demands-choropleth');

    // One optimization at a time, in the link.
    await page.locator('select[name="choropleth"]').selectOption('3');
    await expect.poll(() => page.url()).toContain('choropleth:3');
    await waitForIdleMap(page);
    await expect.poll(shaded, SLOW).toBeGreaterThan(50);
    await page.locator('select[name="choropleth"]').selectOption('');
    await expect.poll(shaded, SLOW).toBe(0);
    await page.close();
  }, 120_000);

  it('fits a planner\'s list of their communities under the map on a phone', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district,communities&lang=zh`, PHONE);
    const user = await signInByApi(page, appUrl, 'demo-planner');
    await page.reload();
    await page.locator('button.demands-toggle').click();
    await waitForDemandList(page);
    await expect.poll(() => page.locator('.demand-row').count(), SLOW).toBeGreaterThan(0);
    const codes = await page.evaluate(async () => ((await (await fetch('/api/demands?limit=500')).json()) as DemandList<StaffDemand>).items.map((demand) => demand.community));
    expect(codes.every((code) => code !== null && user.communities.includes(code))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const sheet = (await page.locator('#demand-panel').boundingBox())!;
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    expect(sheet.y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'demands-staff-phone');
    await page.close();
  }, 120_000);
});
