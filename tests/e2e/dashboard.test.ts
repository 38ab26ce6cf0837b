import { describe, expect, it } from 'vitest';
import type { DemandCounts } from '../../core/demands/demand-count-contract.ts';
import type { ProjectList } from '../../core/projects/project-contract.ts';
import type { TargetsResponse } from '../../core/targets/target-contract.ts';
import { DESKTOP, openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, signInByDialog } from './demand-pages.ts';

const { browser, appUrl } = useBrowser();

/** Other files add projects and demands to the same database: figures are read from the API at the moment they are compared. */
describe('the commission’s dashboard', () => {
  it('shows the year’s targets, the late projects and the demands by status as the API counts them, in both languages', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=12.00/29.53000/106.57000&layers=district,communities&lang=zh`, DESKTOP);
    await waitForIdleMap(page);
    await signInByDialog(page, 'demo-commission');
    await page.locator('button.dashboard-toggle').click();
    const panel = page.locator('#dashboard-panel');
    await panel.locator('.bars li').first().waitFor({ timeout: 60_000 });

    // Targets: a bar per indicator, its text the API's figures (the commission's targets change rarely; read after the panel).
    const targets = (await (await page.request.get(`${appUrl}/api/targets`)).json()) as TargetsResponse;
    expect(await panel.locator('.bars li').count()).toBe(targets.indicators.length);
    const seats = targets.indicators.find((line) => line.indicator === 'seats')!;
    const seatsText = await panel.locator('.bars li[data-indicator="seats"] .value').innerText();
    expect(seatsText.replace(/,/g, '')).toBe(`${seats.achieved} / ${seats.target} 个学位`);
    expect(await panel.locator('.target-table tbody tr').count()).toBe(targets.indicators.length);
    expect(await panel.locator('h3#dashboard-targets').innerText()).toBe(`${targets.year}年度目标进展`);

    // Demands by status: the district's sum of the towns' counts.
    const counts = (await (await page.request.get(`${appUrl}/api/demand-counts?by=town`)).json()) as DemandCounts;
    const submitted = counts.items.reduce((sum, town) => sum + (town.statuses?.submitted ?? 0), 0);
    await expect.poll(async () => (await panel.locator('tr[data-status="submitted"] td').first().innerText()).replace(/,/g, ''), SLOW).toBe(String(submitted));

    // Late projects: the heading counts them all, and a row opens the project in the library.
    const late = (await (await page.request.get(`${appUrl}/api/projects?late=true&limit=1`)).json()) as ProjectList;
    expect(late.total).toBeGreaterThan(0);
    expect(await panel.locator('h3#dashboard-late').innerText()).toMatch(/^逾期项目（\d+）$/);
    expect(await panel.locator('.report-links a').first().getAttribute('href')).toMatch(/^\/api\/reports\/monthly\?month=\d{4}-\d{2}&format=html&lang=zh$/);
    await saveScreenshot(page, 'dashboard-zh');

    await page.locator('button.language-switch').click();
    await expect.poll(() => panel.locator('h3#dashboard-targets').innerText(), SLOW).toBe(`Progress on the ${targets.year} targets`);
    expect(await panel.locator('tr[data-status="submitted"] th').innerText()).not.toBe('');
    await saveScreenshot(page, 'dashboard-en');
    await panel.locator('section.demands').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'dashboard-en-lists');

    const first = panel.locator('.late .staff-list-row').first();
    await first.click();
    await expect.poll(() => page.url(), SLOW).toContain('late:1');
    expect(await page.locator('#dashboard-panel').count()).toBe(0);
    await page.locator('#project-panel .project-detail').waitFor(SLOW);
  });
});
