import { describe, expect, it } from 'vitest';
import { openAtlas, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();

describe('a failed request', () => {
  it('says so with a retry button, and the retry recovers', async () => {
    const page = await browser().newPage();
    let failures = 0;
    await page.route('**/api/layers', async (route) => {
      if (failures++ === 0) {
        await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'database_unavailable', message: 'the database is not reachable; try again shortly' } }) });
      } else {
        await route.continue();
      }
    });
    await page.goto(appUrl);
    const alert = page.locator('.map-area [role="alert"]');
    await alert.waitFor();
    // In the reader's language (Chinese by default), the server's own English only as a details line.
    expect(await alert.innerText()).toContain('数据库暂时无法连接');
    await alert.getByRole('button', { name: '重试' }).click();
    await waitForIdleMap(page);
    expect(await page.locator('.layer-panel').isVisible()).toBe(true);
    expect(failures).toBe(2);
    await page.close();
  });

  it('of the community profile shows the error in the panel with a retry', async () => {
    const page = await openAtlas(browser(), appUrl);
    let failures = 0;
    await page.route('**/api/communities/**', async (route) => (failures++ === 0 ? route.abort('connectionrefused') : route.continue()));
    const { communities } = await (await page.request.get(`${appUrl}/api/divisions`)).json();
    await page.evaluate((code) => (location.hash = `layers=district&community=${code}`), communities[0].code);
    const alert = page.locator('.community-panel [role="alert"]');
    await alert.waitFor();
    await alert.getByRole('button').click();
    await page.locator('.community-panel [data-field="population"]').waitFor();
    await page.close();
  });
});
