/**
 * `npm test` runs this before Vitest: it makes sure the system tools the suite needs are there
 * (Chromium, GDAL, the CJK fonts; see scripts/test-requirements.ts). As root on Debian it installs
 * what is missing; otherwise it stops with one message naming the command to run.
 *
 * Why a separate step chained in package.json (`tsx scripts/test-preflight.ts && vitest run`)
 * rather than a Vitest globalSetup or a wrapper that spawns Vitest:
 * - npm appends `npm test -- <args>` to the end of the script, so the arguments still reach
 *   Vitest untouched (.ci/run passes its reporters that way), with no argument or signal plumbing;
 * - a globalSetup runs once per project, inside the runner's hook timeout, with apt-get's output
 *   mixed into the reporter's; this runs once, before anything, and its output stays readable;
 * - `npx vitest run <file>` stays a plain Vitest run for quick local iterations. A browser test
 *   run that way still fails with the same message when Chromium is missing (tests/e2e/chromium.ts).
 *
 * TEST_PREFLIGHT_SYSROOT (only for trying the preflight itself) is put in front of the absolute
 * paths it probes, so a missing Chromium or font can be rehearsed on a machine that has them;
 * ogrinfo and apt-get are looked up on the PATH, as the tests do.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { CHROMIUM_PATH, CJK_FONT_PATH, planPreflight, type TestToolId } from './test-requirements.ts';

const sysroot = process.env.TEST_PREFLIGHT_SYSROOT ?? '';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const onPath = (command: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, command)));

/** Runs what the tests run, so a broken GDAL install counts as missing too. */
const ogrinfoRuns = () => spawnSync('ogrinfo', ['--version'], { stdio: 'ignore' }).status === 0;

function findMissing(): TestToolId[] {
  const present: Record<TestToolId, boolean> = {
    chromium: isExecutable(sysroot + CHROMIUM_PATH),
    ogrinfo: ogrinfoRuns(),
    cjkFonts: existsSync(sysroot + CJK_FONT_PATH),
  };
  return (Object.keys(present) as TestToolId[]).filter((id) => !present[id]);
}

function aptGet(args: string[]): boolean {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return run.status === 0;
}

function stop(message: string): never {
  console.error(`test preflight: ${message}`);
  process.exit(1);
}

const facts = {
  root: process.getuid?.() === 0,
  aptGet: onPath('apt-get'),
  ci: process.env.CI === 'true',
};
let plan = planPreflight({ ...facts, missing: findMissing(), installed: false });
if (plan.action === 'install') {
  console.log(`test preflight: ${plan.message}`);
  if (!aptGet(['update', '-qq']) || !aptGet(['install', '-y', '-qq', '--no-install-recommends', ...plan.packages])) {
    stop(`apt-get could not install ${plan.packages.join(' ')} (its output is above).`);
  }
  plan = planPreflight({ ...facts, missing: findMissing(), installed: true });
}
if (plan.action !== 'ready') stop(plan.message);
