import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();
const format = (locale: string, value: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);

/** deck.gl and its renderer luma.gl name themselves in their code (the client bench checks the same). */
const DECK_CODE = /deck\.gl|luma\.gl/;

async function coverageFromApi(page: Page, body: object) {
  const response = await page.request.post(`${appUrl}/api/analysis/coverage`, { data: body });
  expect(response.status()).toBe(200);
  return response.json();
}

/** Every script the page downloads, with whether it carries deck.gl. */
function recordScripts(page: Page): Array<Promise<{ url: string; deck: boolean }>> {
  const scripts: Array<Promise<{ url: string; deck: boolean }>> = [];
  page.on('response', (response: Response) => {
    if (!/\.m?js(\?|$)/.test(response.url())) return;
    scripts.push(response.text().then((text) => ({ url: response.url(), deck: DECK_CODE.test(text) }), () => ({ url: response.url(), deck: false })));
  });
  return scripts;
}

async function waitForOverlay(page: Page) {
  await page.waitForFunction(() => Boolean(window.__atlasAnalysis?.overlay), undefined, { timeout: 60_000 });
}

/** Objects the deck.gl overlay drew in one of its layers, anywhere on the map. */
function pickEverywhere(page: Page, layerId: string) {
  return page.evaluate((id) => {
    const canvas = window.__atlas!.map.getCanvas();
    const picked = window.__atlasAnalysis!.overlay.pickObjects({ x: 0, y: 0, width: canvas.clientWidth, height: canvas.clientHeight, layerIds: [id] });
    return picked.length;
  }, layerId);
}

