/**
 * Cold `npm start` (empty data directory) to the first successful API response, a warm start on
 * the same directory, and the peak memory of the server and its embedded database process.
 * Baseline, measured in the same run in its own process: PGlite + PostGIS alone (create + CREATE
 * EXTENSION), the irreducible time and memory of the embedded database.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMs, heading, report } from './measure.ts';

function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Start the server like `npm start`, wait for /api/health 200, return time and peak RSS, stop it. */
async function startOnce(dataDir: string, port: number) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  let readyMs = NaN;
  let peakMb = 0;
  const peaks = new Map<number, number>();
  const sample = () => {
    for (const pid of [child.pid!, ...childPids(child.pid!)]) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, peakRssMb(pid)));
    peakMb = Math.max(peakMb, [...peaks.values()].reduce((sum, value) => sum + value, 0));
  };
  const deadline = started + 180_000;
  while (performance.now() < deadline) {
    sample();
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // A few requests so the peak includes serving, not only loading.
  for (const path of ['/tiles/basemap/12/3261/1718.mvt', '/tiles/population/13/6522/3436.mvt']) await fetch(`http://127.0.0.1:${port}${path}`).catch(() => {});
  sample();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  return { readyMs, peakMb, perProcessMb: [...peaks.values()] };
}

export async function benchStartup(): Promise<void> {
  heading('start-up (embedded database)');
  const baseline = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/pglite-baseline.ts'], { encoding: 'utf8' })) as { ms: number; peakMb: number };
  report('baseline: PGlite + CREATE EXTENSION postgis, time', formatMs(baseline.ms));
  report('baseline: PGlite + PostGIS alone, peak RSS', `${baseline.peakMb.toFixed(0)} MB`);

  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-start-'));
  const port = 18_000 + Math.floor(performance.now() % 1000);
  try {
    const cold = await startOnce(dataDir, port);
    report('cold start (empty data dir) → first API answer', formatMs(cold.readyMs), cold.readyMs / baseline.ms, '≤ 60 s');
    const warm = await startOnce(dataDir, port);
    report('warm start → first API answer', formatMs(warm.readyMs), warm.readyMs / baseline.ms, '≤ 15 s');
    const peakMb = Math.max(cold.peakMb, warm.peakMb);
    report('peak RSS, server + embedded database', `${peakMb.toFixed(0)} MB`, peakMb / baseline.peakMb, '≤ 1024 MB');
    report('  of which, per process (cold start)', cold.perProcessMb.map((mb) => `${mb.toFixed(0)} MB`).join(' + '));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
