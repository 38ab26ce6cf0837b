import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../core/targets/indicators.ts';
import { createRng } from '../../server/demo/random.ts';
import { buildDemoSurveys, DEMO_SURVEY_QUARTERS, everydayCoverage } from '../../server/demo/surveys.ts';
import { buildDemoTargets, DEMO_TARGET_YEAR } from '../../server/demo/targets.ts';
import { loadDemoModel } from './demo-fixture.ts';

const { frame, model } = loadDemoModel();
const { projects, layers } = model.dataset;
const communities = frame.communities.map((community) => ({ code: community.code, town: community.townCode }));
const towns = frame.towns.map((town) => town.code);
const coverage = everydayCoverage(model.placement.cells, layers, model.plane);

describe('the demo year\'s targets', () => {
  it('set a figure for every indicator of the list, and each town\'s for those the plan sets per town, the same for the same seed', () => {
    const { targets, sizeRatios } = buildDemoTargets(projects, towns, createRng(7).fork('targets'));
    expect(targets.filter((target) => target.town === null).map((target) => target.indicator)).toEqual(INDICATORS.map((definition) => definition.id));
    const byTown = INDICATORS.filter((definition) => definition.byTown);
    expect(targets.filter((target) => target.town !== null)).toHaveLength(byTown.length * towns.length);
    expect(targets.every((target) => target.year === DEMO_TARGET_YEAR && target.target > 0)).toBe(true);
    expect(sizeRatios).toEqual([{ year: DEMO_TARGET_YEAR, large: 1, medium: expect.any(Number), small: expect.any(Number) }]);
    expect(buildDemoTargets(projects, towns, createRng(7).fork('targets'))).toEqual({ targets, sizeRatios });
  });

  it('name only indicators of the list in the demo projects\' deliverables, and the large projects are demonstration points', () => {
    const listed = new Set(INDICATORS.map((definition) => definition.id as string));
    const unlisted = projects.flatMap((project) => project.deliverables.filter((deliverable) => !listed.has(deliverable.indicator)).map((deliverable) => deliverable.indicator));
    expect(unlisted).toEqual([]);
    for (const project of projects) {
      expect(project.deliverables.some((deliverable) => deliverable.indicator === 'demonstration_points')).toBe(project.sizeClass === 'large');
    }
  });
});

describe('the demo surveys', () => {
  const surveys = buildDemoSurveys(communities, coverage, projects, createRng(7).fork('surveys'));

  it('hold four quarters for every community, scores within 0 to 100, the same for the same seed', () => {
    expect(surveys).toHaveLength(communities.length * DEMO_SURVEY_QUARTERS.length);
    for (const survey of surveys) {
      expect(survey.overall).toBeGreaterThanOrEqual(0);
      expect(survey.overall).toBeLessThanOrEqual(100);
      expect(Object.keys(survey.scores)).toHaveLength(7);
      expect(survey.respondents).toBeGreaterThan(0);
    }
    expect(buildDemoSurveys(communities, coverage, projects, createRng(7).fork('surveys'))).toEqual(surveys);
  });

  it('follow coverage: the better-covered half of the communities is more satisfied', () => {
    const latest = surveys.filter((survey) => survey.quarter === '2026Q3').sort((a, b) => (coverage.get(a.community) ?? 0) - (coverage.get(b.community) ?? 0));
    const half = Math.floor(latest.length / 2);
    const mean = (items: typeof latest) => items.reduce((sum, item) => sum + item.overall, 0) / items.length;
    expect(mean(latest.slice(half))).toBeGreaterThan(mean(latest.slice(0, half)) + 3);
  });

  it('rise where projects were completed during the year', () => {
    const completedIn = (community: string) => projects.filter((project) => project.phase === 'completed' && project.communityCode === community && project.phaseSince > '2025-12-31' && project.phaseSince <= '2026-09-30').length;
    const lifted = communities.filter((community) => completedIn(community.code) > 0 && projects.filter((project) => project.phase === 'completed' && project.communityCode === community.code && project.phaseSince <= '2025-12-31').length < 4);
    expect(lifted.length).toBeGreaterThan(0);
    const change = (community: string) => {
      const at = (quarter: string) => surveys.find((survey) => survey.community === community && survey.quarter === quarter)!.overall;
      return at('2026Q3') - at('2025Q4');
    };
    const others = communities.filter((community) => !lifted.includes(community));
    const mean = (items: typeof communities) => items.reduce((sum, item) => sum + change(item.code), 0) / items.length;
    expect(mean(lifted)).toBeGreaterThan(mean(others));
  });
});