describe('the analysis panel', () => {
  it('loads deck.gl only when it opens', async () => {
    const page = await openAtlas(browser(), appUrl);
    const scripts = recordScripts(page);
    await waitForIdleMap(page);
    const first = await Promise.all(scripts);
    expect(first.length).toBeGreaterThan(0);
    expect(first.filter((script) => script.deck).map((script) => script.url)).toEqual([]);

    await page.getByRole('button', { name: '打开分析面板' }).click();
    await waitForOverlay(page);
    const after = (await Promise.all(scripts)).slice(first.length);
    expect(after.some((script) => script.deck)).toBe(true);
    expect(page.url()).toContain('analysis=kindergartens/300/euclidean');
    await page.close();
  });

  it('states the totals of the chosen facility type and distance, with the numbers of the API', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=12.50/29.53000/106.57000&lang=en`);
    await waitForIdleMap(page);
    await page.getByRole('button', { name: 'Open the analysis panel' }).click();
    await page.getByLabel('Facility type').selectOption('primary_schools');
    await page.getByLabel('Service distance').selectOption('800');
    const sentence = page.locator('.coverage-sentence[data-layer="primary_schools"][data-radius="800"]');
    await sentence.waitFor();

    const expected = await coverageFromApi(page, { layer: 'primary_schools', radius: 800, mode: 'euclidean' });
    const uncovered = expected.totalPopulation - expected.coveredPopulation;
    expect(await sentence.textContent()).toBe(
      `${format('en-GB', expected.coveredShare * 100, 1)}% of residents within 800 m of a primary school; ${format('en-GB', uncovered)} people not.`,
    );
    expect(Number(await sentence.getAttribute('data-covered'))).toBe(expected.coveredPopulation);
    expect(page.url()).toContain('analysis=primary_schools/800/euclidean');

    // Along the walking network: the same API in network mode, said in Chinese.
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByLabel('沿步行路网').check();
    const network = await coverageFromApi(page, { layer: 'primary_schools', radius: 800, mode: 'network' });
    await expect.poll(() => sentence.textContent(), { timeout: 60_000 }).toContain('步行');
    expect(await sentence.textContent()).toBe(
      `${format('zh-CN', network.coveredShare * 100, 1)}% 的居民步行 800 米（约 ${format('zh-CN', network.minutes, 1)} 分钟）可达小学；${format('zh-CN', network.totalPopulation - network.coveredPopulation)} 人不能。`,
    );
    expect(page.url()).toContain('analysis=primary_schools/800/network');
    await page.close();
  });

  it('shades the community grid by covered share and draws the gap cells', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=13.00/29.53000/106.57000&layers=district,towns,communities,kindergartens&analysis=kindergartens/300/euclidean&lang=zh`);
    await page.locator('.coverage-sentence').waitFor();
    await waitForOverlay(page);
    await waitForIdleMap(page);
    const expected = await coverageFromApi(page, { layer: 'kindergartens', radius: 300, mode: 'euclidean' });

    const choropleth = await page.evaluate(() => {
      const map = window.__atlas!.map;
      return {
        rendered: map.queryRenderedFeatures({ layers: ['analysis-coverage'] }).map((feature) => String(feature.properties.code)),
        color: JSON.stringify(map.getPaintProperty('analysis-coverage', 'fill-color')),
      };
    });
    expect(choropleth.rendered.length).toBeGreaterThan(10);
    // Every community with residents is in the expression with its share from the API.
    const shares = expected.byCommunity.filter((row: { coveredShare: number | null }) => row.coveredShare !== null);
    for (const row of shares) expect(choropleth.color).toContain(`"${row.code}",${row.coveredShare}`);

    await expect.poll(() => pickEverywhere(page, 'analysis-gaps'), { timeout: 30_000 }).toBeGreaterThan(50);
    await expect.poll(() => page.locator('.map-status').count()).toBe(0);
    await saveScreenshot(page, 'analysis-coverage');
    await page.close();
  });

  it('comes back from a link, and closes on Escape', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#analysis=fresh_markets/1000/euclidean&lang=zh`);
    const sentence = page.locator('.coverage-sentence');
    await sentence.waitFor();
    expect(await sentence.getAttribute('data-layer')).toBe('fresh_markets');
    expect(await sentence.getAttribute('data-radius')).toBe('1000');
    expect(await page.getByLabel('服务距离').inputValue()).toBe('1000');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.analysis-panel').count()).toBe(0);
    expect(page.url()).not.toContain('analysis=');
    await expect.poll(() => page.evaluate(() => Boolean(window.__atlas!.map.getLayer('analysis-coverage')))).toBe(false);
    await page.close();
  });

  it('says a failure with a retry that recovers', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#analysis=kindergartens/300/euclidean&lang=en`);
    let failures = 0;
    await page.route('**/api/analysis/coverage', (route) => (failures++ === 0 ? route.fulfill({ status: 503, json: { error: { code: 'database_unavailable', message: 'the database is not reachable' } } }) : route.continue()));
    const alert = page.locator('.coverage-result [role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('the database is not reachable');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.locator('.coverage-sentence').waitFor();
    await page.close();
  });

  it('is usable on a phone, in the bottom sheet under the map', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#lang=zh`, PHONE);
    await waitForIdleMap(page);
    await page.getByRole('button', { name: '打开分析面板' }).click();
    await page.locator('.coverage-sentence').waitFor();
    await waitForOverlay(page);
    const sheet = await page.locator('.analysis-sheet').boundingBox();
    const canvas = await page.locator('.maplibregl-canvas').boundingBox();
    expect(sheet!.y + sheet!.height).toBeLessThanOrEqual(PHONE.height + 1);
    expect(sheet!.width).toBeGreaterThanOrEqual(PHONE.width - 1);
    expect(canvas!.y + canvas!.height).toBeLessThanOrEqual(sheet!.y + 1);
    expect(canvas!.height).toBeGreaterThan(PHONE.height * 0.3);
    // The controls are on screen and work by keyboard.
    const select = page.getByLabel('设施类型');
    expect(await select.isVisible()).toBe(true);
    await select.focus();
    await select.selectOption('health_centres');
    await page.locator('.coverage-sentence[data-layer="health_centres"]').waitFor();
    await waitForIdleMap(page);
    await saveScreenshot(page, 'analysis-phone');

    // The table scrolls sideways inside the sheet; its first column and the export stay in reach.
    await page.getByRole('tab', { name: '生活圈' }).click();
    await page.locator('.life-circle-table tbody tr').first().waitFor({ timeout: 90_000 });
    expect(await page.getByRole('button', { name: '导出 CSV' }).isVisible()).toBe(true);
    const table = await page.locator('.table-scroll').boundingBox();
    expect(table!.x + table!.width).toBeLessThanOrEqual(PHONE.width + 1);
    await saveScreenshot(page, 'analysis-phone-table');
    await page.close();
  });
});
