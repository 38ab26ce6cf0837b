import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAtlas, saveScreenshot, useBrowser } from './browser.ts';

const { browser, appUrl } = useBrowser();

async function openTable(page: Page) {
  await page.getByRole('tab', { name: 'Life circles' }).click();
  await page.locator('.life-circle-table tbody tr').first().waitFor({ timeout: 90_000 });
}

/** The table's column of numbers (as shown, "–" for none), top to bottom. */
function readColumn(page: Page, index: number) {
  return page.locator('.life-circle-table tbody tr').evaluateAll((rows, at) => rows.map((row) => {
    const text = row.children[at].textContent!.trim().replace(/,/g, '');
    return text === '–' ? null : Number(text);
  }), index);
}

function isOrdered(values: Array<number | null>, descending: boolean): boolean {
  const known = values.filter((value): value is number => value !== null);
  // Rows without a value go last, whichever the direction.
  const nullsLast = values.slice(known.length).every((value) => value === null);
  return nullsLast && known.every((value, index) => index === 0 || (descending ? known[index - 1] >= value : known[index - 1] <= value));
}

async function download(page: Page): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  return readFileSync((await file.path())!);
}

describe('the life-circle table', () => {
  it('sorts by any column and exports the server’s CSV', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district,communities&analysis=kindergartens/300/euclidean&lang=en`);
    await openTable(page);
    const api = await (await page.request.get(`${appUrl}/api/analysis/life-circle`)).json();
    expect(await page.locator('.life-circle-table tbody tr').count()).toBe(api.communities.length);

    const header = (name: string) => page.locator('.life-circle-table thead th', { has: page.getByRole('button', { name, exact: true }) });
    await header('Population').getByRole('button').click();
    expect(await header('Population').getAttribute('aria-sort')).toBe('descending');
    expect(isOrdered(await readColumn(page, 1), true)).toBe(true);
    await header('Population').getByRole('button').click();
    expect(await header('Population').getAttribute('aria-sort')).toBe('ascending');
    expect(isOrdered(await readColumn(page, 1), false)).toBe(true);

    const kindergartens = api.columns.findIndex((column: { layer: string }) => column.layer === 'kindergartens');
    await header('Kindergartens').getByRole('button').click();
    expect(await header('Kindergartens').getAttribute('aria-sort')).toBe('ascending');
    expect(isOrdered(await readColumn(page, 2 + kindergartens), false)).toBe(true);
    await header('Score').getByRole('button').click();
    await header('Score').getByRole('button').click();
    expect(await header('Score').getAttribute('aria-sort')).toBe('descending');
    const scores = await readColumn(page, 2 + api.columns.length);
    expect(isOrdered(scores, true)).toBe(true);
    await saveScreenshot(page, 'analysis-life-circle');

    // Whatever the order on screen, the file is the server's, byte for byte.
    const server = await (await page.request.get(`${appUrl}/api/analysis/life-circle?format=csv`)).body();
    expect((await download(page)).equals(server)).toBe(true);
    await page.close();
  });

  it('filters by town, exports those rows, and selects a community on the map from its row', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#layers=district,communities&analysis=kindergartens/300/euclidean&lang=en`);
    await openTable(page);
    const { towns, communities } = await (await page.request.get(`${appUrl}/api/divisions`)).json();
    const town = towns[1];
    const inTown = new Set(communities.filter((community: { town_code: string }) => community.town_code === town.code).map((community: { code: string }) => community.code));

    await page.locator('select[name="town"]').selectOption(town.code);
    const codes = await page.locator('.life-circle-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')!));
    expect(codes.length).toBe(inTown.size);
    expect(codes.every((code) => inTown.has(code))).toBe(true);

    const server = (await (await page.request.get(`${appUrl}/api/analysis/life-circle?format=csv`)).text()).split('\r\n');
    const lines = (await download(page)).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(server[0]);
    expect(lines.slice(1, -2)).toEqual(server.filter((line) => inTown.has(line.split(',')[0])));
    expect(lines.at(-2)).toBe(server.at(-2));

    const row = page.locator('.life-circle-table tbody tr').first();
    const code = await row.getAttribute('data-code');
    await row.getByRole('button').click();
    await page.locator(`.community-panel[data-community="${code}"]`).waitFor();
    expect(page.url()).toContain(`community=${code}`);
    expect(await row.getAttribute('class')).toContain('selected');
    await page.close();
  });
});
