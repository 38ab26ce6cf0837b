import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW } from './demand-pages.ts';

const { browser, appUrl } = useBrowser();

/** The way from the planning map to the public portal's form, on a phone and on a desktop. */
describe('the map\'s "Tell us what you need" entry', () => {
  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`is in sight over the map on a ${device} and opens the portal's form in the map's language`, async () => {
      const page = await openAtlas(browser(), `${appUrl}/#lang=zh`, viewport);
      await waitForIdleMap(page);
      const entry = page.locator('a.tell-us-link');
      expect(await entry.innerText()).toContain('提需求');
      const box = (await entry.boundingBox())!;
      const map = (await page.locator('.map-area').boundingBox())!;
      // Wholly inside the map, in view, big enough for a thumb.
      expect(box.x).toBeGreaterThanOrEqual(map.x);
      expect(box.x + box.width).toBeLessThanOrEqual(map.x + map.width);
      expect(box.y + box.height).toBeLessThanOrEqual(Math.min(map.y + map.height, viewport.height));
      expect(box.height).toBeGreaterThanOrEqual(44);
      // Nothing drawn over it: the element at its centre is the link itself.
      expect(await page.evaluate(([x, y]) => Boolean(document.elementFromPoint(x, y)?.closest('a.tell-us-link')), [box.x + box.width / 2, box.y + box.height / 2])).toBe(true);
      await saveScreenshot(page, `tell-us-entry-${device}`);

      await entry.click();
      await expect.poll(() => new URL(page.url()).hash).toBe('#/tell');
      await expect.poll(() => page.locator('.tell-map-hint').innerText(), SLOW).toBe('点按地图选择位置');
      await page.close();
    });
  }

  it('speaks English on an English map, and leads to the English form', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#lang=en`, PHONE);
    await waitForIdleMap(page);
    const entry = page.locator('a.tell-us-link');
    expect(await entry.innerText()).toContain('Tell us what you need');
    await entry.click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/tell?lang=en');
    await expect.poll(() => page.locator('.tell-map-hint').innerText(), SLOW).toBe('Tap the map to mark the place');
    await page.close();
  });
});
