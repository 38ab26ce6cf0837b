import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './chromium.ts';

/** One browser per test file, closed after it; each test opens its own page (no shared state). */
export function useBrowser(): { browser: () => Browser; appUrl: string } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return { browser: () => browser!, appUrl: inject('appUrl') };
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Wait until the map exists, its style and sources are loaded and nothing is left to draw. */
export async function waitForIdleMap(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(window.__atlas?.map), undefined, { timeout: 30_000 });
  await page.evaluate(() => new Promise<void>((resolve) => {
    const map = window.__atlas!.map;
    const check = () => (map.loaded() && map.areTilesLoaded() && !map.isMoving() ? resolve() : map.once('idle', check));
    check();
  }));
}

export async function openAtlas(browser: Browser, url: string, viewport = DESKTOP): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(url);
  return page;
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

/** Rendered features of one registry layer in the current view, as plain data. */
export function renderedFeatures(page: Page, layerId: string) {
  return page.evaluate((id) => {
    const map = window.__atlas!.map;
    const styleLayers = map.getLayersOrder().filter((styleId) => (map.getLayer(styleId)?.metadata as Record<string, unknown> | undefined)?.['atlas:layer'] === id);
    const present = styleLayers.filter((styleId) => map.getLayoutProperty(styleId, 'visibility') !== 'none');
    if (!present.length) return [];
    return map.queryRenderedFeatures({ layers: present }).map((feature) => ({
      id: feature.id,
      properties: feature.properties,
      geometry: feature.geometry,
    }));
  }, layerId);
}

/** Where a lon/lat is on the page (map canvas offset included), for a real mouse click. */
export function pagePointOf(page: Page, lngLat: [number, number]) {
  return page.evaluate((coordinates) => {
    const map = window.__atlas!.map;
    const point = map.project(coordinates);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  }, lngLat);
}
