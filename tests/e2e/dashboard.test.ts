import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CityCheckResponse } from '../../core/city-check/city-check-contract.ts';
import type { DemandCounts } from '../../core/demands/demand-count-contract.ts';
import { districtToday } from '../../core/projects/project-schedule.ts';
import type { ProjectList } from '../../core/projects/project-contract.ts';
import type { SurveysResponse } from '../../core/surveys/survey-contract.ts';
import { quarterOf } from '../../core/surveys/quarters.ts';
import type { TargetsResponse } from '../../core/targets/target-contract.ts';
import { RANKED_FIGURES, type TownComparison } from '../../core/towns/town-comparison.ts';
import { DESKTOP, openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, signInByDialog } from './demand-pages.ts';

const { browser, appUrl } = useBrowser();

/** A phone as narrow as the commission's members carry (iPhone SE / mini width). */
const NARROW_PHONE = { width: 375, height: 812 };

/** A figure as the dashboard prints it, read back as a number (thousands separators dropped); tables may be folded, so their text, not what shows. */
const numberIn = async (cell: Locator) => Number(((await cell.textContent()) ?? '').replace(/,/g, ''));
const cells = (table: Locator, key: string) => table.locator(`tr[data-key="${key}"] td`);
/** A printed figure (a percentage, a signed change, a dash) as a number; null for the dash. */
const figureIn = async (cell: Locator) => {
  const text = ((await cell.textContent()) ?? '').replace(/[,%+\s]/g, '').replace(/[^\d.−-].*$/, '');
  return text === '—' || text === '' ? null : Number(text.replace('−', '-'));
};
/** The page prints one decimal (percentages of shares): equal to the API's figure to that decimal. */
const expectPrinted = (printed: number | null, api: number | null, what: string) => {
  if (api === null) expect(printed, what).toBeNull();
  else expect(Math.abs(printed! - api), `${what}: ${printed} for ${api}`).toBeLessThanOrEqual(0.0501);
};

async function openDashboard(page: Page): Promise<Locator> {
  await waitForIdleMap(page);
  await signInByDialog(page, 'demo-commission');
  await page.locator('button.dashboard-toggle').click();
  const panel = page.locator('#dashboard-panel');
  await panel.locator('section.targets .bars li').first().waitFor({ timeout: 60_000 });
  return panel;
}

/**
 * Other files add projects and demands to the same database: figures are read from the API at
 * the moment they are compared, and compared where they change rarely (targets, surveys) or
 * polled (demands).
 */
