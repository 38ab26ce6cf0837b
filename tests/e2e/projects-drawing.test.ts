import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ProjectList, ProjectRecord } from '../../core/projects/project-contract.ts';
import { measureGeometry } from '../../client/src/projects/geometry-measure.ts';
import { DESKTOP, openAtlas, pagePointOf, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, signInByDialog } from './demand-pages.ts';
import { waitForProjectLibrary } from './project-pages.ts';

const { browser, appUrl } = useBrowser();
/** These walk several pages and roles: more than the default minute on a loaded machine. */
const LONG_TEST = 240_000;

/** Places the map's corner points: lon/lat east and north of the view's middle, in metres. */
async function clickAt(page: Page, lngLat: [number, number]) {
  const { x, y } = await pagePointOf(page, lngLat);
  await page.mouse.move(x, y);
  await page.mouse.click(x, y);
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

async function savedProject(page: Page, name: string): Promise<ProjectRecord> {
  await page.locator('.project-detail .project-name').filter({ hasText: name }).waitFor(SLOW);
  const list = (await (await page.request.get(`${appUrl}/api/projects?q=${encodeURIComponent(name)}&limit=5`)).json()) as ProjectList<ProjectRecord>;
  return list.items[0];
}

describe('drawing a project on the map', () => {
  it('draws a line with its length shown while drawing, and saves it as a project', async () => {
    const centre: [number, number] = [106.575, 29.53];
    const page = await openAtlas(browser(), `${appUrl}/#map=16.00/${centre[1]}/${centre[0]}&layers=district&lang=zh`, DESKTOP);
    await waitForIdleMap(page);
    await signInByDialog(page, 'demo-commission');
    await page.locator('button.projects-toggle').click();
    await waitForProjectLibrary(page);
    const marker = `E2E${Date.now()}`;
    const d = 0.0015;

    // A sidewalk: three corners, Enter ends it.
    await page.locator('button.new-project').click();
    await page.locator('button.draw-shape[data-shape="linestring"]').click();
    const line: [number, number][] = [[centre[0] + d, centre[1] - d], [centre[0] + 2 * d, centre[1]], [centre[0] + 3 * d, centre[1] + d / 2]];
    await clickAt(page, line[0]);
    await clickAt(page, line[1]);
    // Measured while drawing, before the line is finished.
    await expect.poll(() => page.locator('.draw-measure').getAttribute('data-length'), SLOW).not.toBeNull();
    await clickAt(page, line[2]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.draw-measure').getAttribute('data-finished'), SLOW).toBe('true');
    const drawnLength = Number(await page.locator('.draw-measure').getAttribute('data-length'));
    expect(drawnLength).toBeGreaterThan(300);
    expect(await page.locator('.draw-measure').innerText()).toMatch(/长度 [\d.,]+ (m|km)/);
    await saveScreenshot(page, 'projects-draw-line');
    await fillForm(page, `${marker} 人行道品质提升`, 'sidewalk', '1');
    await page.locator('button.create-project').click();
    const sidewalk = await savedProject(page, `${marker} 人行道品质提升`);
    expect(sidewalk.geometry.type).toBe('LineString');
    expect(sidewalk.geometry.coordinates).toHaveLength(3);
    // The form's figure (Turf, as drawn) is the saved one's, and the server's within a metre or so.
    expect(measureGeometry(sidewalk.geometry).lengthMetres).toBeCloseTo(drawnLength, 0);
    expect(Math.abs(sidewalk.lengthM! - drawnLength)).toBeLessThan(drawnLength * 0.005);
    expect(sidewalk.phase).toBe('proposed');

    await saveScreenshot(page, 'projects-draw-saved');
    await page.close();
  }, LONG_TEST);
});
