/**
 * The system tools the test suite needs beyond Node, and the rule deciding what the preflight
 * (`scripts/test-preflight.ts`) does when some are missing. The rule is a pure function of what
 * was found, so it is tested without touching the machine.
 */

export interface TestTool {
  /** What the tests use, as a person would name it. */
  name: string;
  /** The Debian package that provides it. */
  aptPackage: string;
  /** Which tests need it, for the message when it is missing. */
  neededBy: string;
}

/** Where the browser tests and the client benchmark find Debian's Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** A file of Debian's fonts-noto-cjk; without it the map draws Chinese labels as empty boxes. */
export const CJK_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

export const TEST_TOOLS = {
  chromium: { name: `Chromium (${CHROMIUM_PATH})`, aptPackage: 'chromium', neededBy: 'the browser tests (tests/e2e)' },
  ogrinfo: { name: 'GDAL (ogrinfo, ogr2ogr)', aptPackage: 'gdal-bin', neededBy: 'the OGC API client check (tests/api/ogc-gdal.test.ts)' },
  cjkFonts: { name: `Noto CJK fonts (${CJK_FONT_PATH})`, aptPackage: 'fonts-noto-cjk', neededBy: "the browser tests' Chinese labels" },
} as const satisfies Record<string, TestTool>;

export type TestToolId = keyof typeof TEST_TOOLS;

/** Always the whole set: apt-get leaves what is already installed alone, and one command is easier to remember. */
export const INSTALL_COMMAND = `sudo apt-get install -y ${Object.values(TEST_TOOLS).map((tool) => tool.aptPackage).join(' ')}`;

export interface PreflightFacts {
  missing: readonly TestToolId[];
  /** The process runs as root, so it may install system packages. */
  root: boolean;
  /** apt-get is on the PATH (a Debian or Ubuntu machine). */
  aptGet: boolean;
  /** CI=true. */
  ci: boolean;
  /** The preflight already ran apt-get for these tools in this run. */
  installed: boolean;
}

export type PreflightPlan =
  | { action: 'ready' }
  | { action: 'install'; packages: string[]; message: string }
  | { action: 'stop'; message: string };

function describeMissing(missing: readonly TestToolId[]): string {
  return missing.map((id) => `${TEST_TOOLS[id].name} for ${TEST_TOOLS[id].neededBy}`).join('; ');
}

/**
 * What to do about missing tools. Nothing is ever skipped: a tool is present, or it gets
 * installed (as root, with apt-get), or the run stops with one message naming the command.
 * CI is held to the same rule; its message says why a CI job cannot install them itself.
 */
export function planPreflight(facts: PreflightFacts): PreflightPlan {
  if (facts.missing.length === 0) return { action: 'ready' };
  const missing = describeMissing(facts.missing);
  if (facts.installed) {
    return { action: 'stop', message: `Still missing after apt-get install: ${missing}. Check the apt-get output above.` };
  }
  if (facts.root && facts.aptGet) {
    const packages = facts.missing.map((id) => TEST_TOOLS[id].aptPackage);
    return { action: 'install', packages, message: `Installing ${packages.join(', ')} with apt-get (missing: ${missing}).` };
  }
  const why = facts.aptGet ? 'This process is not root' : 'apt-get is not on the PATH (these are Debian package names)';
  const who = facts.ci ? 'CI must provide them (run the job as root, as .ci/run does, or put them in its image)' : 'install them';
  return { action: 'stop', message: `The tests need ${missing}. ${why}, so ${who}: ${INSTALL_COMMAND}` };
}
