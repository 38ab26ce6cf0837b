import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, openAtlas, pagePointOf, renderedFeatures, saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';

const { browser, appUrl } = useBrowser();

/** The demo accounts' password on a server started without DEMO_PASSWORD (the browser tests' server). */
const DEMO_PASSWORD = 'atlas-demo';
const NAME = '测试幼儿园（浏览器测试）';
/** Sign-in hashes a password and every write reloads tiles: a shared, loaded machine needs the time. */
const SLOW = { timeout: 30_000 };

/**
 * Content-Security-Policy refusals, from the page's own `securitypolicyviolation` events and the
 * console. The listener is installed by the test driver, which the page's policy does not govern.
 */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __policyViolations: string[] }).__policyViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __policyViolations: string[] }).__policyViolations))];
}

async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.locator('button.sign-in').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.locator(`button.demo-account[data-username="${username}"]`).click();
  expect(await dialog.locator('input[name="username"]').inputValue()).toBe(username);
  await dialog.locator('input[name="password"]').fill(password);
  await dialog.locator('button[type="submit"]').click();
}

/** A place inside the district where no kindergarten is drawn: a community's label point, checked. */
async function findEmptySpot(page: Page): Promise<[number, number]> {
  const { communities } = await (await page.request.get(`${appUrl}/api/divisions`)).json();
  for (const community of communities.slice(0, 40) as { label: [number, number] }[]) {
    await page.evaluate((lngLat) => window.__atlas!.map.jumpTo({ center: lngLat, zoom: 16.5 }), community.label);
    await waitForIdleMap(page);
    const near = await page.evaluate(() => {
      const map = window.__atlas!.map;
      const { width, height } = map.getCanvas().getBoundingClientRect();
      const [x, y] = [width / 2, height / 2];
      return map.queryRenderedFeatures([[x - 60, y - 60], [x + 60, y + 60]], { layers: ['kindergartens-circle'] }).length;
    });
    if (near === 0) return community.label;
  }
  throw new Error('no community label point without a kindergarten near it');
}

const popup = (page: Page) => page.locator('.maplibregl-popup');
const namedKindergartens = async (page: Page) => (await renderedFeatures(page, 'kindergartens')).filter((feature) => feature.properties.name === NAME);

