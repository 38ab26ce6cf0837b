import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SitingJob, SitingResult } from '../../core/siting/index.ts';
import { PHONE, openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';

/**
 * The siting tab as a first-time planner meets it: number fields that refuse what they cannot
 * use, results that say plainly what they are worth, a Cancel that keeps what was found, and
 * sites that can be found and named on the map.
 */
const { browser, appUrl } = useBrowser();

const sitingUrl = (form: string, language: 'zh' | 'en' = 'en') =>
  `${appUrl}/#layers=district,communities,kindergartens,idle_plots&analysis=kindergartens/300/euclidean&siting=${form}&lang=${language}`;
const SITING_POST = (url: string, method: string) => url.endsWith('/api/analysis/siting') && method === 'POST';
const en = (value: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(value);

async function openSiting(form: string, language: 'zh' | 'en' = 'en', viewport?: typeof PHONE): Promise<Page> {
  const page = await openAtlas(browser(), sitingUrl(form, language), viewport);
  await waitForIdleMap(page);
  await page.locator('.siting-panel button.run').waitFor({ timeout: 60_000 });
  return page;
}

async function runFromPanel(page: Page) {
  const sent = page.waitForRequest((request) => SITING_POST(request.url(), request.method()));
  await page.locator('.siting-panel button.run').click();
  return (await sent).postDataJSON();
}

async function waitForResult(page: Page) {
  await page.locator('.siting-status, .siting-panel .error-notice').first().waitFor({ timeout: 180_000 });
  const failure = page.locator('.siting-panel .error-notice');
  if (await failure.count()) throw new Error(`the siting run failed: ${await failure.textContent()}`);
  return (await page.evaluate(() => window.__atlasSiting!.result)) as SitingResult;
}

async function solveViaApi(page: Page, body: object): Promise<SitingResult & { job: SitingJob }> {
  const response = await page.request.post(`${appUrl}/api/analysis/siting`, { data: body });
  let answer = await response.json();
  while (answer.job.status === 'queued' || answer.job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 300));
    answer = await (await page.request.get(`${appUrl}${answer.job.links.self}`)).json();
  }
  return answer.result ? { ...answer.result, job: answer.job } : answer;
}

describe('siting number fields refuse what they cannot use', () => {
  it('p: 0, negatives, fractions, empty and more than the candidates get an inline message and a disabled run; a good value runs with it', async () => {
    const page = await openSiting('kindergartens/mclp/3/300/idle_plots/euclidean');
    const p = page.getByLabel('New sites (p)');
    const run = page.locator('.siting-panel button.run');
    const problem = page.locator('#siting-p-problem');
    const idlePlots = await page.evaluate(async () => ((await (await fetch('/api/layers')).json()) as { layers: Array<{ id: string; count: number }> }).layers.find((layer) => layer.id === 'idle_plots')!.count);

    for (const [typed, message] of [
      ['0', 'The number of new sites is a whole number, 1 or more.'],
      ['-2', 'The number of new sites is a whole number, 1 or more.'],
      ['2.5', 'The number of new sites is a whole number, 1 or more.'],
      ['', 'Enter the number of new sites (a whole number, 1 or more).'],
      [String(idlePlots + 1), `At most ${idlePlots}: there are only ${idlePlots} candidate sites to choose from.`],
    ]) {
      await p.fill(typed);
      expect(await problem.textContent()).toBe(message);
      expect(await p.getAttribute('aria-invalid')).toBe('true');
      expect(await run.isDisabled()).toBe(true);
      expect(await page.locator('.form-invalid').textContent()).toBe('Correct the field marked above to run.');
      // The last usable value stays in the link; nothing was silently substituted.
      expect(page.url()).toContain('siting=kindergartens/mclp/3/');
    }
    await saveScreenshot(page, 'siting-p-refused');

    // The time limit too.
    await page.locator('.advanced summary').click();
    await p.fill('4');
    await page.getByLabel('Time limit (s)').fill('0');
    expect(await page.locator('#siting-time-problem').textContent()).toBe('The time limit is a number of seconds from 0.1 to 120, or empty for the default.');
    expect(await run.isDisabled()).toBe(true);
    await page.getByLabel('Time limit (s)').fill('');
    expect(await problem.count()).toBe(0);
    expect(await run.isDisabled()).toBe(false);
    const body = await runFromPanel(page);
    expect(body.p).toBe(4);
    expect(body.timeLimit).toBeUndefined();
    await page.close();
  }, 180_000);

  it('speaks Chinese to a Chinese planner', async () => {
    const page = await openSiting('kindergartens/pmedian/3/300/idle_plots/euclidean', 'zh');
    await page.getByLabel('新建数量 p').fill('0');
    expect(await page.locator('#siting-p-problem').textContent()).toBe('新建数量须为不小于 1 的整数。');
    expect(await page.locator('.siting-panel button.run').isDisabled()).toBe(true);
    await page.close();
  }, 120_000);
});

