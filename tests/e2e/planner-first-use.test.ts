import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, openAtlas, pagePointOf, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';

/**
 * What a first use of coverage, life circles, the what-if and search tripped on: each behaviour
 * as a planner, the commission, a resident or a keyboard user meets it.
 */
const { browser, appUrl } = useBrowser();

/** Relative luminance (0 black … 1 white) of a CSS rgb() colour. */
function luminance(css: string): number {
  const [red, green, blue] = css.match(/\d+/g)!.slice(0, 3).map((value) => Number(value) / 255);
  const linear = (channel: number) => (channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

async function divisions(page: Page) {
  return (await page.request.get(`${appUrl}/api/divisions`)).json() as Promise<{
    towns: Array<{ code: string; name: string; name_en: string }>;
    communities: Array<{ code: string; town_code: string; name: string; name_en: string; label: [number, number]; bbox: number[] }>;
  }>;
}

describe('coverage on the map', () => {
  it('names the community under the pointer with its covered share, and colours the lowest class clearly', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district,communities&analysis=kindergartens/300/euclidean&lang=en`);
    await page.locator('.coverage-sentence').waitFor({ timeout: 90_000 });
    await waitForIdleMap(page);
    const coverage = await (await page.request.post(`${appUrl}/api/analysis/coverage`, { data: { layer: 'kindergartens', radius: 300 } })).json();
    const { communities } = await divisions(page);
    // A populated community whose label point is in the free part of the map.
    const row = coverage.byCommunity.find((candidate: { population: number; code: string }) => candidate.population > 500 && candidate.code.endsWith('1'));
    const community = communities.find((candidate) => candidate.code === row.code)!;
    await page.evaluate((center) => window.__atlas!.map.easeTo({ center, zoom: 14, offset: [200, 0], duration: 0 }), community.label);
    await waitForIdleMap(page);
    const point = await pagePointOf(page, community.label);
    await page.mouse.move(point.x - 5, point.y - 5);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    const tip = page.locator(`.coverage-tip[data-community="${community.code}"]`);
    await tip.waitFor();
    const share = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(row.coveredShare * 100);
    expect(await tip.textContent()).toContain(`${community.name_en}: ${share}% of residents covered`);
    await saveScreenshot(page, 'coverage-community-tip');

    const swatches = await page.locator('.share-legend .swatch').evaluateAll((nodes) => nodes.map((node) => getComputedStyle(node).backgroundColor));
    const [lowest] = swatches;
    const noResidents = swatches.at(-1)!;
    expect(luminance(lowest)).toBeLessThan(0.6);
    expect(Math.abs(luminance(lowest) - luminance(noResidents))).toBeGreaterThan(0.1);
    await page.close();
  });
});

describe('search', () => {
  it('outlines a chosen town and carries it into the life-circle filter', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#analysis=kindergartens/300/euclidean&lang=en`);
    await waitForIdleMap(page);
    const { towns } = await divisions(page);
    const town = towns[2];
    await page.locator('#place-search').fill(town.name_en);
    await page.locator('#place-search-results li[data-kind="town"]').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => JSON.stringify(window.__atlas!.map.getFilter('selected-town')))).toContain(town.code);
    expect(page.url()).toContain(`town=${town.code}`);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'search-town-outlined');
    await page.getByRole('tab', { name: 'Life circles' }).click();
    await page.locator('.life-circle-table tbody tr').first().waitFor({ timeout: 90_000 });
    expect(await page.locator('select[name="town"]').inputValue()).toBe(town.code);
    await page.close();
  });

  it('finds a facility by name and opens it; reads lon,lat or lat,lon and says which; shows where the browser is', async () => {
    const context = await browser().newContext({ viewport: DESKTOP, geolocation: { longitude: 106.5702, latitude: 29.5231 }, permissions: ['geolocation'] });
    const page = await context.newPage();
    await page.goto(`${appUrl}/#lang=en`);
    await waitForIdleMap(page);
    const market = (await (await page.request.get(`${appUrl}/ogc/collections/fresh_markets/items?limit=1`)).json()).features[0];
    await page.locator('#place-search').fill(market.properties.name);
    await page.locator('#place-search-results li[data-kind="facility"]').first().waitFor();
    expect(await page.locator('#place-search-results li[data-kind="facility"]').first().textContent()).toContain('Fresh markets');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.maplibregl-popup').textContent()).toContain(market.properties.name);

    await page.locator('#place-search').fill('29.5231, 106.5702');
    const position = page.locator('#place-search-results li[data-kind="position"]');
    expect(await position.textContent()).toContain('read as “lat,lon”');
    await page.locator('#place-search').fill('106.5702,29.5231');
    expect(await position.textContent()).toContain('read as “lon,lat”');
    await page.keyboard.press('Enter');
    await page.locator('.search-point').waitFor();

    await page.getByRole('button', { name: 'Show my position' }).click();
    await page.locator('.search-point[aria-label="You are here"]').waitFor();
    await expect.poll(() => page.evaluate(() => window.__atlas!.map.getCenter().lng), { timeout: 10_000 }).toBeCloseTo(106.5702, 3);

    // A community chosen in search is framed beside the card that opens with it, not under it.
    const { communities } = await divisions(page);
    await page.locator('#place-search').fill(communities[5].name_en);
    await page.locator('#place-search-results li[data-kind="community"]', { hasText: communities[5].name_en }).first().click();
    const code = (await page.locator('.community-panel').getAttribute('data-community'))!;
    const [west, south, east, north] = communities.find((community) => community.code === code)!.bbox;
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const card = (await page.locator('.community-sheet').boundingBox())!;
    const cornersInSight = async () => {
      await waitForIdleMap(page);
      const corners = await Promise.all(([[west, south], [west, north], [east, south], [east, north]] as Array<[number, number]>).map((corner) => pagePointOf(page, corner)));
      return corners.every(({ x, y }) => x >= canvas.x && x <= card.x && y >= canvas.y && y <= canvas.y + canvas.height);
    };
    await expect.poll(cornersInSight, { timeout: 15_000 }).toBe(true);
    await context.close();
  });
});

