import { describe, expect, it } from 'vitest';
import { openAtlas, pagePointOf, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();
const zh = (value: number, digits = 0) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits }).format(value);

describe('the community panel', () => {
  it('opens on a click where no facility is, with the same numbers as the API, and closes on Escape', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=12.00/29.53000/106.57000&layers=district,towns,communities,population&lang=zh`);
    await waitForIdleMap(page);
    const { communities } = await (await page.request.get(`${appUrl}/api/divisions`)).json();
    const community = communities[Math.floor(communities.length / 3)];
    await page.evaluate((label) => window.__atlas!.map.jumpTo({ center: label, zoom: 14 }), community.label);
    await waitForIdleMap(page);
    const point = await pagePointOf(page, community.label);
    await page.mouse.click(point.x, point.y);

    const panel = page.locator('.community-panel');
    await panel.locator('[data-field="population"]').waitFor();
    expect(await panel.getAttribute('data-community')).toBe(community.code);
    expect(page.url()).toContain(`community=${community.code}`);
    const profile = await (await page.request.get(`${appUrl}/api/communities/${community.code}`)).json();
    expect(await panel.locator('h2').textContent()).toBe(profile.name);
    expect(await panel.locator('[data-field="town"]').textContent()).toBe(profile.town.name);
    expect(await panel.locator('[data-field="population"]').textContent()).toBe(zh(profile.population));
    expect(await panel.locator('[data-field="area"]').textContent()).toBe(`${zh(profile.area_km2, 2)} 平方公里`);
    for (const facility of profile.facilities) {
      const row = panel.locator(`tr[data-layer="${facility.layer}"]`);
      expect(await row.locator('[data-field="count"]').textContent(), facility.layer).toBe(zh(facility.count));
      if (facility.capacity !== null) expect(await row.locator('[data-field="capacity"]').textContent(), facility.layer).toContain(zh(facility.capacity));
    }
    await saveScreenshot(page, 'community-panel');

    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(page.url()).not.toContain('community=');
    await page.close();
  });

  it('is restored from a link, and found by search', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district,communities&lang=en`);
    await waitForIdleMap(page);
    const { communities } = await (await page.request.get(`${appUrl}/api/divisions`)).json();
    const community = communities.find((candidate: { name_en: string | null }) => candidate.name_en) ?? communities[0];

    await page.locator('#place-search').fill(community.name_en ?? community.name);
    await page.locator('[role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const panel = page.locator('.community-panel');
    await panel.locator('[data-field="population"]').waitFor();
    expect(await panel.getAttribute('data-community')).toBe(community.code);
    await waitForIdleMap(page);

    const reloaded = await openAtlas(browser(), page.url());
    await reloaded.locator('.community-panel [data-field="population"]').waitFor();
    expect(await reloaded.locator('.community-panel').getAttribute('data-community')).toBe(community.code);
    await page.close();
    await reloaded.close();
  });
});
