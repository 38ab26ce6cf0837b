/**
 * `npm test` runs the Vitest projects in four lanes at once, each lane a few `vitest run`s one
 * after another:
 *   lane 1: the embedded database tests;
 *   lane 2: the real-PostGIS tests (when TEST_DATABASE_URL is set), then unit;
 *   lane 3: a share of the browser tests, then the server-process tests (start-up, command-line
 *           tools);
 *   lane 4: the other share of the browser tests.
 *
 * Why: inside one Vitest process every file waits for the one before (`fileParallelism: false`,
 * since the embedded database is one PostgreSQL session), so a file waiting on PostgreSQL, on the
 * embedded database's own process or on Chromium leaves a core idle. Measured on a quiet 2-core
 * machine with three lanes (embedded | postgres + unit + server | browser): 819 s | 1,378 s |
 * 1,376 s with the cores 56 % busy; the browser tests were the longest chain (their files alone
 * 1,202 s, after their server's start), so they are now two shares, each with its own server and
 * Chromium. The lanes share nothing: the embedded project has its own in-memory PGlite, each
 * browser share its own server on a free port and a throw-away data directory, the postgres
 * project its own database. Each lane's time is printed at the end of each run.
 *
 * Arguments are forwarded to every run (`npm test -- --reporter=json --outputFile.json=F`): each
 * writes its own JSON report and they are merged into F. With `--project` or file filters the run
 * is a single plain `vitest run`, as before.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readTestDatabaseUrl } from '../server/config.ts';
import { createLogger } from '../server/log.ts';
import { ensureClientBuilt } from '../server/static/client-build.ts';

const args = process.argv.slice(2);
const vitest = 'node_modules/vitest/vitest.mjs';

/** A filtered run (one project, some files): the lanes would only get in the way. */
const isFiltered = args.some(
  (arg, index) => arg === '--project' || arg.startsWith('--project=') || (!arg.startsWith('-') && !isOptionValue(index)),
);

/** `--reporter default`: a bare word after an option without `=` is taken as that option's value. */
function isOptionValue(index: number): boolean {
  const previous = args[index - 1];
  return previous !== undefined && previous.startsWith('--') && !previous.includes('=');
}

/** One `vitest run`: its projects, and only some of their files when `files` is given. */
interface Step {
  projects: string[];
  files?: string[];
}

/** A lane: its steps, one after another. */
type Lane = Step[];

const BROWSER_TESTS = 'tests/e2e';
/**
 * What the server project's ~420 s weigh in bytes of browser test file (the browser files ran
 * about 6 ms per byte), so the half that runs it afterwards is given less.
 */
const SERVER_PROJECT_WEIGHT = 70_000;

/**
 * The browser test files in two shares of about equal work, the largest first to the lighter
 * share; the first share starts with the server project's weight. A file's size stands in for its
 * running time: the long ones (first use of siting and analysis, the dashboard) are also the
 * longest to read.
 */
function browserShares(): [string[], string[]] {
  const files = readdirSync(BROWSER_TESTS)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => ({ path: join(BROWSER_TESTS, name), size: statSync(join(BROWSER_TESTS, name)).size }))
    .sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
  const shares: [{ paths: string[]; size: number }, { paths: string[]; size: number }] = [
    { paths: [], size: SERVER_PROJECT_WEIGHT },
    { paths: [], size: 0 },
  ];
  for (const file of files) {
    const lighter = shares[0].size <= shares[1].size ? shares[0] : shares[1];
    lighter.paths.push(file.path);
    lighter.size += file.size;
  }
  return [shares[0].paths, shares[1].paths];
}

const [browserWithServer, browserAlone] = browserShares();
const lanes: Lane[] = [
  [{ projects: ['embedded'] }],
  [...(readTestDatabaseUrl() ? [{ projects: ['postgres'] }] : []), { projects: ['unit'] }],
  [{ projects: ['browser'], files: browserWithServer }, { projects: ['server'] }],
  [{ projects: ['browser'], files: browserAlone }],
];
/** Every step in order, numbered for its JSON report. */
const steps = lanes.flat();

