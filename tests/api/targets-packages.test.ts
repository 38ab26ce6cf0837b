import { describe, expect, it } from 'vitest';
import type { TargetsResponse } from '../../core/targets/target-contract.ts';
import type { TownComparison } from '../../core/towns/town-comparison.ts';
import { districtToday } from '../../core/projects/project-schedule.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { useDemands } from '../support/demands.ts';
import { kindergartenAt, useProjects } from '../support/projects.ts';
import { sessionHeaders } from '../support/session.ts';
import { independentTargetSums } from '../support/targets.ts';

/**
 * Packages (a project with sub-projects): ACHIEVED counts the leaves of the library only, so a
 * package and its parts that both declare the same school count it once, through the parts.
 */
const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);
const { cookies, places } = useDemands(app, sql);
const { create, moveThrough } = useProjects(app, sql);

const THIS_YEAR = Number(districtToday(new Date()).slice(0, 4));

async function readJson<T>(path: string): Promise<T> {
  const response = await app.request(path, { headers: sessionHeaders(cookies.commission) });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as T;
}

const seatsOf = (report: TargetsResponse) => report.indicators.find((line) => line.indicator === 'seats')!;

describe('targets count the leaves of a package', () => {
  it('counts the parts\' seats and not the package\'s, equal to an SQL sum over completed leaves, in the targets and the towns reached', async () => {
    const home = places().home;
    const year = `/api/targets?year=${THIS_YEAR}`;
    const before = seatsOf(await readJson<TargetsResponse>(year));

    // The package declares the whole (270 seats); its two parts declare their shares.
    const whole = { deliverables: [{ indicator: 'seats', amount: 270 }], facility: undefined };
    const pack = await create(kindergartenAt(home, { ...whole, name: '幼儿园建设打捆项目' }), cookies.commission);
    const first = await create(kindergartenAt(home, { name: '幼儿园一期', parentId: pack.id, deliverables: [{ indicator: 'seats', amount: 180 }], facility: undefined }), cookies.commission);
    const second = await create(kindergartenAt(home, { name: '幼儿园二期', parentId: pack.id, deliverables: [{ indicator: 'seats', amount: 90 }], facility: undefined }), cookies.commission);
    const spare = await create(kindergartenAt(home, { name: '幼儿园三期（取消）', parentId: pack.id, deliverables: [{ indicator: 'seats', amount: 45 }], facility: undefined }), cookies.commission);
    await moveThrough(spare.id, cookies.commission, 'cancelled');

    for (const project of [pack, first]) await moveThrough(project.id, cookies.commission, 'approved', 'construction');
    const building = seatsOf(await readJson<TargetsResponse>(year));
    expect(building.underConstruction).toBeCloseTo(before.underConstruction + 180, 6);

    for (const project of [pack, first]) await moveThrough(project.id, cookies.commission, 'completed');
    await moveThrough(second.id, cookies.commission, 'approved', 'construction', 'completed');
    const after = await readJson<TargetsResponse>(year);
    expect(seatsOf(after).achieved).toBeCloseTo(before.achieved + 270, 6);
    expect(seatsOf(after).underConstruction).toBeCloseTo(before.underConstruction, 6);

    // The API and an independent sum over completed leaves agree, for the district and the town.
    const district = await independentTargetSums(sql, THIS_YEAR, null);
    for (const line of after.indicators) {
      expect(line.achieved, line.indicator).toBeCloseTo(district.get(line.indicator)?.achieved ?? 0, 6);
      expect(line.underConstruction, line.indicator).toBeCloseTo(district.get(line.indicator)?.building ?? 0, 6);
    }
    const town = await independentTargetSums(sql, THIS_YEAR, home.town);
    const townReport = await readJson<TargetsResponse>(`${year}&town=${home.town}`);
    for (const line of townReport.indicators) expect(line.achieved, line.indicator).toBeCloseTo(town.get(line.indicator)?.achieved ?? 0, 6);

    // The towns' comparison reads the same sums: with a town seats target one above what the
    // leaves gave (reached only if the package were counted too), its share of targets reached
    // is what the leaves' sums reach.
    const seatsTarget = (town.get('seats')?.achieved ?? 0) + 1;
    const [kept] = await sql<{ id: number; target: number }[]>`SELECT id, target FROM targets WHERE year = ${THIS_YEAR} AND indicator = 'seats' AND town_code = ${home.town}`;
    if (kept) await sql`UPDATE targets SET target = ${seatsTarget} WHERE id = ${kept.id}`;
    else await sql`INSERT INTO targets (year, indicator, town_code, target) VALUES (${THIS_YEAR}, 'seats', ${home.town}, ${seatsTarget})`;
    try {
      const comparison = await readJson<TownComparison>(`/api/towns/comparison?period=${THIS_YEAR}`);
      const row = comparison.towns.find((line) => line.town === home.town)!;
      const targets = await sql<{ indicator: string; target: number }[]>`SELECT indicator, target FROM targets WHERE year = ${THIS_YEAR} AND town_code = ${home.town}`;
      const reached = targets.filter((target) => (town.get(target.indicator)?.achieved ?? 0) + 1e-9 >= target.target).length;
      expect(row.targets).toBe(targets.length);
      expect(row.targetsReachedShare).toBeCloseTo(reached / targets.length, 4);
      expect(targets.find((target) => target.indicator === 'seats')!.target).toBeGreaterThan(town.get('seats')!.achieved);
    } finally {
      if (kept) await sql`UPDATE targets SET target = ${kept.target} WHERE id = ${kept.id}`;
      else await sql`DELETE FROM targets WHERE year = ${THIS_YEAR} AND indicator = 'seats' AND town_code = ${home.town}`;
    }

    // Every part cancelled: the completed package is a leaf again and its own figure counts.
    await moveThrough(first.id, cookies.commission, 'construction', 'cancelled');
    await moveThrough(second.id, cookies.commission, 'construction', 'cancelled');
    const alone = seatsOf(await readJson<TargetsResponse>(year));
    expect(alone.achieved).toBeCloseTo(before.achieved + 270, 6);
    expect(alone.underConstruction).toBeCloseTo(before.underConstruction, 6);
  });
});