describe('siting results say what they are worth', () => {
  it('a proven answer says how it was proven; exports are named after the question; names are whole', async () => {
    const page = await openSiting('kindergartens/mclp/3/300/idle_plots/euclidean');
    const body = await runFromPanel(page);
    const result = await waitForResult(page);
    const status = await page.locator('.siting-status').textContent();
    if (result.status === 'optimal') {
      expect(status).toBe(result.method === 'exact' ? 'Proven optimal (exact solver)' : 'Proven optimal (heuristic answer, confirmed by the bound)');
    } else {
      expect(status).toMatch(/^Within [\d.]+% of optimal \((heuristic answer|exact solver’s best within its time limit); bound [\d,]+\)$/);
    }
    expect(status).not.toContain('·');

    for (const [name, extension] of [['Export GeoJSON', 'geojson'], ['Export CSV', 'csv']]) {
      const link = page.getByRole('link', { name });
      expect(await link.getAttribute('download')).toBe(`siting-mclp-kindergartens-p3.${extension}`);
      const response = await page.request.get(new URL((await link.getAttribute('href'))!, appUrl).href);
      expect(response.headers()['content-disposition']).toContain(`filename="siting-mclp-kindergartens-p3.${extension}"`);
    }
    const expected = await solveViaApi(page, body);
    expect(result.status).toBe(expected.status);
    // Site names are never cut: each line shows its whole text.
    for (const name of await page.locator('.siting-sites .name').all()) {
      const fits = await name.evaluate((element) => element.scrollWidth <= element.clientWidth + 1 && getComputedStyle(element).textOverflow !== 'ellipsis');
      expect(fits).toBe(true);
    }
    await page.close();
  }, 300_000);

  it('set covering that cannot reach everyone says who is out of reach and how many sites cover the rest', async () => {
    const page = await openSiting('kindergartens/lscp/3/300/idle_plots/euclidean');
    const body = await runFromPanel(page);
    const result = await waitForResult(page);
    const expected = await solveViaApi(page, body);
    expect(expected.partialCover).toBeDefined();
    const partial = result.partialCover!;
    expect(await page.locator('.siting-panel').innerText()).not.toContain('No feasible solution');
    const count = result.chosen.length;
    expect(await page.locator('.siting-status').textContent()).toBe(
      partial.status === 'optimal' ? `${en(count)} new sites cover everyone within reach (proven the fewest)` : `${en(count)} new sites cover everyone within reach (the fewest is at least ${en(partial.bound)})`,
    );
    expect(await page.locator('.siting-out-of-reach').textContent()).toContain(`${en(partial.outOfReachWeight)} residents (${en(partial.outOfReachDemands)} cells) are out of reach of every candidate site`);
    expect(await page.locator('.siting-rest-covered').textContent()).toContain(`are all within reach of these ${en(count)} new sites or an existing facility`);
    await saveScreenshot(page, 'siting-lscp-out-of-reach');
    await page.close();
  }, 300_000);

  it('p-median shows the distances today beside those after', async () => {
    const page = await openSiting('kindergartens/pmedian/3/300/idle_plots/euclidean');
    await runFromPanel(page);
    const result = await waitForResult(page);
    const today = page.locator('.siting-distance-today');
    expect(await today.textContent()).toContain(`Today: mean distance ${en(result.baselineMeanWeightedDistance!)} m · weighted total ${en(result.baselineTotalWeightedDistance! / 1000)} person-km`);
    expect(await page.locator('.siting-distance').textContent()).toContain(`With the new sites: mean distance ${en(result.meanWeightedDistance!)} m · weighted total ${en(result.totalWeightedDistance! / 1000)} person-km`);
    expect(result.baselineMeanWeightedDistance!).toBeGreaterThan(result.meanWeightedDistance!);
    await saveScreenshot(page, 'siting-pmedian-before-after');
    await page.close();
  }, 300_000);
});

