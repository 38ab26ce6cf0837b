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
  it('sorts by any column and exports the table as shown: headings in the reader’s language over the ids, percentages, the order on screen', async () => {
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

    // The file is the table: the same rows in the same order, the same percentages; the ids of
    // the server's file in a second header row.
    const server = (await (await page.request.get(`${appUrl}/api/analysis/life-circle?format=csv`)).text()).replace(/^\uFEFF/, '').split('\r\n');
    const lines = (await download(page)).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['Code', 'Community', 'Population']);
    expect(lines[0]).toContain('Kindergartens 300 m (%)');
    expect(lines[1]).toBe(server[0]);
    const codes = await page.locator('.life-circle-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')!));
    const body = lines.slice(2, -2).map((line) => line.split(','));
    expect(body.map((cells) => cells[0])).toEqual(codes);
    const shown = await readColumn(page, 2 + kindergartens);
    expect(body.map((cells) => (cells[3 + kindergartens] === '' ? null : Number(cells[3 + kindergartens])))).toEqual(shown);
    expect(lines.at(-2)!.split(',')[1]).toBe('District');

    // In Chinese, the headings are Chinese; the ids stay.
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const chinese = readFileSync((await file.path())!).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(chinese[0].split(',').slice(0, 3)).toEqual(['编码', '社区', '人口']);
    expect(chinese[1]).toBe(server[0]);
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

    const lines = (await download(page)).toString('utf8').split('\r\n');
    expect(lines.slice(2, -2).map((line) => line.split(',')[0])).toEqual(codes);

    const row = page.locator('.life-circle-table tbody tr').first();
    const code = await row.getAttribute('data-code');
    await row.getByRole('button').click();
    await page.locator(`.community-panel[data-community="${code}"]`).waitFor();
    expect(page.url()).toContain(`community=${code}`);
    expect(await row.getAttribute('class')).toContain('selected');
    await page.close();
  });
});
