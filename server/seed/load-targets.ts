import type { Queryable } from '../db/client.ts';
import type { DemoSizeRatio, DemoTarget } from '../demo/targets.ts';
import type { DemoSurvey } from '../demo/surveys.ts';

/** A dataset's yearly targets and surveys, as the demo generator writes them (server/demo/targets.ts, surveys.ts). */
export interface DatasetTargets {
  targets: readonly DemoTarget[];
  sizeRatios: readonly DemoSizeRatio[];
}
export type DatasetSurvey = DemoSurvey;

/** Replace the targets with the dataset's, in the caller's transaction; `demo` marks them generated. */
export async function replaceTargets(tx: Queryable, dataset: DatasetTargets, options: { demo: boolean }): Promise<void> {
  await tx`TRUNCATE targets, target_size_ratios RESTART IDENTITY`;
  if (dataset.targets.length) {
    await tx`
      INSERT INTO targets (year, indicator, town_code, target, demo)
      SELECT r.year, r.indicator, r.town, r.target, ${options.demo}
      FROM json_to_recordset(${JSON.stringify(dataset.targets)}::text::json) AS r(year integer, indicator text, town text, target float8)`;
  }
  if (dataset.sizeRatios.length) {
    await tx`
      INSERT INTO target_size_ratios (year, large, medium, small, demo)
      SELECT r.year, r.large, r.medium, r.small, ${options.demo}
      FROM json_to_recordset(${JSON.stringify(dataset.sizeRatios)}::text::json) AS r(year integer, large float8, medium float8, small float8)`;
  }
}

/** Replace the surveys with the dataset's, in one statement per 5,000 rows. */
export async function replaceSurveys(tx: Queryable, surveys: readonly DatasetSurvey[], options: { demo: boolean }): Promise<void> {
  await tx`TRUNCATE surveys RESTART IDENTITY`;
  for (let start = 0; start < surveys.length; start += 5000) {
    const batch = surveys.slice(start, start + 5000);
    await tx`
      INSERT INTO surveys (community_code, town_code, quarter, respondents, overall, scores, demo)
      SELECT r.community, r.town, r.quarter, r.respondents, r.overall, r.scores, ${options.demo}
      FROM json_to_recordset(${JSON.stringify(batch)}::text::json)
        AS r(community text, town text, quarter text, respondents integer, overall float8, scores jsonb)`;
  }
}