describe('editing a facility layer', () => {
  it('lets the commission add a kindergarten by clicking, move it, change it, read its history and delete it, with nothing refused by the page policy', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=13.00/29.53000/106.57000&layers=district,communities,kindergartens&lang=zh`, DESKTOP);
    const violations = await watchPolicy(page);
    await page.reload();
    await waitForIdleMap(page);

    // A wrong password is said in the reader's language; then the demo account signs in.
    await signIn(page, 'demo-commission', 'not-the-password');
    await expect.poll(() => page.getByRole('dialog').getByRole('alert').innerText(), SLOW).toContain('用户名或密码不正确');
    await saveScreenshot(page, 'sign-in-dialog');
    await page.getByRole('dialog').locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.getByRole('dialog').locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('.account-name').count(), SLOW).toBe(1);
    expect(await page.locator('.account-name').innerText()).toBe('演示 · 区发展改革委');
    expect(await page.locator('.account-role').innerText()).toBe('区发展改革委');

    const spot = await findEmptySpot(page);
    await page.locator('button.edit-toggle').click();
    await page.locator('.edit-panel select').waitFor();
    expect(await page.locator('.edit-panel select').inputValue()).toBe('kindergartens');

    // Add: a click on the map places the new feature; the form takes its declared properties.
    const at = await pagePointOf(page, spot);
    await page.mouse.click(at.x, at.y);
    const form = page.locator('.draft-form');
    await form.waitFor();
    expect(await form.locator('input[name="community_code"]').count()).toBe(0);
    await form.locator('input[name="name"]').fill(NAME);
    await form.locator('input[name="seats"]').fill('180');
    await form.locator('select[name="ownership"]').selectOption('public');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('.edit-panel [role="status"]').innerText(), SLOW).toContain(`已添加“${NAME}”`);
    await waitForIdleMap(page);
    await expect.poll(async () => (await namedKindergartens(page)).length, SLOW).toBe(1);
    const editor = popup(page).locator('.feature-editor');
    await editor.locator('button.edit-properties').waitFor();
    const id = Number(await editor.getAttribute('data-feature'));
    expect(id).toBeGreaterThan(0);
    await saveScreenshot(page, 'editing-added');

    // Move: drag the handle; the write names the version, the tiles follow.
    const before = await (await page.request.get(`${appUrl}/api/layers/kindergartens/features/${id}`)).json();
    const handle = await page.locator('.edit-move-handle').boundingBox();
    const from = { x: handle!.x + handle!.width / 2, y: handle!.y + handle!.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step += 1) await page.mouse.move(from.x + step * 9, from.y + step * 4);
    await page.mouse.up();
    await expect.poll(() => page.locator('.edit-panel [role="status"]').innerText(), SLOW).toContain(`已移动“${NAME}”`);
    const moved = await (await page.request.get(`${appUrl}/api/layers/kindergartens/features/${id}`)).json();
    expect(moved.version).toBe(before.version + 1);
    expect(moved.geometry.coordinates[0]).toBeGreaterThan(before.geometry.coordinates[0]);
    expect(moved.geometry.coordinates[1]).toBeLessThan(before.geometry.coordinates[1]);
    await waitForIdleMap(page);
    const [lon, lat] = moved.geometry.coordinates as [number, number];
    const drawnAway = async () => {
      const [drawn] = await namedKindergartens(page);
      const [x, y] = (drawn?.geometry as unknown as { coordinates: [number, number] } | undefined)?.coordinates ?? [Infinity, Infinity];
      return Math.hypot(x - lon, y - lat);
    };
    await expect.poll(drawnAway, SLOW).toBeLessThan(1e-4);

    // Change a property in the popup.
    await editor.locator('button.edit-properties').click();
    await editor.locator('input[name="seats"]').fill('240');
    await editor.locator('button[type="submit"]').click();
    await expect.poll(() => popup(page).locator('.feature-popup-properties').innerText(), SLOW).toContain('240 学位');
    await waitForIdleMap(page);
    await expect.poll(async () => (await namedKindergartens(page))[0]?.properties.seats, SLOW).toBe(240);

    // Its history: who changed what, when, newest first.
    await popup(page).locator('.feature-history summary').click();
    const entries = popup(page).locator('.feature-history ol > li');
    await expect.poll(() => entries.count(), SLOW).toBe(3);
    expect(await entries.nth(0).getAttribute('data-action')).toBe('update');
    const latest = await entries.nth(0).innerText();
    expect(latest).toContain('demo-commission');
    expect(latest).toMatch(/学位：\s*180 学位\s*→\s*240 学位/);
    expect(await entries.nth(1).innerText()).toMatch(/位置：\s*移动约 \d+ 米/);
    expect(await entries.nth(2).getAttribute('data-action')).toBe('create');
    expect(await entries.nth(2).innerText()).toContain(NAME);
    await saveScreenshot(page, 'editing-history');

    // Delete, after a confirmation.
    await editor.locator('button.delete-feature').click();
    expect(await editor.locator('.confirm').innerText()).toContain(`确定删除“${NAME}”`);
    await editor.locator('button.danger').click();
    await expect.poll(() => popup(page).count(), SLOW).toBe(0);
    await expect.poll(() => page.locator('.edit-panel [role="status"]').innerText(), SLOW).toContain(`已删除“${NAME}”`);
    expect((await page.request.get(`${appUrl}/api/layers/kindergartens/features/${id}`)).status()).toBe(404);
    await waitForIdleMap(page);
    await expect.poll(async () => (await namedKindergartens(page)).length, SLOW).toBe(0);

    // The deck.gl overlay draws under the same policy.
    await page.getByRole('button', { name: '打开分析面板' }).click();
    expect(await page.locator('#edit-panel').count()).toBe(0);
    await page.waitForFunction(() => Boolean(window.__atlasAnalysis?.overlay), undefined, { timeout: 60_000 });
    await waitForIdleMap(page);
    expect(await violations()).toEqual([]);
    await page.close();
  }, 240_000);

  it('shows an inspector the history of a feature but no edit controls', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=13.00/29.53000/106.57000&layers=district,communities,kindergartens&lang=en`, DESKTOP);
    await waitForIdleMap(page);
    await signIn(page, 'demo-inspector');
    await expect.poll(() => page.locator('.account-role').count(), SLOW).toBe(1);
    expect(await page.locator('.account-role').innerText()).toBe('Inspector');
    expect(await page.locator('button.edit-toggle').count()).toBe(0);

    const [kindergarten] = await renderedFeatures(page, 'kindergartens');
    const coordinates = (kindergarten.geometry as unknown as { coordinates: [number, number] }).coordinates;
    await page.evaluate((lngLat) => window.__atlas!.map.jumpTo({ center: lngLat, zoom: 16 }), coordinates);
    await waitForIdleMap(page);
    const point = await pagePointOf(page, coordinates);
    await page.mouse.click(point.x, point.y);
    await popup(page).locator('.feature-history summary').click();
    await expect.poll(() => popup(page).locator('.feature-history').innerText(), SLOW).toMatch(/No changes recorded|created|changed/);
    expect(await popup(page).locator('.feature-editor').count()).toBe(0);
    expect(await page.locator('.edit-move-handle').count()).toBe(0);
    await saveScreenshot(page, 'editing-inspector');

    // Signing out takes the staff parts away again.
    await page.locator('.account-button').click();
    await page.locator('button.sign-out').click();
    await expect.poll(() => page.locator('button.sign-in').count(), SLOW).toBe(1);
    expect(await popup(page).locator('.feature-history').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('shows the public no edit controls and no history', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=13.00/29.53000/106.57000&layers=district,communities,kindergartens&lang=zh`, DESKTOP);
    await waitForIdleMap(page);
    await expect.poll(() => page.locator('button.sign-in').count(), SLOW).toBe(1);
    expect(await page.locator('button.edit-toggle').count()).toBe(0);
    const [kindergarten] = await renderedFeatures(page, 'kindergartens');
    const coordinates = (kindergarten.geometry as unknown as { coordinates: [number, number] }).coordinates;
    await page.evaluate((lngLat) => window.__atlas!.map.jumpTo({ center: lngLat, zoom: 16 }), coordinates);
    await waitForIdleMap(page);
    const point = await pagePointOf(page, coordinates);
    await page.mouse.click(point.x, point.y);
    await popup(page).locator('.feature-popup').waitFor();
    expect(await popup(page).locator('.feature-history, .feature-editor').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('fits the account, the edit toggle and the edit panel on a phone', async () => {
    const page = await openAtlas(browser(), `${appUrl}/#map=14.00/29.53000/106.57000&lang=zh`, PHONE);
    await waitForIdleMap(page);
    await signIn(page, 'demo-admin');
    await expect.poll(() => page.locator('.account-name').count(), SLOW).toBe(1);
    await page.locator('button.edit-toggle').click();
    await page.locator('.edit-panel select').waitFor();
    const topbar = await page.locator('.topbar').boundingBox();
    expect(topbar!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const sheet = await page.locator('#edit-panel').boundingBox();
    const canvas = await page.locator('.maplibregl-canvas').boundingBox();
    expect(sheet!.y).toBeGreaterThanOrEqual(canvas!.y + canvas!.height - 1);
    await saveScreenshot(page, 'editing-phone');
    await page.close();
  }, 120_000);
});
