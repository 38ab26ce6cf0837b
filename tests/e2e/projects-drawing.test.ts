import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ProjectList, ProjectRecord } from '../../core/projects/project-contract.ts';
import { measureGeometry } from '../../client/src/projects/geometry-measure.ts';
import { DESKTOP, openAtlas, pagePointOf, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, signInByDialog } from './demand-pages.ts';
import { waitForProjectLibrary } from './project-pages.ts';

const { browser, appUrl } = useBrowser();
/** Three forms drawn and saved one after the other on a loaded machine. */
const LONG_TEST = 240_000;

/** A real click (or double-click) on the map at a lon/lat, the pointer moved there first as a hand would. */
async function clickAt(page: Page, lngLat: [number, number], clickCount = 1) {
  const { x, y } = await pagePointOf(page, lngLat);
  // The panel covers the map's left part: a corner under it would never reach the map.
  const under = await page.evaluate(([px, py]) => {
    const element = document.elementFromPoint(px, py);
    return element === window.__atlas!.map.getCanvas() ? 'map' : element?.outerHTML.slice(0, 80);
  }, [x, y]);
  expect(under, `${lngLat} is at ${x}, ${y}`).toBe('map');
  await page.mouse.move(x - 3, y - 3);
  await page.mouse.move(x, y);
  await page.mouse.click(x, y, { clickCount });
  // terra-draw reads each click on its own; give the pointer a frame between corners.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

async function fillForm(page: Page, name: string, type: string, optimization: string) {
  const form = page.locator('.project-form');
  await form.locator('input[name="name"]').fill(name);
  await form.locator('select[name="optimization"]').selectOption(optimization);
  await form.locator('select[name="type"]').selectOption(type);
  await form.locator('input[name="responsibleUnit"]').fill('区城市管理局');
  await form.locator('input[name="funding-fiscal"]').fill('3000000');
}

/** Saves the form, waits for the saved project's panel and reads the project back through the API. */
async function saveProject(page: Page, name: string): Promise<ProjectRecord> {
  await page.locator('button.create-project').click();
  await page.locator('.project-detail .project-name').filter({ hasText: name }).waitFor(SLOW);
  const list = (await (await page.request.get(`${appUrl}/api/projects?q=${encodeURIComponent(name)}&limit=5`)).json()) as ProjectList<ProjectRecord>;
  return list.items[0];
}

/** From a saved project's panel back to the list, and a new form with a shape chosen. */
async function newForm(page: Page, shape: 'point' | 'linestring' | 'polygon') {
  if (await page.locator('.project-detail').count()) await page.locator('.project-detail button.back').click();
  await page.locator('button.new-project').click();
  await page.locator(`button.draw-shape[data-shape="${shape}"]`).click();
}

const measureAttribute = (page: Page, name: string) => page.locator('.draw-measure').getAttribute(name);

describe('drawing a project on the map', () => {
  it('draws a point, a line and a polygon in three forms one after the other, each measured and saved', async () => {
    const centre: [number, number] = [106.575, 29.53];
    const page = await openAtlas(browser(), `${appUrl}/#map=16.00/${centre[1]}/${centre[0]}&layers=district&lang=zh`, DESKTOP);
    await waitForIdleMap(page);
    await signInByDialog(page, 'demo-commission');
    await page.locator('button.projects-toggle').click();
    await waitForProjectLibrary(page);
    const marker = `E2E${Date.now()}`;
    const d = 0.0015;

    // Every shape is drawn right of the map's middle: the panel covers its left part.
    // 1. A smart bus shelter: one click.
    await newForm(page, 'point');
    const stop: [number, number] = [centre[0] + d, centre[1] + d];
    await clickAt(page, stop);
    await expect.poll(() => measureAttribute(page, 'data-finished'), SLOW).toBe('true');
    expect(await page.locator('.draw-measure').innerText()).toMatch(/位置 106\.57\d+, 29\.53\d+/);
    await saveScreenshot(page, 'projects-draw-point');
    await fillForm(page, `${marker} 智慧候车亭`, 'smart_bus_shelter', '3');
    const shelter = await saveProject(page, `${marker} 智慧候车亭`);
    expect(shelter.geometry.type).toBe('Point');
    expect(shelter.geometry.coordinates[0]).toBeCloseTo(stop[0], 4);
    expect(shelter.geometry.coordinates[1]).toBeCloseTo(stop[1], 4);

    // 2. A sidewalk, in the second form: three corners, the last double-clicked.
    await newForm(page, 'linestring');
    const line: [number, number][] = [[centre[0] + d, centre[1] - d], [centre[0] + 2 * d, centre[1]], [centre[0] + 3 * d, centre[1] + d / 2]];
    await clickAt(page, line[0]);
    await clickAt(page, line[1]);
    // Measured while drawing, before the line is finished.
    await expect.poll(() => measureAttribute(page, 'data-length'), SLOW).not.toBeNull();
    const zoom = await page.evaluate(() => window.__atlas!.map.getZoom());
    await clickAt(page, line[2], 2);
    await expect.poll(() => measureAttribute(page, 'data-finished'), SLOW).toBe('true');
    // The double-click finished the line and left the map where it was.
    expect(await page.evaluate(() => window.__atlas!.map.getZoom())).toBe(zoom);
    const drawnLength = Number(await measureAttribute(page, 'data-length'));
    expect(drawnLength).toBeGreaterThan(300);
    expect(await page.locator('.draw-measure').innerText()).toMatch(/长度 [\d.,]+ (m|km)/);
    await saveScreenshot(page, 'projects-draw-line');
    await fillForm(page, `${marker} 人行道品质提升`, 'sidewalk', '1');
    const sidewalk = await saveProject(page, `${marker} 人行道品质提升`);
    expect(sidewalk.geometry.type).toBe('LineString');
    expect(sidewalk.geometry.coordinates).toHaveLength(3);
    // The form's figure (Turf, as drawn) is the saved one's, and the server's within a metre or so.
    expect(measureGeometry(sidewalk.geometry).lengthMetres).toBeCloseTo(drawnLength, 0);
    expect(Math.abs(sidewalk.lengthM! - drawnLength)).toBeLessThan(drawnLength * 0.005);
    expect(sidewalk.phase).toBe('proposed');

    // 3. A slope greening, in the third form: four corners, closed by clicking the first again.
    await newForm(page, 'polygon');
    const ring: [number, number][] = [[centre[0] + 0.5 * d, centre[1] - 0.6 * d], [centre[0] + 2.5 * d, centre[1] - 0.6 * d], [centre[0] + 2.5 * d, centre[1] + 0.6 * d], [centre[0] + 0.5 * d, centre[1] + 0.6 * d]];
    for (const corner of ring) await clickAt(page, corner);
    // Measured while drawing: three corners already make an area.
    await expect.poll(() => measureAttribute(page, 'data-area'), SLOW).not.toBeNull();
    expect(await measureAttribute(page, 'data-finished')).toBe('false');
    await clickAt(page, ring[0]);
    await expect.poll(() => measureAttribute(page, 'data-finished'), SLOW).toBe('true');
    const drawnArea = Number(await measureAttribute(page, 'data-area'));
    // About 291 m × 200 m.
    expect(drawnArea).toBeGreaterThan(50_000);
    expect(drawnArea).toBeLessThan(65_000);
    expect(await page.locator('.draw-measure').innerText()).toMatch(/面积 [\d.,]+ (m²|ha|公顷|km²)/);
    await saveScreenshot(page, 'projects-draw-polygon');
    await fillForm(page, `${marker} 边坡绿化`, 'slope_greening', '5');
    const greening = await saveProject(page, `${marker} 边坡绿化`);
    expect(greening.geometry.type).toBe('Polygon');
    const savedRing = greening.geometry.coordinates[0] as [number, number][];
    expect(savedRing).toHaveLength(5);
    expect(savedRing[0]).toEqual(savedRing[4]);
    expect(measureGeometry(greening.geometry).areaSquareMetres).toBeCloseTo(drawnArea, 0);
    expect(Math.abs(greening.areaM2! - drawnArea)).toBeLessThan(drawnArea * 0.005);

    await saveScreenshot(page, 'projects-draw-saved');
    await page.close();
  }, LONG_TEST);
});
