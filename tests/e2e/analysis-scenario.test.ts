import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ScenarioResponse } from '../../core/analysis/scenario-contract.ts';
import { openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, signInByApi } from './demand-pages.ts';

const { browser, appUrl } = useBrowser();
const format = (locale: string, value: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);

async function scenarioFromApi(page: Page, body: object): Promise<ScenarioResponse> {
  const response = await page.request.post(`${appUrl}/api/analysis/scenario`, { data: body, headers: { Origin: appUrl } });
  expect(response.status()).toBe(200);
  return response.json();
}

/** The scenario shading as the map holds it: the communities drawn and the colour of each. */
function scenarioLayer(page: Page) {
  return page.evaluate(() => {
    const map = window.__atlas!.map;
    if (!map.getLayer('analysis-scenario')) return undefined;
    const order = map.getLayersOrder();
    return {
      rendered: map.queryRenderedFeatures({ layers: ['analysis-scenario'] }).length,
      aboveCoverage: order.indexOf('analysis-scenario') > order.indexOf('analysis-coverage'),
      color: JSON.stringify(map.getPaintProperty('analysis-scenario', 'fill-color')),
    };
  });
}

describe('the scenario in the analysis panel', () => {
  it('tells staff what the approved kindergartens will bring, and shades the gain per community; the public are not offered it', async () => {
    const view = '#map=12.30/29.54000/106.58000&layers=district,towns,communities,kindergartens&analysis=kindergartens/300/euclidean';
    const anonymous = await openAtlas(browser(), `${appUrl}/${view}&lang=zh`);
    // The first analysis on a fresh server reads the population grid: give it the time a busy machine needs.
    await anonymous.locator('.coverage-sentence').waitFor({ timeout: 90_000 });
    expect(await anonymous.locator('input[name="scenario"]').count()).toBe(0);
    await anonymous.close();

    const page = await openAtlas(browser(), 'about:blank');
    await signInByApi(page, appUrl, 'demo-planner');
    await page.goto(`${appUrl}/${view}&lang=zh`);
    await page.locator('.coverage-sentence').waitFor(SLOW);
    await page.getByLabel('显示已批准项目建成后的变化').check();
    const sentence = page.locator('.scenario-sentence[data-settings="kindergartens/300/euclidean"]');
    await sentence.waitFor(SLOW);
    const expected = await scenarioFromApi(page, { layer: 'kindergartens', radius: 300, mode: 'euclidean', phases: ['approved', 'design', 'construction'] });
    expect(expected.projects.length).toBeGreaterThan(0);
    expect(Number(await sentence.getAttribute('data-gained'))).toBe(expected.gainedPopulation);
    const gaining = expected.byCommunity.filter((row) => row.gainedPopulation > 0).length;
    expect(await sentence.textContent()).toBe(
      `已批准的 ${expected.projects.length} 个幼儿园项目建成后，300 米范围内将新增覆盖 ${format('zh-CN', expected.gainedPopulation)} 名居民`
      + `（${format('zh-CN', expected.today.coveredShare * 100, 1)}% → ${format('zh-CN', expected.withProjects.coveredShare * 100, 1)}%，${gaining} 个社区受益）。`,
    );
    await waitForIdleMap(page);
    const layer = await scenarioLayer(page);
    expect(layer?.rendered).toBeGreaterThan(10);
    expect(layer?.aboveCoverage).toBe(true);
    // Every community that gains is keyed in the shading, with its residents gained.
    for (const row of expected.byCommunity.filter((candidate) => candidate.gainedPopulation > 0)) expect(layer!.color).toContain(`"${row.code}",${row.gainedPopulation}`);
    await saveScreenshot(page, 'analysis-scenario-zh');

    // Walking, in English: the same API in network mode, said in the plural.
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await page.getByRole('radio', { name: 'Walking network' }).check();
    const walking = page.locator('.scenario-sentence[data-settings="kindergartens/300/network"]');
    await walking.waitFor({ timeout: 60_000 });
    const network = await scenarioFromApi(page, { layer: 'kindergartens', radius: 300, mode: 'network', phases: ['approved', 'design', 'construction'] });
    expect(Number(await walking.getAttribute('data-gained'))).toBe(network.gainedPopulation);
    expect(await walking.textContent()).toContain(`The ${network.projects.length} approved kindergartens will bring ${format('en-GB', network.gainedPopulation)} more residents within a 300 m walk`);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'analysis-scenario-en');

    // Unticked, the shading goes and today's coverage is the map again.
    await page.getByLabel('Show the change once approved projects are built').uncheck();
    await expect.poll(() => scenarioLayer(page)).toBeUndefined();
    await page.close();
  });
});
