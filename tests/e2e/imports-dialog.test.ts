import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DivisionsResponse, LayersResponse } from '../../core/api/responses.ts';
import type { ImportPreview } from '../../core/exchange/import-contract.ts';
import { DESKTOP, openAtlas, renderedFeatures, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW, signInByDialog } from './demand-pages.ts';

const { browser, appUrl } = useBrowser();

/** Places inside the district (community label points), read from the API: other files add features, never communities. */
async function placesInside(page: Page): Promise<[number, number][]> {
  const divisions = (await (await page.request.get(`${appUrl}/api/divisions`)).json()) as DivisionsResponse;
  return divisions.communities.slice(3, 6).map((community) => community.label);
}

const layerVersion = async (page: Page, id: string) =>
  ((await (await page.request.get(`${appUrl}/api/layers`)).json()) as LayersResponse).layers.find((layer) => layer.id === id)!.version;

async function openImport(page: Page) {
  await page.goto(`${appUrl}/#map=12.00/29.53000/106.57000&layers=district,communities&lang=zh`);
  await waitForIdleMap(page);
  await signInByDialog(page, 'demo-commission');
  await page.locator('button.import-toggle').click();
  const panel = page.locator('#import-panel');
  await panel.locator('select.import-target').waitFor(SLOW);
  return panel;
}

