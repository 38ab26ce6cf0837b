import { describe, expect, it } from 'vitest';
import type { CommunitySurveysResponse } from '../../core/surveys/survey-contract.ts';
import { openAtlas, pagePointOf, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, signInByApi } from './demand-pages.ts';

const { browser, appUrl } = useBrowser();
const zh = (value: number, digits = 0) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits }).format(value);

describe('the community panel', () => {
  it('opens on a click where no facility is, with the same numbers as the API, and closes on Escape', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=12.00/29.53000/106.57000&layers=district,towns,communities,population&lang=zh`);
    // The surveys are for staff: the public's page never asks for them.
    const surveyRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/surveys')) surveyRequests.push(request.url());
    });
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
    // Its demands as the public may see them: the published ones, by status and by optimization.
    const counts = await (await page.request.get(`${appUrl}/api/demand-counts?community=${community.code}`)).json();
    const breakdown = counts.items[0].breakdown as { seen: string; byStatus: Record<string, number>; byOptimization: Record<string, number> };
    const demands = panel.locator('.community-demands');
    await demands.locator('[data-field="demand-total"]').waitFor();
    expect(await demands.getAttribute('data-seen')).toBe('published');
    const published = Object.values(breakdown.byStatus).reduce((sum, count) => sum + count, 0);
    expect(await demands.locator('[data-field="demand-total"]').innerText()).toContain(`已公开的 ${zh(published)} 条`);
    expect(await demands.locator('li[data-status]').count()).toBe(Object.keys(breakdown.byStatus).length);
    for (const [status, count] of Object.entries(breakdown.byStatus)) expect(await demands.locator(`li[data-status="${status}"] .count`).innerText(), status).toBe(zh(count));
    for (const [optimization, count] of Object.entries(breakdown.byOptimization)) {
      expect(await demands.locator(`tr[data-optimization="${optimization}"] .count`).innerText(), optimization).toBe(zh(count));
    }
    expect(await panel.locator('.community-satisfaction').count()).toBe(0);
    expect(surveyRequests).toEqual([]);
    await saveScreenshot(page, 'community-panel');

    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(page.url()).not.toContain('community=');
    await page.close();
  }, 120_000);

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

  it('gives a town office every status of a community in its town, and opens the demand list on it', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district,communities&lang=zh`);
    const user = await signInByApi(page, appUrl, 'demo-town');
    const { communities } = await (await page.request.get(`${appUrl}/api/divisions`)).json();
    const community = communities.find((candidate: { town_code: string }) => candidate.town_code === user.town);
    await page.goto(`${appUrl}/#layers=district,communities&community=${community.code}&lang=zh`);
    await page.reload();
    const demands = page.locator('.community-panel .community-demands');
    await demands.locator('[data-field="demand-total"]').waitFor(SLOW);
    expect(await demands.getAttribute('data-seen')).toBe('all');
    const counts = await (await page.request.get(`${appUrl}/api/demand-counts?community=${community.code}`)).json();
    const byStatus = counts.items[0].breakdown.byStatus as Record<string, number>;
    for (const [status, count] of Object.entries(byStatus)) expect(await demands.locator(`li[data-status="${status}"] .count`).innerText(), status).toBe(zh(count));

    // Staff see the community's satisfaction: the latest quarter, its change, the trend and its table, as the API gives them.
    const trend = (await (await page.request.get(`${appUrl}/api/surveys?community=${community.code}`)).json()) as CommunitySurveysResponse;
    expect(trend.quarters.length).toBeGreaterThan(1);
    const satisfaction = page.locator('.community-panel .community-satisfaction');
    await satisfaction.waitFor(SLOW);
    const [before, latest] = trend.quarters.slice(-2);
    const signed = (value: number) => (value > 0 ? `+${zh(value, 1)}` : zh(value, 1));
    expect(await satisfaction.locator('h3').innerText()).toBe('满意度');
    expect(await satisfaction.locator('[data-field="satisfaction-latest"]').innerText()).toBe(zh(latest.overall, 1));
    const change = Math.round((latest.overall - before.overall) * 100) / 100;
    expect(await satisfaction.locator('[data-field="satisfaction-change"]').innerText()).toBe(`较上季度 ${signed(change)}`);
    expect(await satisfaction.locator('svg text.tick').allTextContents()).toEqual(expect.arrayContaining(trend.quarters.map((survey) => survey.quarter)));
    expect(await satisfaction.locator('svg path').count()).toBe(1);
    await satisfaction.locator('details summary').click();
    const rows = satisfaction.locator('tbody tr');
    expect(await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('data-key')))).toEqual(trend.quarters.map((survey) => survey.quarter));
    for (const [index, survey] of trend.quarters.entries()) {
      const cells = await rows.nth(index).locator('th, td').allInnerTexts();
      expect(cells[1], survey.quarter).toBe(zh(survey.overall, 1));
      expect(cells[3], survey.quarter).toBe(zh(survey.respondents));
    }
    await satisfaction.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'community-panel-town-office');

    await demands.locator('button.open-list').click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain(`community:${community.code}`);
    await page.locator('.demand-panel .total').filter({ hasText: /\d/ }).waitFor(SLOW);
    const all = Object.values(byStatus).reduce((sum, count) => sum + count, 0);
    expect(await page.locator('.demand-panel .total').innerText()).toBe(`共 ${zh(all)} 条`);
    await page.close();
  });
});
