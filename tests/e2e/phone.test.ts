import { describe, expect, it } from 'vitest';
import { PHONE, openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();

describe('on a 390 × 844 phone', () => {
  it('shows the map across the screen, with the layers in a drawer that opens, works and closes', async () => {
    const page = await openAtlas(browser(), appUrl, PHONE);
    await waitForIdleMap(page);
    const canvas = await page.locator('.maplibregl-canvas').boundingBox();
    expect(canvas!.width).toBeGreaterThanOrEqual(PHONE.width - 1);
    expect(canvas!.height).toBeGreaterThan(PHONE.height * 0.7);
    const drawer = page.locator('#layer-drawer');
    expect(await drawer.isVisible()).toBe(false);
    await saveScreenshot(page, 'phone');

    const toggle = page.locator('.layers-toggle');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.locator('input[data-layer="middle_schools"]').check();
    expect(page.url()).toContain('middle_schools');
    await saveScreenshot(page, 'phone-layers');

    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isVisible()).toBe(false);
    await page.close();
  });

  it('reaches every control by keyboard', async () => {
    const page = await openAtlas(browser(), appUrl, PHONE);
    await waitForIdleMap(page);
    const reached = new Set<string>();
    for (let step = 0; step < 8; step += 1) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ''));
    }
    expect([...reached].some((name) => name.includes('place-search'))).toBe(true);
    expect([...reached].some((name) => name.includes('language-switch'))).toBe(true);
    expect([...reached].some((name) => name.includes('layers-toggle'))).toBe(true);
    expect([...reached].some((name) => name.includes('maplibregl-canvas'))).toBe(true);
    await page.close();
  });
});