describe('a long siting run', () => {
  it('shows progress with units, and Cancel keeps the best answer so far with its gap', async () => {
    const page = await openSiting('kindergartens/mclp/30/300/grid200/euclidean');
    await page.locator('.advanced summary').click();
    await page.getByLabel('Method').selectOption('exact');
    // The limit covers the whole run (heuristic and bound included): on a loaded machine those can
    // take most of a short limit, and the run would end before the test sees the exact phase's numbers.
    await page.getByLabel('Time limit (s)').fill('120');
    await runFromPanel(page);
    await page.waitForFunction(() => window.__atlasSiting?.job?.phase === 'exact', undefined, { timeout: 120_000 });
    const numbers = page.locator('.siting-progress .numbers');
    await numbers.waitFor();
    // The first exact progress may arrive before the solver has a bound ("bound –"): wait for both numbers.
    await expect.poll(() => numbers.textContent(), { timeout: 60_000 }).toMatch(/^\s*best so far: [\d,]+ residents; bound [\d,]+\s*$/);
    await saveScreenshot(page, 'siting-progress-units');

    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.siting-stopped').waitFor({ timeout: 30_000 });
    expect(await page.locator('.siting-stopped').textContent()).toBe('Stopped at your request: the best answer found until then.');
    const result = (await page.evaluate(() => window.__atlasSiting!.result)) as SitingResult;
    expect(result.stoppedEarly).toBe('cancelled');
    expect(await page.locator('.siting-sites .site').count()).toBe(30);
    const status = await page.locator('.siting-status').textContent();
    expect(status).toMatch(/^(Within [\d.]+% of optimal \(|Proven optimal)/);
    expect(await page.evaluate(() => window.__atlasSiting!.status)).toBe('cancelled');
    expect(await page.locator('.siting-cancelled').count()).toBe(0);
    // The answer kept is the job's own, exported under the question's name.
    const csv = page.getByRole('link', { name: 'Export CSV' });
    expect(await csv.getAttribute('download')).toBe('siting-mclp-kindergartens-p30.csv');
    const exported = await page.request.get(new URL((await csv.getAttribute('href'))!, appUrl).href);
    expect(exported.status()).toBe(200);
    expect((await exported.text()).trim().split('\n').length).toBe(31); // a heading, then a row per site
    await saveScreenshot(page, 'siting-cancel-kept');
    await page.close();
  }, 300_000);
});

describe('siting sites on the map', () => {
  it('grid sites have readable names and a location in their popup; sites outside the view are brought into it', async () => {
    const page = await openSiting('kindergartens/mclp/4/300/grid500/euclidean');
    // Look far away first: the sites are elsewhere.
    await page.evaluate(() => window.__atlas!.map.jumpTo({ center: [106.75, 29.62], zoom: 17 }));
    await waitForIdleMap(page);
    await runFromPanel(page);
    const result = await waitForResult(page);
    await expect.poll(() => page.locator('.siting-site').count()).toBe(4);
    await waitForIdleMap(page);
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const panel = (await page.locator('.analysis-sheet').boundingBox())!;
    for (const marker of await page.locator('.siting-site').all()) {
      const box = (await marker.boundingBox())!;
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      expect(x > canvas.x && x < canvas.x + canvas.width && y > canvas.y && y < canvas.y + canvas.height).toBe(true);
      expect(x > panel.x && x < panel.x + panel.width && y > panel.y && y < panel.y + panel.height).toBe(false);
    }

    const names = await page.locator('.siting-sites .name').allInnerTexts();
    for (const [index, name] of names.entries()) {
      expect(name).toMatch(/ site \d+ · regular grid$/);
      expect(name).not.toContain('grid:');
      const site = result.sites.find((candidate) => name.startsWith(`${candidate.area!.nameEn ?? candidate.area!.name} site ${candidate.area!.number}`));
      expect(site, `list line ${index + 1}: ${name}`).toBeDefined();
    }
    await page.locator('.siting-sites .site').first().click();
    const popup = page.locator('.siting-site-popup');
    await popup.waitFor();
    const text = await popup.innerText();
    expect(text).toContain('Community');
    expect(text).toMatch(/Location\s+29\.\d{5}° N, 106\.\d{5}° E/);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'siting-grid-popup');
    await page.close();
  }, 300_000);

  it('on a phone, no chosen site hides under the panel or the button floating over the map', async () => {
    const page = await openSiting('kindergartens/mclp/3/300/idle_plots/euclidean', 'en', PHONE);
    await runFromPanel(page);
    await waitForResult(page);
    await expect.poll(() => page.locator('.siting-site').count()).toBe(3);
    await waitForIdleMap(page);
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const covers = [(await page.locator('.analysis-sheet').boundingBox())!, (await page.locator('.tell-us-link').boundingBox())!];
    for (const marker of await page.locator('.siting-site').all()) {
      const box = (await marker.boundingBox())!;
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      expect(y > canvas.y && y < canvas.y + canvas.height).toBe(true);
      for (const cover of covers) expect(x > cover.x && x < cover.x + cover.width && y > cover.y && y < cover.y + cover.height).toBe(false);
    }
    await saveScreenshot(page, 'siting-phone-sites-in-sight');
    await page.close();
  }, 300_000);
});
