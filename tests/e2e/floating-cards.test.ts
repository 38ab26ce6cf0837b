import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, openAtlas, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, signInByApi, waitForDemandList } from './demand-pages.ts';

const { browser, appUrl } = useBrowser();

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The pixels of a part of the page as the reader sees it (a real screenshot, decoded by the page). */
async function screenPixels(page: Page, box: Box): Promise<number[]> {
  const png = await page.screenshot();
  return page.evaluate(async ({ data, box }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    return Array.from(context.getImageData(box.x, box.y, box.width, box.height).data);
  }, { data: png.toString('base64'), box });
}

/** Share of the pixels of two same-sized captures that differ visibly. */
function differingShare(a: number[], b: number[]): number {
  let differing = 0;
  for (let index = 0; index < a.length; index += 4) {
    const distance = Math.abs(a[index] - b[index]) + Math.abs(a[index + 1] - b[index + 1]) + Math.abs(a[index + 2] - b[index + 2]);
    if (distance > 12) differing += 1;
  }
  return differing / (a.length / 4);
}

const isInside = (page: Page, selector: string) => page.evaluate((within) => Boolean(document.activeElement?.closest(within)), selector);
const hasClass = (page: Page, name: string) => page.evaluate((wanted) => Boolean(document.activeElement?.classList.contains(wanted)), name);

describe('floating cards over the map', () => {
  it('a scrolled analysis card leaves the map below it as it is (no blank strip)', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district,communities,kindergartens,idle_plots&analysis=kindergartens/300/euclidean&siting=kindergartens/mclp/3/300/idle_plots/euclidean&lang=en`, DESKTOP);
    await waitForIdleMap(page);
    await page.getByRole('button', { name: 'Find sites', exact: true }).click();
    await page.locator('.siting-covered, .siting-panel .error-notice').first().waitFor({ timeout: 180_000 });
    expect(await page.locator('.siting-panel .error-notice').count()).toBe(0);
    const card = page.locator('.analysis-sheet');
    await card.evaluate((node) => (node.scrollTop = node.scrollHeight));
    expect(await card.evaluate((node) => node.scrollTop)).toBeGreaterThan(0);
    await waitForIdleMap(page);

    // A band of map under the card, clear of its shadow, the scale and the "tell us" button:
    // it must look the same with the card shown and with the card hidden.
    const cardBox = (await card.boundingBox())!;
    const band = { x: Math.round(cardBox.x + 60), y: Math.round(cardBox.y + cardBox.height + 20), width: 260, height: 30 };
    expect(band.y + band.height).toBeLessThan(DESKTOP.height);
    const withCard = await screenPixels(page, band);
    await card.evaluate((node) => (node.style.visibility = 'hidden'));
    const withoutCard = await screenPixels(page, band);
    await card.evaluate((node) => (node.style.visibility = ''));
    expect(differingShare(withCard, withoutCard)).toBeLessThan(0.01);
    await saveScreenshot(page, 'analysis-card-scrolled');
    await page.close();
  }, 300_000);

  it('the demand list and the edit panel take the focus when opened and give it back on Escape', async () => {
    const page = await browser().newPage({ viewport: DESKTOP });
    await signInByApi(page, appUrl, 'demo-admin');
    await page.goto(`${appUrl}/#lang=en`);
    await waitForIdleMap(page);

    const demands = page.locator('button.demands-toggle');
    await demands.waitFor(SLOW);
    await demands.focus();
    await page.keyboard.press('Enter');
    await waitForDemandList(page);
    await expect.poll(() => isInside(page, '#demand-panel')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#demand-panel').count()).toBe(0);
    expect(await hasClass(page, 'demands-toggle')).toBe(true);

    const edit = page.locator('button.edit-toggle');
    await edit.focus();
    await page.keyboard.press('Enter');
    await page.locator('#edit-panel select').first().waitFor(SLOW);
    await expect.poll(() => isInside(page, '#edit-panel')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#edit-panel').count()).toBe(0);
    expect(await hasClass(page, 'edit-toggle')).toBe(true);
    await page.close();
  }, 120_000);
});
