import { describe, expect, it } from 'vitest';
import { openAtlas, renderedFeatures, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();

describe('the map', () => {
  it('becomes idle on our own basemap, with the district, towns and labels drawn', async () => {
    const page = await openAtlas(browser(), appUrl);
    await waitForIdleMap(page);
    expect((await renderedFeatures(page, 'district')).length).toBeGreaterThan(0);
    expect((await renderedFeatures(page, 'towns')).length).toBeGreaterThan(5);
    const labels = await page.evaluate(() => window.__atlas!.map.queryRenderedFeatures({ layers: ['labels-towns'] }).length);
    expect(labels).toBeGreaterThan(0);
    // Offline: nothing was asked of any host but ours.
    const style = await page.evaluate(() => window.__atlas!.map.getStyle());
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    await saveScreenshot(page, 'desktop-zh');
    await page.close();
  });

  it('shows a facility layer when it is switched on and hides it when it is switched off', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=12.50/29.53000/106.57000&layers=district,towns,communities&lang=zh`);
    await waitForIdleMap(page);
    expect(await renderedFeatures(page, 'primary_schools')).toEqual([]);

    await page.locator('input[data-layer="primary_schools"]').check();
    await waitForIdleMap(page);
    const shown = await renderedFeatures(page, 'primary_schools');
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0].properties).toHaveProperty('seats');
    expect(page.url()).toContain('primary_schools');

    await page.locator('input[data-layer="primary_schools"]').uncheck();
    await waitForIdleMap(page);
    expect(await renderedFeatures(page, 'primary_schools')).toEqual([]);
    await page.close();
  });

  it('lists every layer with its feature count from the API and marks demo data', async () => {
    const page = await openAtlas(browser(), appUrl);
    const { layers } = await (await page.request.get(`${appUrl}/api/layers`)).json();
    await page.locator('.layer-panel').waitFor();
    for (const layer of layers) {
      const row = page.locator('li', { has: page.locator(`input[data-layer="${layer.id}"]`) });
      expect(Number(await row.locator('.layer-count').getAttribute('data-count')), layer.id).toBe(layer.count);
      expect(await row.locator('.demo-badge').count(), layer.id).toBe(layer.demoCount > 0 ? 1 : 0);
    }
    await page.close();
  });

  it('restores the view, layers and language from a link', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=14.25/29.52000/106.58000&layers=district,kindergartens&lang=en`);
    await waitForIdleMap(page);
    const view = await page.evaluate(() => {
      const map = window.__atlas!.map;
      return { zoom: map.getZoom(), center: map.getCenter().toArray() };
    });
    expect(view.zoom).toBeCloseTo(14.25, 2);
    expect(view.center[0]).toBeCloseTo(106.58, 4);
    expect(view.center[1]).toBeCloseTo(29.52, 4);
    expect(await page.locator('input[data-layer="kindergartens"]').isChecked()).toBe(true);
    expect(await page.locator('input[data-layer="towns"]').isChecked()).toBe(false);
    expect(await page.locator('h1').textContent()).toBe('Renewal Atlas');
    await page.close();
  });
});
