import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProjectList, PublicProject } from '../../core/projects/project-contract.ts';
import { PHONE, openAtlas, saveScreenshot, useBrowser } from './browser.ts';
import { SLOW, placesInTown, signInByApi } from './demand-pages.ts';
import { createProjectByApi } from './project-pages.ts';

const { browser, appUrl } = useBrowser();
/** These walk several pages and roles: more than the default minute on a loaded machine. */
const LONG_TEST = 240_000;

const publicList = async (query: string) => (await (await fetch(`${appUrl}/api/projects?${query}&limit=500`)).json()) as ProjectList<PublicProject>;

describe('the public project pages', () => {
  it('show published projects on a phone (what, where, who, when, how far along) and the opportunity list with its export', async () => {
    // The commission publishes a project on the opportunity list.
    const staff = await openAtlas(browser(), `${appUrl}/#layers=district`, PHONE);
    await signInByApi(staff, appUrl, 'demo-commission');
    const towns = (await (await staff.request.get(`${appUrl}/api/divisions`)).json()) as { towns: { code: string }[] };
    const [here] = await placesInTown(staff.request, appUrl, towns.towns[1].code);
    const marker = `E2E${Date.now()}`;
    const made = await createProjectByApi(staff.request, appUrl, {
      name: `${marker} 智慧生鲜市场`, optimization: 4, type: 'fresh_market', geometry: { type: 'Point', coordinates: here }, sizeClass: 'medium', responsibleUnit: '区商务委',
      funding: [{ source: 'private', amount: 8_000_000 }], budget: 8_000_000, deliverables: [{ indicator: 'sites', amount: 1 }], published: true, opportunity: true,
      schedule: { construction: { plannedStart: '2026-03-01', plannedEnd: '2027-06-30' } },
    });
    await staff.close();

    const page = await openAtlas(browser(), `${appUrl}/#/projects`, PHONE);
    await page.locator('.public-projects .totals').filter({ hasText: /\d/ }).waitFor(SLOW);
    const published = await publicList('published=true');
    await expect.poll(() => page.locator('.public-project').count(), SLOW).toBe(Math.min(published.total, 500));
    await page.waitForFunction(() => Boolean(window.__atlas?.map.getSource('project-list')), undefined, SLOW);
    await page.locator('input.project-search').fill(marker);
    await expect.poll(() => page.locator('.public-project').count(), SLOW).toBe(1);
    const card = page.locator(`.public-project[data-project="${made.id}"]`);
    const text = await card.innerText();
    expect(text).toContain('智慧生鲜市场');
    expect(text).toContain('区商务委');
    expect(text).toContain('计划完成 2027-06-30');
    expect(text).toMatch(/进展 \d+%/);
    await card.locator('button.title').click();
    await expect.poll(() => card.getAttribute('class')).toContain('selected');
    // Nothing internal reaches the public page.
    expect(JSON.stringify(published.items[0] ?? {})).not.toContain('budgetNote');
    // The page fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'projects-public-phone');

    await page.locator('a[href^="#/opportunities"]').click();
    await page.locator('.public-projects[data-page="opportunities"]').waitFor(SLOW);
    const opportunities = await publicList('published=true&opportunity=true');
    await page.locator('input.project-search').fill('');
    await expect.poll(() => page.locator('.public-project').count(), SLOW).toBe(opportunities.total);
    expect(await page.locator(`.public-project[data-project="${made.id}"]`).innerText()).toContain('800 万元');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-csv').click()]);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.startsWith('\uFEFF编号,项目名称')).toBe(true);
    const rows = csvText.trim().split('\r\n');
    expect(rows).toHaveLength(1 + opportunities.total);
    await saveScreenshot(page, 'projects-opportunities-phone');
    await page.close();
  }, LONG_TEST);
});
