import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WhatIfCoverage } from '../../core/analysis/what-if.ts';
import { buildFacilities, fetchAllFeatures } from '../../client/src/analysis/what-if-inputs.ts';
import { fromDemandPayload } from '../../core/analysis/demand-set.ts';
import { openAtlas, pagePointOf, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();
const en = (value: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(value);

interface GapCell {
  properties: { population: number };
  geometry: { coordinates: number[][][] };
}

/** The most populous uncovered cell's centre: where a new kindergarten helps most. */
async function findBusiestGap(page: Page): Promise<[number, number]> {
  const response = await page.request.post(`${appUrl}/api/analysis/coverage?format=geojson`, { data: { layer: 'kindergartens', radius: 300 } });
  const { features } = (await response.json()) as { features: GapCell[] };
  const busiest = features.reduce((best, cell) => (cell.properties.population > best.properties.population ? cell : best));
  const ring = busiest.geometry.coordinates[0].slice(0, -1);
  return [ring.reduce((sum, point) => sum + point[0], 0) / ring.length, ring.reduce((sum, point) => sum + point[1], 0) / ring.length];
}

/** The same what-if in Node, over the same data the page loaded. */
async function buildNodeWhatIf(radius: number): Promise<WhatIfCoverage> {
  const [demand, facilities] = await Promise.all([
    fetch(`${appUrl}/api/analysis/demand`).then((response) => response.json()),
    fetchAllFeatures(appUrl, 'kindergartens', []),
  ]);
  return new WhatIfCoverage(fromDemandPayload(demand), buildFacilities(facilities), radius);
}

const readProposals = (page: Page) => page.evaluate(() => window.__atlasWhatIf!.proposals.map(({ id, lon, lat }) => ({ id, lon, lat })));
const readGained = async (page: Page) => Number(await page.locator('.what-if-result').getAttribute('data-gained'));

describe('the isochrone tool', () => {
  it('draws three nested walking bands where the map is clicked, without opening a popup, and Escape clears them', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=14.00/29.53000/106.57000&layers=district,communities,kindergartens&analysis=kindergartens/300/euclidean&lang=en`);
    await page.locator('.coverage-sentence').waitFor();
    await waitForIdleMap(page);
    await page.getByRole('button', { name: 'Walking isochrones' }).click();
    expect(await page.getByRole('button', { name: 'Walking isochrones' }).getAttribute('aria-pressed')).toBe('true');

    const point = await pagePointOf(page, [106.57, 29.53]);
    const request = page.waitForRequest('**/api/analysis/isochrone');
    await page.mouse.click(point.x, point.y);
    const sent = (await request).postDataJSON();
    const legend = page.locator('.isochrone-legend[data-bands="3"]');
    await legend.waitFor({ timeout: 90_000 });
    // The coverage map's tip naming the community is a popup of its own; no feature popup opens.
    expect(await page.locator('.maplibregl-popup:not(.coverage-tip)').count()).toBe(0);
    expect(await page.locator('.community-panel').count()).toBe(0);

    const expected = await (await page.request.post(`${appUrl}/api/analysis/isochrone`, { data: sent })).json();
    expect(expected.features.map((band: { properties: { minutes: number } }) => band.properties.minutes)).toEqual([5, 10, 15]);
    const areas = expected.features.map((band: { properties: { areaM2: number } }) => band.properties.areaM2);
    expect(areas[0]).toBeLessThan(areas[1]);
    expect(areas[1]).toBeLessThan(areas[2]);
    expect(await legend.locator('li').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-minutes'))))).toEqual([5, 10, 15]);

    // All three bands are drawn over the clicked point, one inside the other.
    const pickAtOrigin = () => page.evaluate(([x, y]) => {
      const box = window.__atlas!.map.getCanvas().getBoundingClientRect();
      const picked = window.__atlasAnalysis!.overlay.pickMultipleObjects({ x: x - box.left, y: y - box.top, depth: 5, layerIds: ['analysis-isochrones'] });
      return picked.map((info) => (info.object as { properties: { minutes: number } }).properties.minutes).sort((a, b) => a - b);
    }, [point.x, point.y]);
    await expect.poll(pickAtOrigin).toEqual([5, 10, 15]);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'analysis-isochrone');

    await page.keyboard.press('Escape');
    await expect.poll(() => legend.count()).toBe(0);
    await expect.poll(pickAtOrigin).toEqual([]);
    // The panel stays; the next Escape leaves the tool, and normal clicks are back.
    expect(await page.locator('.analysis-panel').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('button', { name: 'Walking isochrones' }).getAttribute('aria-pressed')).toBe('false');
    await page.close();
  });
});

describe('the what-if tool', () => {
  it('adds what the core what-if computes for a proposed kindergarten, as it is placed, dragged and moved by keyboard', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district,communities,kindergartens&analysis=kindergartens/300/euclidean&lang=en`);
    const site = await findBusiestGap(page);
    await page.evaluate((center) => window.__atlas!.map.jumpTo({ center, zoom: 15 }), site);
    const nodeWhatIf = buildNodeWhatIf(300);
    await page.locator('.coverage-sentence').waitFor();
    await page.getByRole('button', { name: 'Propose a facility' }).click();
    await page.getByRole('button', { name: 'Place at the map centre' }).waitFor({ timeout: 60_000 });
    await waitForIdleMap(page);

    // The browser starts from the server's number.
    const server = await (await page.request.post(`${appUrl}/api/analysis/coverage`, { data: { layer: 'kindergartens', radius: 300 } })).json();
    expect(await page.evaluate(() => window.__atlasWhatIf!.baselinePopulation)).toBe(server.coveredPopulation);
    const expected = await nodeWhatIf;
    expect(expected.coveredPopulation).toBe(server.coveredPopulation);

    // Place: a click on the map.
    const point = await pagePointOf(page, site);
    await page.mouse.click(point.x, point.y);
    await page.locator('.what-if-result[data-proposals="1"]').waitFor();
    const [placed] = await readProposals(page);
    const step = expected.addFacility(placed.lon, placed.lat);
    expect(step.deltaPopulation).toBeGreaterThan(0);
    expect(await readGained(page)).toBe(step.deltaPopulation);
    expect(await page.locator('.what-if-result .delta').textContent()).toBe(`+${en(step.deltaPopulation)} people covered`);
    expect(await page.locator('.maplibregl-popup:not(.coverage-tip)').count()).toBe(0);
    expect(await page.locator('.community-panel').count()).toBe(0);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'analysis-what-if');

    // Drag: the marker follows the mouse and the total follows the marker.
    const marker = page.locator('.analysis-proposal').first();
    const box = (await marker.boundingBox())!;
    const [startX, startY] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(startX, startY);
    await page.mouse.down();
    for (let move = 1; move <= 10; move += 1) await page.mouse.move(startX + move * 15, startY + move * 8);
    await page.mouse.up();
    await expect.poll(async () => (await readProposals(page))[0].lon).not.toBe(placed.lon);
    const proposalsAfterDrag = await readProposals(page);
    // The end of a drag is not a click on the map: still one proposal.
    expect(proposalsAfterDrag.length).toBe(1);
    const [dragged] = proposalsAfterDrag;
    expected.moveFacility(step.facility, dragged.lon, dragged.lat);
    await expect.poll(() => readGained(page)).toBe(expected.coveredPopulation - server.coveredPopulation);

    // Keyboard: arrows move the focused marker, Delete removes it.
    await marker.focus();
    await page.keyboard.press('ArrowUp');
    const [stepped] = await readProposals(page);
    expect(stepped.lat).toBeGreaterThan(dragged.lat);
    expected.moveFacility(step.facility, stepped.lon, stepped.lat);
    await expect.poll(() => readGained(page)).toBe(expected.coveredPopulation - server.coveredPopulation);
    // The incremental state equals a full recomputation in the page.
    expect(await page.evaluate(() => window.__atlasWhatIf!.recomputeFromScratch())).toBe(expected.coveredPopulation);

    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.analysis-proposal').count()).toBe(0);
    expect(await page.locator('.what-if-result').count()).toBe(0);

    // Placed from the button: in the middle of the part of the map the panel leaves free (not the
    // map's own middle), with the focus on it for the arrows.
    await page.getByRole('button', { name: 'Place at the map centre' }).click();
    const centred = (await page.locator('.analysis-proposal').boundingBox())!;
    const panel = (await page.locator('.analysis-sheet').boundingBox())!;
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const freeMiddle = (panel.x + panel.width + canvas.x + canvas.width) / 2;
    expect(Math.abs(centred.x + centred.width / 2 - freeMiddle)).toBeLessThan(20);
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('analysis-proposal'))).toBe(true);
    await page.close();
  });
});
