import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../core/audit/audit-contract.ts';
import { formatEntityTag } from '../../core/editing/entity-tag.ts';
import { saveScreenshot, useBrowser, waitForIdleMap } from './browser.ts';
import { SLOW } from './demand-pages.ts';
import { openNewProjectAsCommission, readProject } from './project-pages.ts';

const { browser, appUrl } = useBrowser();
const LONG_TEST = 180_000;

describe('publishing a project from its panel', () => {
  it('lets the commission publish a project and list it for investors (If-Match, audited), refuses a stale switch, and the public map shows the project', async () => {
    const { page, project, detail, marker } = await openNewProjectAsCommission(browser(), appUrl, 2, (here, name) => ({
      name: `${name} 社区养老服务站`, optimization: 3, type: 'elderly_centre', geometry: { type: 'Point', coordinates: here }, sizeClass: 'small', responsibleUnit: '区民政局',
      funding: [{ source: 'state_owned', amount: 5_000_000 }], deliverables: [{ indicator: 'beds', amount: 40 }],
    }));
    expect(project.published).toBe(false);
    const publication = detail.locator('.project-publication');
    const published = publication.locator('input[name="published"]');
    const opportunity = publication.locator('input[name="opportunity"]');
    expect(await published.isChecked()).toBe(false);
    expect(await opportunity.isChecked()).toBe(false);

    // 公开公示, then 城市机会清单: each switch is one write on the version shown.
    await published.check();
    await expect.poll(async () => (await readProject(page.request, appUrl, project.id)).published, SLOW).toBe(true);
    await opportunity.check();
    await expect.poll(async () => (await readProject(page.request, appUrl, project.id)).opportunity, SLOW).toBe(true);
    await expect.poll(() => detail.locator('.facts').innerText(), SLOW).toContain('已公示 · 城市机会清单');
    await saveScreenshot(page, 'projects-publication-panel');
    const history = (await (await page.request.get(`${appUrl}/api/projects/${project.id}/history`)).json()) as AuditPage;
    const updates = history.items.filter((entry) => entry.action === 'update').map((entry) => entry.after as { published: boolean; opportunity: boolean });
    expect(updates.map((after) => [after.published, after.opportunity]).sort()).toEqual([[true, false], [true, true]]);

    // Someone else changes the project meanwhile: taking it off the list is refused, said, and the panel reloaded.
    const current = await readProject(page.request, appUrl, project.id);
    const other = await page.request.patch(`${appUrl}/api/projects/${project.id}`, { data: { responsibleUnit: '区民政局养老服务科' }, headers: { Origin: appUrl, 'If-Match': formatEntityTag(current.version) } });
    expect(other.status()).toBe(200);
    await opportunity.uncheck();
    await publication.locator('.failure[data-reload="true"]').waitFor(SLOW);
    await expect.poll(() => detail.locator('.facts').innerText(), SLOW).toContain('区民政局养老服务科');
    expect(await detail.locator('.project-publication input[name="opportunity"]').isChecked()).toBe(true);
    expect((await readProject(page.request, appUrl, project.id)).opportunity).toBe(true);

    // The public (signed out) find it on the public project map.
    await page.context().clearCookies();
    await page.goto(`${appUrl}/#/projects`);
    await page.reload();
    await page.locator('.public-projects .totals').filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
    await page.locator('input.project-search').fill(marker);
    await expect.poll(() => page.locator('.public-project').count(), SLOW).toBe(1);
    const card = page.locator(`.public-project[data-project="${project.id}"]`);
    expect(await card.innerText()).toContain('社区养老服务站');
    // On the map too: chosen, it is framed and drawn where it is.
    await card.locator('button.title').click();
    await waitForIdleMap(page);
    const drawn = () => page.evaluate((id) => window.__atlas!.map.queryRenderedFeatures({ layers: ['project-list-point'] }).some((feature) => feature.properties.id === id), project.id);
    await expect.poll(drawn, SLOW).toBe(true);
    await saveScreenshot(page, 'projects-publication-public');
    await page.close();
  }, LONG_TEST);
});
