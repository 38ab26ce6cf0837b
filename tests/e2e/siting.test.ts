import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SitingJob, SitingResult } from '../../core/siting/index.ts';
import { PHONE, openAtlas, pagePointOf, renderedFeatures, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();
const en = (value: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(value);

/** A link straight to the siting tab with this form (see client/src/siting/siting-settings.ts). */
const sitingUrl = (form: string, language: 'zh' | 'en' = 'en') =>
  `${appUrl}/#layers=district,communities,kindergartens,idle_plots&analysis=kindergartens/300/euclidean&siting=${form}&lang=${language}`;

const SITING_POST = (url: string, method: string) => url.endsWith('/api/analysis/siting') && method === 'POST';

/** The same question asked of the API from the test, followed to its end when it becomes a job. */
async function solveViaApi(page: Page, body: object): Promise<SitingResult & { job: SitingJob }> {
  const response = await page.request.post(`${appUrl}/api/analysis/siting`, { data: body });
  expect([200, 202]).toContain(response.status());
  let answer = await response.json();
  while (answer.job.status === 'queued' || answer.job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 300));
    answer = await (await page.request.get(`${appUrl}${answer.job.links.self}`)).json();
  }
  expect(answer.job.status).toBe('done');
  return answer.result ? { ...answer.result, job: answer.job } : answer;
}

/** How many objects one of the siting overlay's deck.gl layers holds (0 when the layer is absent). */
function overlayDataCount(page: Page, layerId: string) {
  return page.evaluate((id) => {
    const layers = (window.__atlasAnalysis?.layers ?? []) as unknown as Array<{ id: string; props: { data: unknown[] } }>;
    const layer = layers.find((candidate) => candidate?.id === id);
    return layer ? layer.props.data.length : 0;
  }, layerId);
}

/** Start a run from the panel and return the body the page sent. */
async function runFromPanel(page: Page, label = 'Find sites') {
  const sent = page.waitForRequest((request) => SITING_POST(request.url(), request.method()));
  await page.getByRole('button', { name: label, exact: true }).click();
  return (await sent).postDataJSON();
}

/** Wait for a finished run's line in the panel; a failure shown instead fails the test with its words. */
async function waitForResult(page: Page, selector: string) {
  const failure = page.locator('.siting-panel .error-notice');
  await page.locator(`${selector}, .siting-panel .error-notice`).first().waitFor({ timeout: 180_000 });
  if (await failure.count()) throw new Error(`the siting run failed: ${await failure.textContent()}`);
  return page.locator(selector);
}

