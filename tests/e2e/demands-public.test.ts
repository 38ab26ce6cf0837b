import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RECEIPT_PATTERN } from '../../core/demands/receipt-code.ts';
import { DESKTOP, PHONE, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { HOSTILE_REPLY, HOSTILE_TEXT, HOSTILE_TITLE, SLOW, publicDemands, readDemand, signInByApi, waitForDemandList, watchForScript } from './demand-pages.ts';

const { browser, appUrl } = useBrowser();

/** A phone's browser, with its position (when given) and the clipboard allowed. */
async function openPhone(position?: { longitude: number; latitude: number }): Promise<{ context: BrowserContext; page: Page; scripts: string[] }> {
  const context = await browser().newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    permissions: ['clipboard-read', 'clipboard-write', ...(position ? ['geolocation'] : [])],
    ...(position ? { geolocation: position } : {}),
  });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return { context, page, scripts };
}

/** Tap the middle of the portal's map (a real touch), where the pin then stands. */
async function tapMapCentre(page: Page) {
  const box = (await page.locator('.tell-map .maplibregl-canvas').boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

describe('the public portal on a phone', () => {
  it('takes a need at a tapped place and gives a receipt code that opens its progress', async () => {
    const { context, page, scripts } = await openPhone();
    await page.goto(`${appUrl}/#/tell`);
    await waitForIdleMap(page);
    await expect.poll(() => page.locator('.tell-map-hint').innerText()).toBe('点按地图选择位置');

    // The map: zoom in on the district's busiest town, then a tap puts the pin.
    await page.evaluate(() => window.__atlas!.map.jumpTo({ center: [106.5711, 29.5434], zoom: 15 }));
    await waitForIdleMap(page);
    await tapMapCentre(page);
    await page.locator('.portal-pin').waitFor();
    await expect.poll(() => page.locator('.tell-place').innerText()).toMatch(/^已选位置：.+ · .+/);

    await page.locator('label.category').nth(0).click();
    await page.locator('select[name="type"]').selectOption('crossing');
    await page.locator('textarea[name="text"]').fill('学校门口没有人行横道，孩子上学要横穿马路，希望增设过街设施。');
    await page.locator('input[name="contact"]').fill('138 0000 0000');
    await saveScreenshot(page, 'demands-phone-tell');
    // Nothing of the planning map's panels, analysis or deck.gl came down for this page.
    expect(scripts.filter((path) => /deck|analysis|siting|demand-panel|property-inputs|edit-panel/.test(path))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await page.locator('button.send').click();
    const code = (await page.locator('.receipt-value').getAttribute('data-receipt', SLOW))!;
    expect(code).toMatch(RECEIPT_PATTERN);
    expect(await page.locator('.receipt-value').innerText()).toBe(`${code.slice(0, 5)} ${code.slice(5)}`);
    await page.locator('button.copy-receipt').click();
    await expect.poll(() => page.locator('button.copy-receipt').innerText()).toBe('已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await saveScreenshot(page, 'demands-phone-receipt');

    // The status page, by the link and by the code as a person types it.
    await page.locator('a.follow').click();
    await expect.poll(() => page.url()).toBe(`${appUrl}/#/receipt/${code}`);
    await page.locator('.status-card[data-status="submitted"]').waitFor(SLOW);
    expect(await page.locator('.status-steps li[aria-current="step"]').innerText()).toContain('待受理');
    expect(await page.locator('.status-title').innerText()).toBe('过街设施');
    await saveScreenshot(page, 'demands-phone-status');

    await page.goto(`${appUrl}/#/receipt`);
    await page.locator('input[name="receipt"]').fill(`${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`);
    await page.locator('.look-up button[type="submit"]').click();
    await page.locator('.status-card').waitFor(SLOW);
    expect(page.url()).toBe(`${appUrl}/#/receipt/${code}`);

    // English, by the switch; the link keeps it.
    await page.locator('button.language-switch').click();
    await expect.poll(() => page.locator('.status-steps li[aria-current="step"] strong').innerText()).toBe('Submitted');
    expect(page.url()).toBe(`${appUrl}/#/receipt/${code}?lang=en`);
    await context.close();
  }, 120_000);

  it('offers "me too" on a published demand of the same type at the phone\'s position, once', async () => {
    const [target] = (await publicDemands(appUrl, 'status=accepted&sort=support&limit=1')).items;
    const { context, page } = await openPhone({ longitude: target.lon, latitude: target.lat });
    await page.goto(`${appUrl}/#/tell`);
    await waitForIdleMap(page);
    await page.locator('button.locate').click();
    await expect.poll(() => page.locator('.tell-place').innerText(), SLOW).toMatch(/^已选位置：/);
    await page.locator('label.category').nth(target.optimization - 1).click();
    await page.locator('select[name="type"]').selectOption(target.type);

    const offer = page.locator(`.me-too li[data-demand="${target.id}"]`);
    await offer.waitFor(SLOW);
    expect(await offer.locator('.me-too-title').innerText()).toBe(target.title);
    await offer.locator('button.me-too-button').click();
    await expect.poll(() => offer.locator('button.me-too-button').getAttribute('aria-pressed')).toBe('true');
    expect(await offer.locator('.me-too-count').innerText()).toBe(`${target.supportCount + 1} 人附议`);
    await saveScreenshot(page, 'demands-phone-me-too');
    const after = (await publicDemands(appUrl, `type=${target.type}&bbox=${target.lon - 1e-4},${target.lat - 1e-4},${target.lon + 1e-4},${target.lat + 1e-4}`)).items.find((demand) => demand.id === target.id);
    expect(after?.supportCount).toBe(target.supportCount + 1);

    // Pressed again after a reload, the same browser is not counted twice.
    await page.reload();
    await page.locator('button.locate').click();
    await expect.poll(() => page.locator('.tell-place').innerText(), SLOW).toMatch(/^已选位置：/);
    await page.locator('label.category').nth(target.optimization - 1).click();
    await page.locator('select[name="type"]').selectOption(target.type);
    await expect.poll(() => offer.locator('button.me-too-button').getAttribute('aria-pressed'), SLOW).toBe('true');
    await context.close();
  }, 120_000);
});

describe('what a resident typed', () => {
  it('is shown as text, never run, in the staff panel and on the receipt page', async () => {
    const { context, page } = await openPhone();
    const ranScript = await watchForScript(page);
    await page.goto(`${appUrl}/#/tell`);
    await waitForIdleMap(page);
    await page.evaluate(() => window.__atlas!.map.jumpTo({ center: [106.5711, 29.5434], zoom: 15 }));
    await waitForIdleMap(page);
    await tapMapCentre(page);
    await page.locator('label.category').nth(6).click();
    await page.locator('select[name="type"]').selectOption('security');
    await page.locator('textarea[name="text"]').fill(HOSTILE_TEXT);
    await page.locator('input[name="title"]').fill(HOSTILE_TITLE);
    await page.locator('button.send').click();
    const code = (await page.locator('.receipt-value').getAttribute('data-receipt', SLOW))!;
    const stored = (await (await page.request.get(`${appUrl}/api/demands/receipt/${code}`)).json()) as { title: string };
    expect(stored.title).toBe(HOSTILE_TITLE);

    // Staff read it, answer in kind and accept it, in the panel.
    const staff = await browser().newPage({ viewport: DESKTOP });
    const staffRan = await watchForScript(staff);
    await signInByApi(staff, appUrl, 'demo-commission');
    const [found] = (await (await staff.request.get(`${appUrl}/api/demands?q=${encodeURIComponent('路灯坏了')}&status=submitted&limit=1`)).json()).items as { id: number }[];
    await staff.goto(`${appUrl}/#layers=district,communities&demands=status:submitted&demandq=${encodeURIComponent('路灯坏了')}&lang=zh`);
    await waitForDemandList(staff);
    expect(await staff.locator(`.demand-row[data-demand="${found.id}"] .row-title`).innerText()).toBe(HOSTILE_TITLE);
    await staff.locator(`.demand-row[data-demand="${found.id}"]`).click();
    const detail = staff.locator(`.demand-detail[data-demand="${found.id}"]`);
    await detail.locator('.demand-title').waitFor(SLOW);
    expect(await detail.locator('.demand-title').innerText()).toBe(HOSTILE_TITLE);
    expect(await detail.locator('.demand-text').innerText()).toBe(HOSTILE_TEXT);
    await detail.locator('textarea[name="reply"]').fill(HOSTILE_REPLY);
    await detail.locator('button.save-reply').click();
    await expect.poll(() => detail.locator('.notice').innerText(), SLOW).toBe('答复已保存。');
    await detail.locator('button.transition[data-to="accepted"]').click();
    await detail.locator('.status[data-status="accepted"]').waitFor(SLOW);
    expect(await detail.locator('img, script, svg, b').count()).toBe(0);
    await saveScreenshot(staff, 'demands-text-staff');
    expect((await readDemand(staff.request, appUrl, found.id)).reply).toBe(HOSTILE_REPLY);

    // The resident's receipt page shows the title and the reply as they were typed.
    await page.goto(`${appUrl}/#/receipt/${code}`);
    await page.locator('.status-card[data-status="accepted"]').waitFor(SLOW);
    expect(await page.locator('.status-title').innerText()).toBe(HOSTILE_TITLE);
    expect(await page.locator('.status-reply').innerText()).toBe(HOSTILE_REPLY);
    expect(await page.locator('.status-card img, .status-card script, .status-card svg, .status-card b').count()).toBe(0);
    await saveScreenshot(page, 'demands-text-receipt');

    expect(await ranScript()).toEqual({ flag: undefined, dialogs: [] });
    expect(await staffRan()).toEqual({ flag: undefined, dialogs: [] });
    await staff.close();
    await context.close();
  }, 180_000);
});
