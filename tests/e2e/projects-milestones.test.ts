import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../core/audit/audit-contract.ts';
import { districtToday } from '../../core/projects/project-schedule.ts';
import { saveScreenshot, useBrowser } from './browser.ts';
import { SLOW } from './demand-pages.ts';
import { openNewProjectAsCommission, readProject } from './project-pages.ts';

const { browser, appUrl } = useBrowser();
const LONG_TEST = 180_000;

describe('milestones in the project panel', () => {
  it('adds, edits and marks done milestones with planned and actual dates, the late ones marked', async () => {
    const { page, project, detail } = await openNewProjectAsCommission(browser(), appUrl, 3, (here, marker) => ({
      name: `${marker} 港湾式停靠站`, optimization: 1, type: 'bus_bay_stop', geometry: { type: 'Point', coordinates: here }, sizeClass: 'small', responsibleUnit: '区交通局',
      funding: [{ source: 'fiscal', amount: 900_000 }], deliverables: [{ indicator: 'bay_stops', amount: 1 }],
      milestones: [{ name: '方案批复', planned: '2020-03-01' }],
    }));
    const milestones = detail.locator('.project-milestones');
    const row = (name: string) => milestones.locator(`li.milestone[data-milestone="${name}"]`);

    // Planned in 2020 and not done: late, by the days since.
    expect(await row('方案批复').getAttribute('class')).toContain('late');
    expect(await row('方案批复').locator('.late-badge').innerText()).toMatch(/^逾期 \d+ 天$/);
    expect(await detail.locator('header .late-badge').count()).toBe(1);

    // Marked done today: no longer late, and neither is the project.
    await row('方案批复').locator('button.mark-done').click();
    await expect.poll(() => row('方案批复').getAttribute('class'), SLOW).not.toContain('late');
    const today = districtToday(new Date());
    expect(await row('方案批复').innerText()).toContain(`实际 ${today}`);
    expect(await detail.locator('header .late-badge').count()).toBe(0);

    // A new one, planned ahead: on time.
    await milestones.locator('button.add-milestone').click();
    await milestones.locator('input[name="milestone-name"]').fill('主体完工');
    await milestones.locator('input[name="milestone-planned"]').fill('2031-06-30');
    await milestones.locator('button.save-milestone').click();
    await row('主体完工').locator('.what').waitFor(SLOW);
    expect(await row('主体完工').getAttribute('class')).not.toContain('late');

    // Its plan moved into the past: late again, the project too.
    await row('主体完工').locator('button.edit-milestone').click();
    await milestones.locator('input[name="milestone-planned"]').fill('2021-06-30');
    await milestones.locator('button.save-milestone').click();
    await expect.poll(() => row('主体完工').getAttribute('class'), SLOW).toContain('late');
    expect(await detail.locator('header .late-badge').count()).toBe(1);
    await saveScreenshot(page, 'projects-milestones-panel');

    const saved = await readProject(page.request, appUrl, project.id);
    expect(saved.milestones.map(({ name, planned, actual }) => ({ name, planned, actual }))).toEqual([
      { name: '方案批复', planned: '2020-03-01', actual: today },
      { name: '主体完工', planned: '2021-06-30', actual: null },
    ]);
    expect(saved.late).toMatchObject({ isLate: true, what: { kind: 'milestone', name: '主体完工' } });
    const history = (await (await page.request.get(`${appUrl}/api/projects/${project.id}/history`)).json()) as AuditPage;
    expect(history.items.filter((entry) => entry.action === 'milestones')).toHaveLength(3);
    await page.close();
  }, LONG_TEST);
});