/** Every marker box lies inside the map and clear of the floating panel, so a reader sees it. */
async function expectMarkersInSight(page: Page, selector: string) {
  const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
  const panel = (await page.locator('.analysis-sheet').boundingBox())!;
  for (const marker of await page.locator(selector).all()) {
    expect(await marker.isVisible()).toBe(true);
    const box = (await marker.boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    expect(centre.x).toBeGreaterThan(canvas.x);
    expect(centre.x).toBeLessThan(canvas.x + canvas.width);
    expect(centre.y).toBeGreaterThan(canvas.y);
    expect(centre.y).toBeLessThan(canvas.y + canvas.height);
    const underPanel = centre.x > panel.x && centre.x < panel.x + panel.width && centre.y > panel.y && centre.y < panel.y + panel.height;
    expect(underPanel).toBe(false);
  }
}

describe('the siting tab', () => {
  it('finds three kindergarten sites among the idle plots, with the API’s numbers, on the map and in the panel', async () => {
    const page = await openAtlas(browser(), sitingUrl('kindergartens/mclp/3/300/idle_plots/euclidean'));
    await waitForIdleMap(page);
    await page.getByRole('button', { name: 'Find sites' }).waitFor({ timeout: 60_000 });
    const body = await runFromPanel(page);
    expect(body).toMatchObject({ model: 'mclp', facilityLayer: 'kindergartens', p: 3, radius: 300, candidates: 'idle_plots', mode: 'euclidean', keepExisting: true, method: 'auto' });

    const covered = await waitForResult(page, '.siting-covered');
    const expected = await solveViaApi(page, body);
    expect(Number(await covered.getAttribute('data-covered'))).toBe(expected.coveredWeight);
    expect(await covered.textContent()).toContain(`${en(expected.coveredWeight)} people covered`);
    const status = await page.locator('.siting-status').textContent();
    expect(status).toMatch(expected.status === 'optimal' ? /^Proven optimal \((exact solver|heuristic answer, confirmed by the bound)\)$/ : /^Within [\d.]+% of optimal \(/);
    if (expected.baselineCoveredWeight !== undefined) {
      expect(Number(await page.locator('.siting-baseline').getAttribute('data-baseline'))).toBe(expected.baselineCoveredWeight);
    }

    // Three sites, in the list (by marginal gain) and as numbered markers in sight.
    const listed = await page.locator('.siting-sites .site').evaluateAll((buttons) => buttons.map((button) => ({ id: (button as HTMLElement).dataset.siteId!, gain: Number((button as HTMLElement).dataset.gain) })));
    expect(listed.length).toBe(3);
    expect([...listed.map((site) => site.gain)].sort((a, b) => b - a)).toEqual(listed.map((site) => site.gain));
    expect(listed.map((site) => site.id).sort()).toEqual([...(await page.evaluate(() => window.__atlasSiting!.result!.chosen))].sort());
    await expect.poll(() => page.locator('.siting-site').count()).toBe(3);
    expect(await page.locator('.siting-site').evaluateAll((markers) => markers.map((marker) => marker.textContent))).toEqual(['1', '2', '3']);
    await waitForIdleMap(page);
    await expectMarkersInSight(page, '.siting-site');

    // The coverage curve has a point per p; its last is the answer.
    const points = page.locator('.siting-curve .curve-point');
    expect(await points.count()).toBe(3);
    expect(Number(await points.last().getAttribute('data-covered'))).toBe(expected.coveredWeight);
    expect(await page.locator('.siting-curve svg').getAttribute('role')).toBe('img');
    expect(await page.locator('.siting-curve title').textContent()).toBe('People covered by number of new sites');

    // Newly covered cells on the overlay; the existing kindergartens still drawn by the map.
    await expect.poll(() => overlayDataCount(page, 'siting-newly-covered'), { timeout: 30_000 }).toBe(expected.newlyCoveredCells?.length ?? 0);
    expect((await renderedFeatures(page, 'kindergartens')).length).toBeGreaterThan(0);

    // The exports are the job's own files.
    for (const [name, type] of [['Export GeoJSON', 'application/geo+json'], ['Export CSV', 'text/csv']]) {
      const link = page.getByRole('link', { name });
      expect(await link.getAttribute('download')).toMatch(/^siting-mclp-kindergartens-p3\.(geojson|csv)$/);
      const response = await page.request.get(new URL((await link.getAttribute('href'))!, appUrl).href);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain(type);
    }

    await saveScreenshot(page, 'siting-result');

    // A site in the list: the map flies to it and its popup names it.
    const first = listed[0];
    await page.locator(`.siting-sites .site[data-site-id="${first.id}"]`).click();
    await page.locator('.siting-site-popup').waitFor();
    expect(await page.locator('.siting-site-popup').textContent()).toContain(first.id);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'siting-site-popup');
    expect(page.url()).toContain('siting=kindergartens/mclp/3/300/idle_plots/euclidean');
    await page.close();
  }, 300_000);

  it('shows a long run’s progress, and Cancel stops it; a new run replaces a running one', async () => {
    const page = await openAtlas(browser(), sitingUrl('kindergartens/mclp/30/300/grid200/euclidean'));
    await waitForIdleMap(page);
    await page.getByRole('button', { name: 'Find sites' }).waitFor({ timeout: 60_000 });
    await page.locator('.advanced summary').click();
    await page.getByLabel('Method').selectOption('exact');
    await page.getByLabel('Time limit (s)').fill('8');
    await page.getByLabel('Time limit (s)').blur();

    const body = await runFromPanel(page);
    expect(body).toMatchObject({ candidates: { grid: 200 }, method: 'exact', timeLimit: 8, p: 30 });
    const bar = page.getByRole('progressbar', { name: 'Siting progress' });
    await page.locator('.siting-progress[data-status="running"], .siting-progress[data-status="queued"]').waitFor({ timeout: 60_000 });
    expect(await bar.isVisible()).toBe(true);
    await saveScreenshot(page, 'siting-progress');
    const jobId = await page.evaluate(() => window.__atlasSiting!.job!.id);

    await page.getByRole('button', { name: 'Cancel' }).click();
    // Cancelled before any answer, the panel says so; cancelled once the heuristic had one (the
    // exact solver then running), it keeps that answer (siting-first-use.test.ts checks that one).
    const stopped = page.locator('.siting-cancelled, .siting-stopped');
    await stopped.first().waitFor({ timeout: 30_000 });
    expect(['The siting run was cancelled.', 'Stopped at your request: the best answer found until then.']).toContain(await stopped.first().textContent());
    expect(await bar.count()).toBe(0);
    const job = await (await page.request.get(`${appUrl}/api/analysis/siting/jobs/${jobId}`)).json();
    expect(job.job.status).toBe('cancelled');

    // Start the long run again, then a quick one: the quick answer shows, the long job is stopped.
    await runFromPanel(page);
    await page.locator('.siting-progress').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => Boolean(window.__atlasSiting?.job), undefined, { timeout: 60_000 });
    const longJobId = await page.evaluate(() => window.__atlasSiting!.job!.id);
    await page.getByLabel('Candidate sites').selectOption('idle');
    await page.getByLabel('New sites (p)').fill('2');
    await page.getByLabel('New sites (p)').blur();
    const quick = await runFromPanel(page);
    expect(quick).toMatchObject({ candidates: 'idle_plots', p: 2 });
    await waitForResult(page, '.siting-covered');
    expect(await page.locator('.siting-sites .site').count()).toBe(2);
    await expect.poll(async () => (await (await page.request.get(`${appUrl}/api/analysis/siting/jobs/${longJobId}`)).json()).job.status, { timeout: 30_000 }).toBe('cancelled');
    // Seconds later the page still shows the newer result.
    await page.waitForTimeout(1_500);
    expect(await page.locator('.siting-sites .site').count()).toBe(2);
    await page.close();
  }, 300_000);

  it('draws p-median assignments, and runs on points clicked on the map', async () => {
    const page = await openAtlas(browser(), sitingUrl('kindergartens/pmedian/3/300/idle_plots/euclidean'));
    await waitForIdleMap(page);
    await page.getByRole('button', { name: 'Find sites' }).waitFor({ timeout: 60_000 });
    const body = await runFromPanel(page);
    expect(body.radius).toBeUndefined();
    const distance = await waitForResult(page, '.siting-distance');
    const expected = await solveViaApi(page, body);
    expect(Number(await distance.getAttribute('data-mean'))).toBeCloseTo(expected.meanWeightedDistance!, 6);
    await expect.poll(() => overlayDataCount(page, 'siting-assignments')).toBeGreaterThan(0);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'siting-pmedian');

    // Candidate points: two clicks add two markers, a click on one removes it.
    await page.getByLabel('Candidate sites').selectOption('points');
    await page.getByRole('radio', { name: /^Maximal covering \(MCLP\)/ }).check();
    await page.getByLabel('New sites (p)').fill('1');
    await page.getByLabel('New sites (p)').blur();
    const centre = await page.evaluate(() => window.__atlas!.map.getCenter().toArray() as [number, number]);
    for (const offset of [0, 0.004]) {
      const point = await pagePointOf(page, [centre[0] + offset, centre[1]]);
      await page.mouse.click(point.x, point.y);
    }
    await expect.poll(() => page.locator('.siting-candidate').count()).toBe(2);
    expect(await page.locator('.maplibregl-popup').count()).toBe(0);
    await page.locator('.siting-candidate[data-candidate="P2"]').click();
    await expect.poll(() => page.locator('.siting-candidate').count()).toBe(1);
    const drawn = await runFromPanel(page);
    expect(drawn.candidates.points.map((point: { id: string }) => point.id)).toEqual(['P1']);
    await waitForResult(page, '.siting-covered');
    expect(await page.locator('.siting-sites .site').getAttribute('data-site-id')).toBe('P1');
    await page.close();
  }, 300_000);

  it('opens from the analysis panel as a lazy chunk, and speaks English after the switch', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#lang=zh`);
    await waitForIdleMap(page);
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await page.getByRole('button', { name: '打开分析面板' }).click();
    await page.getByRole('tab', { name: '选址' }).click();
    await page.getByRole('button', { name: '开始选址' }).waitFor({ timeout: 60_000 });
    expect(scripts.some((url) => /siting-panel-[\w-]+\.js/.test(url))).toBe(true);
    expect(page.url()).toContain('siting=kindergartens/mclp/5/300/idle_plots/euclidean');
    expect(await page.locator('.siting-form').innerText()).toContain('最大覆盖 MCLP');
    await waitForIdleMap(page);
    await saveScreenshot(page, 'siting-form-zh');

    await page.getByRole('button', { name: '切换到英文界面' }).click();
    const form = await page.locator('.siting-form').innerText();
    for (const label of ['Siting model', 'Maximal covering (MCLP)', 'Set covering (LSCP)', 'p-median', 'Candidate sites', 'Idle plots', 'Keep the existing facilities']) expect(form).toContain(label);
    expect(form).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await page.getByRole('tab', { name: 'Siting' }).getAttribute('aria-selected')).toBe('true');

    // Another tab takes the siting form out of the link; coming back brings it again.
    await page.getByRole('tab', { name: 'Coverage' }).click();
    expect(page.url()).not.toContain('siting=');
    await page.getByRole('tab', { name: 'Siting' }).click();
    expect(page.url()).toContain('siting=kindergartens/mclp/5/');
    await page.close();
  }, 120_000);

  it('works on a phone: the result in the bottom sheet, the sites on the map above it', async () => {
    const page = await openAtlas(browser(), sitingUrl('kindergartens/mclp/3/300/idle_plots/euclidean'), PHONE);
    await waitForIdleMap(page);
    await page.getByRole('button', { name: 'Find sites' }).waitFor({ timeout: 60_000 });
    await runFromPanel(page);
    await waitForResult(page, '.siting-covered');
    await expect.poll(() => page.locator('.siting-site').count()).toBe(3);
    await waitForIdleMap(page);
    await expectMarkersInSight(page, '.siting-site');
    const sheet = (await page.locator('.analysis-sheet').boundingBox())!;
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    expect(sheet.y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
    await page.locator('.siting-result').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'siting-phone');
    await page.close();
  }, 300_000);
});
