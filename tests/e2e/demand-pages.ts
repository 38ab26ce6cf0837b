import type { APIRequestContext, Page } from 'playwright-core';
import type { SessionUser } from '../../core/accounts/roles.ts';
import type { DivisionsResponse } from '../../core/api/responses.ts';
import type { DemandList, DemandReceipt, NewDemandRequest, PublicDemand, StaffDemand } from '../../core/demands/demand-contract.ts';

/** What the demand browser tests share: signing in, places in a town, demands made through the API. */

/** The demo accounts' password on a server started without DEMO_PASSWORD (the browser tests' server). */
export const DEMO_PASSWORD = 'atlas-demo';
export const SLOW = { timeout: 30_000 };

/** Sign the page's browser context in through the API (the session cookie is the context's). */
export async function signInByApi(page: Page, appUrl: string, username: string): Promise<SessionUser> {
  const response = await page.request.post(`${appUrl}/api/session`, { data: { username, password: DEMO_PASSWORD }, headers: { Origin: appUrl } });
  if (response.status() !== 200) throw new Error(`sign-in as ${username} answered ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { user: SessionUser }).user;
}

/** Sign in as a person does: the top bar's button, a demo account from the list, the password. */
export async function signInByDialog(page: Page, username: string): Promise<void> {
  await page.locator('button.sign-in').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator(`button.demo-account[data-username="${username}"]`).click();
  await dialog.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await dialog.locator('button[type="submit"]').click();
  await page.locator('.account-name').waitFor(SLOW);
}

/** Label points of a town's communities: places inside it, in its grid. */
export async function placesInTown(request: APIRequestContext, appUrl: string, town: string): Promise<[number, number][]> {
  const divisions = (await (await request.get(`${appUrl}/api/divisions`)).json()) as DivisionsResponse;
  return divisions.communities.filter((community) => community.town_code === town).map((community) => community.label);
}

/** A demand made through the API with the context's cookies (staff record one within their area). */
export async function createDemand(request: APIRequestContext, appUrl: string, body: NewDemandRequest): Promise<DemandReceipt> {
  const response = await request.post(`${appUrl}/api/demands`, { data: body, headers: { Origin: appUrl } });
  if (response.status() !== 201) throw new Error(`POST /api/demands answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as DemandReceipt;
}

export async function readDemand(request: APIRequestContext, appUrl: string, id: number): Promise<StaffDemand> {
  return (await (await request.get(`${appUrl}/api/demands/${id}`)).json()) as StaffDemand;
}

/** Published demands as the public read them (no cookies: a plain fetch). */
export async function publicDemands(appUrl: string, query: string): Promise<DemandList<PublicDemand>> {
  return (await (await fetch(`${appUrl}/api/demands?${query}`)).json()) as DemandList<PublicDemand>;
}

/** The open demand list has drawn its first answer (rows, and its points on the map). */
export async function waitForDemandList(page: Page): Promise<void> {
  await page.locator('.demand-panel .total').filter({ hasText: /\d/ }).waitFor(SLOW);
  await page.waitForFunction(() => Boolean(window.__atlas?.map.getSource('demand-list-points')), undefined, SLOW);
}

/** Watches for script that should never run: a flag any injected handler would set, and dialogs. */
export async function watchForScript(page: Page): Promise<() => Promise<{ flag: unknown; dialogs: string[] }>> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return async () => ({ flag: await page.evaluate(() => (window as unknown as { __injected?: unknown }).__injected), dialogs });
}

/** Text a resident might type that would run as script if it were ever treated as markup. */
export const HOSTILE_TITLE = '<img src=x onerror="window.__injected=1;alert(1)">路灯坏了';
export const HOSTILE_TEXT = '小区门口<script>window.__injected=2;alert(2)</script>的路灯坏了 <b>三个月</b> <svg onload="window.__injected=3">';
export const HOSTILE_REPLY = '已派人维修<img src=x onerror="window.__injected=4;alert(4)">';
