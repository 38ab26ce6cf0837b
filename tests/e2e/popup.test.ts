import { describe, expect, it } from 'vitest';
import { openAtlas, pagePointOf, renderedFeatures, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();

describe('a feature popup', () => {
  it('lists the clicked facility’s properties with registry labels, capacity with its unit, and places by name', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=13.00/29.53000/106.57000&layers=district,communities,kindergartens&lang=zh`);
    await waitForIdleMap(page);
    // A generated one (the badge is checked below): other browser tests add kindergartens of their own.
    const kindergarten = (await renderedFeatures(page, 'kindergartens')).find((feature) => feature.properties.demo !== false && !String(feature.properties.name).startsWith('E2E'))!;
    expect(kindergarten).toBeDefined();
    const coordinates = (kindergarten.geometry as unknown as { coordinates: [number, number] }).coordinates;
    const { communities, towns } = await (await page.request.get(`${appUrl}/api/divisions`)).json();
    const community = communities.find((candidate: { code: string }) => candidate.code === kindergarten.properties.community_code);
    const town = towns.find((candidate: { code: string }) => candidate.code === kindergarten.properties.town_code);

    await page.evaluate((lngLat) => window.__atlas!.map.jumpTo({ center: lngLat, zoom: 16 }), coordinates);
    await waitForIdleMap(page);
    const point = await pagePointOf(page, coordinates);
    await page.mouse.click(point.x, point.y);

    const popup = page.locator('.feature-popup');
    await popup.waitFor();
    const text = await popup.innerText();
    expect(text).toContain('幼儿园');
    expect(text).toContain(String(kindergarten.properties.name));
    expect(text).toContain(`${new Intl.NumberFormat('zh-CN').format(Number(kindergarten.properties.seats))} 学位`);
    expect(text).toContain(community.name);
    expect(text).toContain(town.name);
    expect(text).not.toContain(String(kindergarten.properties.community_code));
    expect(text).toContain('演示数据');

    await page.keyboard.press('Escape');
    await expect.poll(() => popup.count()).toBe(0);
    await page.close();
  });
});