describe('the import dialog', () => {
  it('uploads a table, previews it on the map with its invalid row, remaps, commits with progress and the layer shows the new features; a cancel deletes the preview and changes nothing', async () => {
    const page = await openAtlas(browser(), 'about:blank', DESKTOP);
    const panel = await openImport(page);
    const [a, b, c] = await placesInside(page);
    const csv = `name,seats,ownership,lon,lat\n导入幼儿园甲,120,public,${a[0]},${a[1]}\n导入幼儿园乙,90,inclusive,${b[0]},${b[1]}\n导入幼儿园丙,很多,private,${c[0]},${c[1]}\n`;
    const versionBefore = await layerVersion(page, 'kindergartens');

    await panel.locator('select.import-target').selectOption('kindergartens');
    await panel.locator('input#import-file').setInputFiles({ name: '新建幼儿园.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    expect(await panel.locator('.chosen-file').innerText()).toContain('新建幼儿园.csv');
    const uploaded = page.waitForResponse((response) => response.url().endsWith('/api/imports') && response.request().method() === 'POST');
    await panel.locator('button.upload').click();
    const preview = (await (await uploaded).json()) as ImportPreview;
    expect(preview.targetVersion).toBe(versionBefore);

    // The preview: counts, the detected system, the invalid row with its number and reason, the mapping, the first rows.
    await panel.locator('#import-preview-heading').waitFor(SLOW);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('import-preview-heading');
    expect(await panel.locator('.feature-count').innerText()).toBe('3');
    expect(await panel.locator('.valid-invalid').innerText()).toBe('有效 2 条 · 无效 1 条');
    expect(await panel.locator('.detected-crs').innerText()).toContain('EPSG:4326');
    expect(await panel.locator('.detected-crs small').innerText()).toMatch(/^文件未说明坐标系：从坐标看是 WGS 84/);
    expect(await panel.locator('.detected-encoding small').innerText()).toBe('文字是有效的 UTF-8');
    const invalid = panel.locator('.invalid-rows li');
    expect(await invalid.count()).toBe(1);
    expect(await invalid.first().getAttribute('data-row')).toBe('3');
    expect(await invalid.first().innerText()).toBe('第 3 行 学位（字段 seats）：“很多”不是数字');
    expect(await panel.locator('#import-map-seats').inputValue()).toBe('seats');
    expect(await panel.locator('.first-rows tbody tr').count()).toBe(3);
    expect(await panel.locator('.first-rows tbody tr.invalid').count()).toBe(1);

    // On the map: the three features, the invalid one marked, framed in the free part of the map.
    await waitForIdleMap(page);
    const drawn = await page.evaluate(() => window.__atlas!.map.querySourceFeatures('import-preview').map((feature) => feature.properties));
    // A source's features come once per tile they touch.
    expect([...new Set(drawn.map((properties) => `${properties.row}:${properties.invalid}`))].sort()).toEqual(['1:false', '2:false', '3:true']);
    await saveScreenshot(page, 'import-preview');

    // Leaving the name out makes every row invalid (it is required); mapping it again restores the preview.
    await panel.locator('#import-map-name').selectOption('');
    await expect.poll(() => panel.locator('.valid-invalid').innerText(), SLOW).toBe('有效 0 条 · 无效 3 条');
    expect(await panel.locator('button.commit').isDisabled()).toBe(true);
    await panel.locator('#import-map-name').selectOption('name');
    await expect.poll(() => panel.locator('.valid-invalid').innerText(), SLOW).toBe('有效 2 条 · 无效 1 条');

    // The commit: held back a moment on its way, so its progress shows; then the result.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/imports/*/commit', async (route) => {
      await held;
      await route.continue();
    });
    const commitButton = panel.locator('button.commit');
    expect(await commitButton.innerText()).toBe('导入 2 条有效记录，跳过 1 条无效记录');
    await commitButton.click();
    await panel.locator('progress.busy-progress').waitFor(SLOW);
    expect(await panel.locator('#import-progress-text').innerText()).toBe('正在写入数据库…');
    expect(await panel.locator('.steps li.current').innerText()).toContain('写入');
    await saveScreenshot(page, 'import-committing');
    release();
    await panel.locator('#import-result-heading').waitFor(SLOW);
    expect(await panel.locator('.committed').innerText()).toBe('已将 2 条记录写入幼儿园。');
    expect(await panel.locator('.skipped').innerText()).toBe('跳过 1 条无效记录。');
    const versionAfter = await layerVersion(page, 'kindergartens');
    expect(versionAfter).toBeGreaterThan(versionBefore);
    expect(await panel.locator('.version').innerText()).toBe(`图层数据版本：${versionAfter}`);
    expect(await page.evaluate(() => window.__atlas!.map.getSource('import-preview'))).toBeUndefined();

    // Written: the API has both, the third left out; the layer, switched on, draws them from its new tiles.
    const [west, south, east, north] = [Math.min(a[0], b[0]) - 0.0005, Math.min(a[1], b[1]) - 0.0005, Math.max(a[0], b[0]) + 0.0005, Math.max(a[1], b[1]) + 0.0005];
    const items = (await (await page.request.get(`${appUrl}/ogc/collections/kindergartens/items?f=json&limit=1000&bbox=${west},${south},${east},${north}`)).json()) as { features: Array<{ properties: { name: string; seats: number } }> };
    const names = items.features.map((feature) => feature.properties.name);
    expect(names).toEqual(expect.arrayContaining(['导入幼儿园甲', '导入幼儿园乙']));
    expect(names).not.toContain('导入幼儿园丙');
    expect(items.features.find((feature) => feature.properties.name === '导入幼儿园甲')!.properties.seats).toBe(120);
    await expect.poll(async () => (await renderedFeatures(page, 'kindergartens')).map((feature) => feature.properties.name), SLOW).toEqual(expect.arrayContaining(['导入幼儿园甲', '导入幼儿园乙']));
    await saveScreenshot(page, 'import-result');

    // Another file, dropped on the zone as from the file manager; cancelled at the preview, then closed with Escape.
    await panel.locator('button.again').click();
    const versionBeforeCancel = await layerVersion(page, 'kindergartens');
    const cancelled = `name,seats,lon,lat\n取消的幼儿园,60,${a[0]},${a[1]}\n`;

    await panel.locator('.drop-zone').evaluate((zone, text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], '取消.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, cancelled);
    expect(await panel.locator('.chosen-file').innerText()).toContain('取消.csv');
    const uploadedAgain = page.waitForResponse((response) => response.url().endsWith('/api/imports') && response.request().method() === 'POST');
    await panel.locator('button.upload').click();
    const first = (await (await uploadedAgain).json()) as ImportPreview;
    await panel.locator('#import-preview-heading').waitFor(SLOW);

    const dropped = page.waitForResponse((response) => response.url().endsWith(`/api/imports/${first.id}`) && response.request().method() === 'DELETE');
    await panel.locator('button.cancel').click();
    expect((await dropped).status()).toBe(204);
    expect((await page.request.get(`${appUrl}/api/imports/${first.id}`)).status()).toBe(404);
    await panel.locator('button.upload').waitFor(SLOW);
    expect(await page.evaluate(() => window.__atlas!.map.getSource('import-preview'))).toBeUndefined();

    // Read again, then closed with Escape: the preview goes too, the focus back to the top bar's button.
    const again = page.waitForResponse((response) => response.url().endsWith('/api/imports') && response.request().method() === 'POST');
    await panel.locator('button.upload').click();
    const second = (await (await again).json()) as ImportPreview;
    await panel.locator('#import-preview-heading').waitFor(SLOW);
    const droppedAgain = page.waitForResponse((response) => response.url().endsWith(`/api/imports/${second.id}`) && response.request().method() === 'DELETE');
    await page.keyboard.press('Escape');
    expect((await droppedAgain).status()).toBe(204);
    expect(await page.locator('#import-panel').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? '')).toContain('import-toggle');
    expect(await layerVersion(page, 'kindergartens')).toBe(versionBeforeCancel);

    // In English, with the commission's targets: the facility layers, the demand list, the project library.
    await page.locator('button.language-switch').click();
    await page.locator('button.import-toggle').click();
    await expect.poll(() => page.locator('#import-panel h2').innerText(), SLOW).toBe('Import');
    const targets = await page.locator('#import-panel select.import-target option').allInnerTexts();
    expect(targets).toEqual(expect.arrayContaining(['Kindergartens', 'The demand list', 'The project library']));
    await saveScreenshot(page, 'import-en');
    await page.close();
  });
});