const JSON_OUTPUT = /^--outputFile(?:\.json)?=(.+)$/;

function stepArgs(step: number): string[] {
  return args.map((arg) => {
    const match = JSON_OUTPUT.exec(arg);
    return match ? `--outputFile.json=${stepReportPath(match[1]!, step)}` : arg;
  });
}

const stepReportPath = (path: string, step: number) => path.replace(/(\.json)?$/, `.step${step}.json`);

/** A lane's steps one after another; a failed step does not stop the next (all failures are reported). */
async function runLane(lane: Lane): Promise<{ code: number; seconds: number }> {
  const started = Date.now();
  let code = 0;
  for (const step of lane) {
    if (step.projects.includes('browser')) await clientBuilt;
    code = Math.max(code, await runStep(step, steps.indexOf(step) + 1));
  }
  return { code, seconds: (Date.now() - started) / 1000 };
}

function runStep({ projects, files = [] }: Step, step: number): Promise<number> {
  const child = spawn(process.execPath, [vitest, 'run', ...projects.flatMap((name) => ['--project', name]), ...files, ...stepArgs(step)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Colours survive the pipe when the terminal would have shown them.
    env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
  });
  // Whole lines only, so the lanes' reporters interleave without tearing each other's lines.
  createInterface({ input: child.stdout }).on('line', (line) => process.stdout.write(`${line}\n`));
  createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(`${line}\n`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

const laneName = (lane: Lane) => lane.map(({ projects, files }) => projects.join(' + ') + (files ? ` (${files.length} files)` : '')).join(', then ');

type Report = Record<string, unknown>;

/** Jest-style reports add up: counts sum, `success` is all lanes', results concatenate. */
function mergeReports(reports: Report[]): Report {
  const merged: Report = {};
  for (const report of reports) {
    for (const [key, value] of Object.entries(report)) {
      const previous = merged[key];
      if (previous === undefined) merged[key] = value;
      else if (key === 'startTime') merged[key] = Math.min(previous as number, value as number);
      else if (typeof value === 'number') merged[key] = (previous as number) + value;
      else if (typeof value === 'boolean') merged[key] = (previous as boolean) && value;
      else if (Array.isArray(value)) merged[key] = [...(previous as unknown[]), ...value];
      else if (value && typeof value === 'object') merged[key] = mergeReports([previous as Report, value as Report]);
    }
  }
  return merged;
}

function mergeJsonOutput(): void {
  const match = args.map((arg) => JSON_OUTPUT.exec(arg)).find(Boolean);
  if (!match) return;
  const path = match[1]!;
  const parts = steps.map((_, step) => stepReportPath(path, step + 1)).filter((part) => existsSync(part));
  writeFileSync(path, JSON.stringify(mergeReports(parts.map((part) => JSON.parse(readFileSync(part, 'utf8')) as Report))));
  for (const part of parts) rmSync(part);
}

/**
 * The client is built once, beside the first lanes, before any browser step starts, so the two
 * browser servers do not both build it into the same folder. Only a full run builds here.
 */
const clientBuilt = isFiltered ? Promise.resolve() : ensureClientBuilt(createLogger('info'));

if (isFiltered) {
  const child = spawn(process.execPath, [vitest, 'run', ...args], { stdio: 'inherit' });
  child.on('close', (code) => process.exit(code ?? 1));
} else {
  const results = await Promise.all(lanes.map(runLane));
  mergeJsonOutput();
  results.forEach(({ code, seconds }, index) => console.log(`test lane ${index + 1} (${laneName(lanes[index]!)}): ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${seconds.toFixed(0)} s`));
  process.exit(results.every(({ code }) => code === 0) ? 0 : 1);
}
