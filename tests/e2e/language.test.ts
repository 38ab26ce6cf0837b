import { describe, expect, it } from 'vitest';
import { openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();

describe('the language switch', () => {
  it('turns the interface, layer titles and map labels to English and back', async () => {
    const page = await openAtlas(browser(), appUrl);
    await waitForIdleMap(page);
    expect(await page.locator('h1').textContent()).toBe('城市更新一张图');
    expect(await page.locator('.layer-panel').innerText()).toContain('幼儿园');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await page.getByRole('button', { name: '切换到英文界面' }).click();
    expect(await page.locator('h1').textContent()).toBe('Renewal Atlas');
    const panel = await page.locator('.layer-panel').innerText();
    expect(panel).toContain('Kindergartens');
    expect(panel).toContain('Travel environment');
    expect(panel).toContain('demo data');
    expect(panel).not.toContain('幼儿园');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-GB');
    expect(page.url()).toContain('lang=en');
    const textField = await page.evaluate(() => JSON.stringify(window.__atlas!.map.getLayoutProperty('labels-towns', 'text-field')));
    expect(textField).toContain('name_en');
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Zoom in');
    await waitForIdleMap(page);
    await saveScreenshot(page, 'desktop-en');

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    expect(await page.locator('h1').textContent()).toBe('城市更新一张图');
    await page.close();
  });
});
