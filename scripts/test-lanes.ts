/**
 * `npm test` runs the Vitest projects in three lanes at once, each its own `vitest run`:
 *   lane 1: the embedded database tests, then `npm start`'s own tests (startup), then unit;
 *   lane 2: the real-PostGIS tests (when TEST_DATABASE_URL is set), then the other server-process
 *           tests (command-line tools, configuration, body limits);
 *   lane 3: the browser tests.
 *
 * Why: inside one Vitest process every file waits for the one before (`fileParallelism: false`,
 * since the embedded database is one PostgreSQL session), so three processes keep two cores busy
 * where one would leave them waiting on PostgreSQL, the embedded database's own process or
 * Chromium. The lanes share nothing: the embedded project has its own in-memory PGlite, the
 * browser project its own server on a free port and a throw-away data directory, the postgres
 * project its own database. Measured with CI=true on a 2-core machine with the lanes embedded +
 * server | postgres + unit | browser: 1,607 s | 1,409 s | 1,478 s, of which startup 263 s, the
 * other server files 187 s and unit 105 s; they are placed to even the lanes out (about 1,520 s |
 * 1,490 s | 1,480 s expected). A fourth lane (the browser tests in two shares) was tried and made
 * every lane slower: the suite is bound by the two cores, not by waiting. Each lane's time is
 * printed at the end of each run.
 *
 * Arguments are forwarded to every lane (`npm test -- --reporter=json --outputFile.json=F`): each
 * lane writes its own JSON report and they are merged into F. With `--project` or file filters
 * the run is a single plain `vitest run`, as before.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readTestDatabaseUrl } from '../server/config.ts';

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

const lanes: string[][] = [['embedded', 'startup', 'unit'], [...(readTestDatabaseUrl() ? ['postgres'] : []), 'server'], ['browser']];

const JSON_OUTPUT = /^--outputFile(?:\.json)?=(.+)$/;

function laneArgs(lane: number): string[] {
  return args.map((arg) => {
    const match = JSON_OUTPUT.exec(arg);
    return match ? `--outputFile.json=${laneReportPath(match[1]!, lane)}` : arg;
  });
}

const laneReportPath = (path: string, lane: number) => path.replace(/(\.json)?$/, `.lane${lane}.json`);

function runLane(projects: string[], lane: number): Promise<{ code: number; seconds: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [vitest, 'run', ...projects.flatMap((name) => ['--project', name]), ...laneArgs(lane)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Colours survive the pipe when the terminal would have shown them.
    env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
  });
  // Whole lines only, so the lanes' reporters interleave without tearing each other's lines.
  createInterface({ input: child.stdout }).on('line', (line) => process.stdout.write(`${line}\n`));
  createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(`${line}\n`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, seconds: (Date.now() - started) / 1000 })));
}

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
  const parts = lanes.map((_, lane) => laneReportPath(path, lane + 1)).filter((part) => existsSync(part));
  writeFileSync(path, JSON.stringify(mergeReports(parts.map((part) => JSON.parse(readFileSync(part, 'utf8')) as Report))));
  for (const part of parts) rmSync(part);
}

if (isFiltered) {
  const child = spawn(process.execPath, [vitest, 'run', ...args], { stdio: 'inherit' });
  child.on('close', (code) => process.exit(code ?? 1));
} else {
  const results = await Promise.all(lanes.map((projects, index) => runLane(projects, index + 1)));
  mergeJsonOutput();
  results.forEach(({ code, seconds }, index) => console.log(`test lane ${index + 1} (${lanes[index]!.join(' + ')}): ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${seconds.toFixed(0)} s`));
  process.exit(results.every(({ code }) => code === 0) ? 0 : 1);
}