describe('the commission’s dashboard', () => {
  it('shows the API’s figures for the district and a chosen town, shades the map by a quarter’s satisfaction, and opens the filtered lists', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=11.50/29.53000/106.60000&layers=district,communities&lang=zh`, DESKTOP);
    const panel = await openDashboard(page);
    const get = async <T,>(path: string) => (await (await page.request.get(`${appUrl}${path}`)).json()) as T;

    // Targets by optimization: a bar per indicator printing the API's figures, and the same in the table.
    const targets = await get<TargetsResponse>('/api/targets');
    expect(await panel.locator('section.targets .bars li').count()).toBe(targets.indicators.length);
    const seats = targets.indicators.find((line) => line.indicator === 'seats')!;
    expect((await panel.locator('section.targets li[data-key="seats"] .value').innerText()).replace(/,/g, '')).toBe(`${seats.achieved} / ${seats.target} 个学位`);
    const targetTable = panel.locator('table.target-table');
    expect(await targetTable.locator('tbody tr').count()).toBe(targets.indicators.length);
    const seatCells = cells(targetTable, 'seats');
    expect([await numberIn(seatCells.nth(0)), await numberIn(seatCells.nth(1)), await numberIn(seatCells.nth(2))]).toEqual([seats.target, seats.achieved, seats.underConstruction]);
    expect(await panel.locator('h3#dashboard-targets').innerText()).toBe(`${targets.year}年度目标进展`);

    // Size ratio and funding mix: the published projects by size and the money by source (in 万元).
    const sizeTable = panel.locator('table.size-table');
    for (const size of ['large', 'medium', 'small'] as const) expect(await numberIn(cells(sizeTable, size).first())).toBe(targets.sizes.actual[size]);
    const fundingTable = panel.locator('table.funding-table');
    for (const source of ['private', 'state_owned', 'fiscal'] as const) expect(await numberIn(cells(fundingTable, source).first())).toBe(Math.round(targets.funding[source] / 10_000));

    // Satisfaction: the district's index of each quarter on the trend, and a quarter on the map.
    const latest = await get<SurveysResponse>('/api/surveys');
    expect(latest.quarter).not.toBeNull();
    expect(await numberIn(cells(panel.locator('table.trend-table'), latest.quarter!).first())).toBe(Math.round(latest.district!.overall * 10) / 10);

    // Demands by status: the district's sum of the towns' counts.
    const counts = await get<DemandCounts>('/api/demand-counts?by=town');
    const submitted = counts.items.reduce((sum, town) => sum + (town.statuses?.submitted ?? 0), 0);
    await expect.poll(() => numberIn(cells(panel.locator('table.demand-table'), 'submitted').first()), SLOW).toBe(submitted);

    // A town's bar opens that town's dashboard: its targets, its late projects, the town beside the district on the trend.
    const town = targets.towns.at(-1)!.town;
    await panel.locator(`section.by-town li[data-key="${town}"] button`).click();
    await expect.poll(() => page.url(), SLOW).toContain(`town=${town}`);
    expect(await panel.locator('select[name="dashboard-town"]').inputValue()).toBe(town);
    const townTargets = await get<TargetsResponse>(`/api/targets?town=${town}`);
    const pilots = townTargets.indicators.find((line) => line.indicator === 'demonstration_points')!;
    await expect.poll(async () => numberIn(cells(targetTable, 'demonstration_points').nth(1)), SLOW).toBe(pilots.achieved);
    expect(await numberIn(cells(targetTable, 'demonstration_points').first())).toBe(pilots.target);
    const townLate = await get<ProjectList>(`/api/projects?late=true&town=${town}&limit=1`);
    await expect.poll(() => panel.locator('h3#dashboard-late').innerText(), SLOW).toBe(`逾期项目（${townLate.total}）`);
    const townSurvey = await get<SurveysResponse>(`/api/surveys?town=${town}`);
    const townIndex = townSurvey.towns.find((row) => row.town === town)!.overall;
    expect(await numberIn(cells(panel.locator('table.trend-table'), latest.quarter!).nth(1))).toBe(Math.round(townIndex * 10) / 10);

    // A quarter on the trend shades the communities on the map by that quarter's satisfaction, with its legend.
    const quarter = latest.quarters[0];
    await panel.locator(`.trend .quarter[data-quarter="${quarter}"]`).click();
    await panel.locator('.survey-map .legend li').first().waitFor(SLOW);
    expect(await panel.locator('select[name="survey-quarter"]').inputValue()).toBe(quarter);
    const shading = await page.evaluate(() => {
      const map = window.__atlas!.map;
      return map.getLayer('survey-choropleth') ? JSON.stringify(map.getPaintProperty('survey-choropleth', 'fill-color')) : null;
    });
    const oldest = await get<SurveysResponse>(`/api/surveys?quarter=${quarter}`);
    const first = oldest.items[0];
    expect(shading).toContain(`"${first.community}",${first.overall}`);
    await waitForIdleMap(page);
    await panel.locator('section.satisfaction').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'dashboard-town-survey-map');

    // English, then a status opens the demand list filtered to it and to the town.
    await page.locator('button.language-switch').click();
    await expect.poll(() => panel.locator('h3#dashboard-targets').innerText(), SLOW).toBe(`Progress on the ${targets.year} targets`);
    await panel.locator('h3#dashboard-targets').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'dashboard-en');
    await panel.locator('section.demands li[data-key="accepted"] button').click();
    await expect.poll(() => page.url(), SLOW).toMatch(new RegExp(`demands=[^&]*status:accepted[^&]*town:${town}|demands=[^&]*town:${town}[^&]*status:accepted`));
    expect(await page.locator('#dashboard-panel').count()).toBe(0);
  });

  it('compares the towns for a period with the API’s figures and ranks, sorts by a column, and shows the city check with the API’s values', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=11.50/29.53000/106.60000&layers=district,communities&lang=zh`, DESKTOP);
    const panel = await openDashboard(page);
    const get = async <T,>(path: string) => (await (await page.request.get(`${appUrl}${path}`)).json()) as T;

    // The towns compared for this quarter: every figure and rank the API's, in its overall order.
    const quarter = quarterOf(districtToday(new Date()));
    const section = panel.locator('section.comparison');
    await section.locator('select[name="comparison-period"]').selectOption(quarter);
    const table = section.locator(`table.comparison-table[data-period="${quarter}"]`);
    await table.waitFor({ timeout: 60_000 });
    const comparison = await get<TownComparison>(`/api/towns/comparison?period=${quarter}`);
    const townsInOrder = () => table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')));
    expect(await townsInOrder()).toEqual(comparison.towns.map((town) => town.town));
    for (const town of comparison.towns) {
      const row = table.locator(`tr[data-key="${town.town}"]`);
      expect(await numberIn(row.locator('td.overall'))).toBe(town.overallRank);
      for (const figure of RANKED_FIGURES) {
        const cell = row.locator(`td[data-figure="${figure}"]`);
        const api = town[figure] === null ? null : figure.endsWith('Share') ? town[figure]! * 100 : town[figure]!;
        const decimals = figure === 'coverageGained' ? 0 : 1;
        expectPrinted(await figureIn(cell.locator('.value')), api === null ? null : Math.round(api * 10 ** decimals) / 10 ** decimals, `${town.town} ${figure}`);
        expect(await cell.locator('.rank').textContent(), `${town.town} ${figure} rank`).toBe(town.ranks[figure] === null ? '' : `(${town.ranks[figure]})`);
      }
    }

    // A column heading sorts by its ranks, best first, then worst first; the chart follows the column.
    const byDays = (ascending: boolean) =>
      [...comparison.towns]
        .sort((a, b) => {
          const [rankA, rankB] = [a.ranks.medianDaysToAnswer, b.ranks.medianDaysToAnswer];
          if (rankA === null || rankB === null) return (rankA === null ? 1 : 0) - (rankB === null ? 1 : 0) || a.overallRank - b.overallRank || a.town.localeCompare(b.town);
          return (ascending ? rankA - rankB : rankB - rankA) || a.overallRank - b.overallRank || a.town.localeCompare(b.town);
        })
        .map((town) => town.town);
    const daysHeading = table.locator('th[data-column="medianDaysToAnswer"]');
    await daysHeading.locator('button').click();
    await expect.poll(townsInOrder).toEqual(byDays(true));
    expect(await daysHeading.getAttribute('aria-sort')).toBe('ascending');
    expect(await section.locator('select[name="comparison-figure"]').inputValue()).toBe('medianDaysToAnswer');
    expect(await section.locator('.bars li').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')))).toEqual(byDays(true));
    await daysHeading.locator('button').click();
    await expect.poll(townsInOrder).toEqual(byDays(false));
    expect(await daysHeading.getAttribute('aria-sort')).toBe('descending');
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'dashboard-comparison');

    // The city check for the district: each indicator's value, the towns' values, the unavailable ones with their reason.
    const district = await get<CityCheckResponse>('/api/city-check?level=town');
    const check = panel.locator('section.city-check');
    await check.locator('.bars li').first().waitFor({ timeout: 120_000 });
    const walking = district.indicators.filter((figure) => figure.kind === 'walking_coverage');
    const provision = district.indicators.filter((figure) => figure.kind === 'provision');
    for (const figure of walking) expectPrinted(await figureIn(check.locator(`.bars li[data-key="${figure.id}"] .value`)), figure.value, figure.id);
    for (const figure of provision) expectPrinted(await figureIn(check.locator(`.provision li[data-key="${figure.id}"] .value`)), figure.value, figure.id);
    expect(await check.locator('li[data-key="primary_school_walk_10"] .name').innerText()).toContain('社区小学步行10分钟覆盖率');
    const townTable = check.locator('table.city-check-table');
    for (const area of walking[0].perArea) {
      const row = cells(townTable, area.code);
      for (const [index, figure] of [...walking, ...provision].entries()) {
        expectPrinted(await figureIn(row.nth(index)), figure.perArea.find((other) => other.code === area.code)!.value, `${area.code} ${figure.id}`);
      }
    }
    const unavailable = district.indicators.filter((figure) => figure.kind === 'unavailable');
    expect(unavailable.length).toBeGreaterThan(0);
    for (const figure of unavailable) expect(await check.locator(`.unavailable li[data-key="${figure.id}"]`).innerText()).toContain(figure.unavailable!.zh);
    await check.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'dashboard-city-check');

    // In English: the comparison's headings and the unavailable indicators' reasons.
    await page.locator('button.language-switch').click();
    await expect.poll(() => panel.locator('h3#dashboard-comparison').innerText(), SLOW).toBe('Towns compared (peer review)');
    expect(await check.locator(`.unavailable li[data-key="${unavailable[0].id}"]`).innerText()).toContain(unavailable[0].unavailable!.en);
    await check.locator('.unavailable').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'dashboard-city-check-en');
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'dashboard-comparison-en');

    // A town of the comparison opens its dashboard: the city check shows that town's values.
    const town = comparison.towns.at(-1)!.town;
    await table.locator(`tr[data-key="${town}"] button.town`).click();
    await expect.poll(() => page.url(), SLOW).toContain(`town=${town}`);
    const ofTown = await get<CityCheckResponse>(`/api/city-check?level=town&town=${town}`);
    const schools = ofTown.indicators.find((figure) => figure.id === 'primary_school_walk_10')!;
    const printsTown = async () => Math.abs((await figureIn(check.locator('.bars li[data-key="primary_school_walk_10"] .value')))! - schools.value!) <= 0.0501;
    await expect.poll(printsTown, { timeout: 120_000 }).toBe(true);
    expect(await townTable.count()).toBe(0);

    // A walking-coverage indicator opens the analysis panel on its layer and walk along the network.
    const standard = schools.standard as { distanceM: number };
    await check.locator('.bars li[data-key="primary_school_walk_10"] button').click();
    await expect.poll(() => page.url(), SLOW).toContain(`analysis=primary_schools/${Math.round(standard.distanceM * 100) / 100}/network`);
    await page.locator('#analysis-panel').waitFor(SLOW);
  });

  it('fits a phone 375 px wide in one column, and its late projects open the library filtered to late', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=11.00/29.53000/106.60000&layers=district,communities&lang=zh`, NARROW_PHONE);
    const panel = await openDashboard(page);
    await panel.locator('table.trend-table').waitFor({ state: 'attached', timeout: 30_000 });
    // The comparison and the city check load after the rest: measured once they are there.
    await panel.locator('table.comparison-table').waitFor({ timeout: 60_000 });
    await panel.locator('table.city-check-table').waitFor({ timeout: 120_000 });
    // Nothing wider than the screen: not the page, not the panel, not a chart (the tables scroll inside their fold).
    const widths = await page.evaluate(() => {
      const body = document.querySelector<HTMLElement>('#dashboard-panel .staff-list-body')!;
      return { page: document.documentElement.scrollWidth, screen: window.innerWidth, body: body.scrollWidth, bodyBox: body.clientWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    expect(widths.body).toBeLessThanOrEqual(widths.bodyBox);
    // One column: each bar's label sits above its track.
    const bar = panel.locator('section.targets li[data-key="seats"]');
    const [name, track] = [await bar.locator('.name').boundingBox(), await bar.locator('.track').boundingBox()];
    expect(track!.y).toBeGreaterThanOrEqual(name!.y + name!.height - 1);
    expect(track!.x + track!.width).toBeLessThanOrEqual(NARROW_PHONE.width);
    await saveScreenshot(page, 'dashboard-phone');
    await panel.locator('section.mix').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'dashboard-phone-mix');
    // Each section from its heading: the period picker and the table's head on a phone.
    await panel.locator('h3#dashboard-comparison').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'dashboard-phone-comparison');
    await panel.locator('h3#dashboard-city-check').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'dashboard-phone-city-check');

    await panel.locator('h3#dashboard-late button').click();
    await expect.poll(() => page.url(), SLOW).toContain('late:1');
    await page.locator('#project-panel').waitFor(SLOW);
  });
});