describe('the what-if', () => {
  it('works along the walking network, shows the gain per community, and lives in the link', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district,communities,kindergartens&analysis=kindergartens/300/network&lang=en`);
    await page.locator('.coverage-sentence').waitFor({ timeout: 90_000 });
    const gaps = await (await page.request.post(`${appUrl}/api/analysis/coverage?format=geojson`, { data: { layer: 'kindergartens', radius: 300, mode: 'network' } })).json();
    const busiest = gaps.features.reduce((best: { properties: { population: number } }, cell: { properties: { population: number } }) => (cell.properties.population > best.properties.population ? cell : best));
    const ring = busiest.geometry.coordinates[0].slice(0, -1) as number[][];
    const site: [number, number] = [ring.reduce((sum, point) => sum + point[0], 0) / ring.length, ring.reduce((sum, point) => sum + point[1], 0) / ring.length];
    await page.evaluate((center) => window.__atlas!.map.easeTo({ center, zoom: 15, offset: [180, 0], duration: 0 }), site);
    await page.getByRole('button', { name: 'Propose a facility' }).click();
    await page.getByRole('button', { name: 'Place at the map centre' }).waitFor({ timeout: 120_000 });
    const server = await (await page.request.post(`${appUrl}/api/analysis/coverage`, { data: { layer: 'kindergartens', radius: 300, mode: 'network' } })).json();
    expect(await page.evaluate(() => [window.__atlasWhatIf!.mode, window.__atlasWhatIf!.baselinePopulation])).toEqual(['network', server.coveredPopulation]);

    await waitForIdleMap(page);
    const point = await pagePointOf(page, site);
    await page.mouse.click(point.x, point.y);
    const result = page.locator('.what-if-result[data-proposals="1"]');
    await result.waitFor();
    const gained = Number(await result.getAttribute('data-gained'));
    expect(gained).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__atlasWhatIf!.recomputeFromScratch())).toBe(server.coveredPopulation + gained);
    const perCommunity = await page.locator('.community-gains tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-gained'))));
    expect(perCommunity.length).toBeGreaterThan(0);
    expect(perCommunity.reduce((sum, value) => sum + value, 0)).toBeLessThanOrEqual(gained);
    await expect.poll(() => page.url()).toMatch(/proposals=\d+\.\d{5},\d+\.\d{5}/);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'what-if-network');

    // The link brings the proposal back, in a new page, with what it gains there.
    const [placed] = await page.evaluate(() => window.__atlasWhatIf!.proposals.map(({ lon, lat }) => [lon, lat]));
    const again = await openAtlas(browser(), page.url());
    await again.locator('.what-if-result[data-proposals="1"]').waitFor({ timeout: 120_000 });
    const [restored] = await again.evaluate(() => window.__atlasWhatIf!.proposals.map(({ lon, lat }) => [lon, lat]));
    expect(restored[0]).toBeCloseTo(placed[0], 5);
    expect(restored[1]).toBeCloseTo(placed[1], 5);
    const restoredGain = Number(await again.locator('.what-if-result').getAttribute('data-gained'));
    expect(restoredGain).toBeGreaterThan(0);
    expect(await again.evaluate(() => window.__atlasWhatIf!.recomputeFromScratch())).toBe(server.coveredPopulation + restoredGain);
    await page.close();
    await again.close();
  }, 300_000);
});

describe('everywhere', () => {
  it('says a server error in the reader’s language, the server’s words as details only', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#community=999999999999&lang=zh`);
    const notice = page.locator('.community-sheet .error-notice');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.locator('span').first().textContent()).toContain('没有这个社区。');
    expect(await notice.locator('.error-details').textContent()).toBe('no community with code 999999999999');
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await expect.poll(() => notice.locator('span').first().textContent()).toContain('There is no such community.');
    await page.close();
  });

  it('frames a community chosen in the life-circle table in the part of the map the panels leave free', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district,communities&analysis=kindergartens/300/euclidean&lang=en`);
    await page.getByRole('tab', { name: 'Life circles' }).click();
    const row = page.locator('.life-circle-table tbody tr').nth(8);
    await row.waitFor({ timeout: 90_000 });
    const code = (await row.getAttribute('data-code'))!;
    await row.getByRole('button').click();
    await page.locator(`.community-panel[data-community="${code}"]`).waitFor();
    await waitForIdleMap(page);
    const { communities } = await divisions(page);
    const community = communities.find((candidate) => candidate.code === code)!;
    const label = await pagePointOf(page, community.label);
    const panel = (await page.locator('#analysis-panel').boundingBox())!;
    const card = (await page.locator('.community-sheet').boundingBox())!;
    const insidePanel = label.x >= panel.x && label.x <= panel.x + panel.width && label.y >= panel.y && label.y <= panel.y + panel.height;
    const insideCard = label.x >= card.x && label.x <= card.x + card.width && label.y >= card.y && label.y <= card.y + card.height;
    expect({ insidePanel, insideCard }).toEqual({ insidePanel: false, insideCard: false });
    expect(label.y).toBeLessThan(DESKTOP.height);
    await saveScreenshot(page, 'life-circle-row-framed');
    await page.close();
  });

  it('moves the focus into a panel that opens, back where it came from on Escape, and skips the layer list', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#lang=en`);
    await waitForIdleMap(page);
    const toggle = page.getByRole('button', { name: 'Open the analysis panel' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.locator('#analysis-panel').waitFor();
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('#analysis-panel')))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#analysis-panel').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('analysis-toggle'))).toBe(true);

    const skip = page.locator('.skip-link');
    await skip.focus();
    expect((await skip.boundingBox())!.width).toBeGreaterThan(20);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))).toBe(true);
    await page.close();
  });

  it('shows the OGC pages as part of the product: its bar, a small map, names, the way back to the map', async () => {
    const page = await openAtlas(browser(), `${appUrl}/ogc/collections/kindergartens/items?f=html&limit=20&lang=en`);
    await page.locator('.mini-map svg').waitFor();
    expect(await page.locator('.mini-map circle').count()).toBe(20);
    expect(await page.locator('.topbar .brand').textContent()).toContain('Renewal Atlas');
    // Places by name, the code kept as its tooltip.
    const places = await page.locator('tbody tr').first().locator('span[title]').evaluateAll((spans) => spans.map((span) => [span.getAttribute('title'), span.textContent]));
    expect(places.map(([code]) => code)).toEqual([expect.stringMatching(/^\d{12}$/), expect.stringMatching(/^\d{12}$/)]);
    expect(places.map(([, name]) => name)).toEqual([expect.stringMatching(/ Community$/), expect.stringMatching(/ (Subdistrict|Town)$/)]);
    await saveScreenshot(page, 'ogc-items');
    await page.locator('tbody a').first().click();
    await page.locator('h1', { hasText: 'Kindergartens · ' }).waitFor();
    await saveScreenshot(page, 'ogc-feature');
    await page.getByRole('link', { name: 'Back to the map' }).click();
    await page.waitForURL(/#map=17\.00\/.*layers=district,towns,communities,roads,kindergartens&lang=en/);
    await waitForIdleMap(page);
    await page.close();
  });
});
