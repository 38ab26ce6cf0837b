import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../server/db/client.ts';
import { startEmbeddedDatabase } from '../../server/db/embedded.ts';
import { ensureDemoDataset } from '../../server/seed/ensure-dataset.ts';

/**
 * `npm run district:init` on the embedded database of a throw-away data directory: the small
 * made-up district's communities as points (the grid drawn around them), their totals spread
 * over the grid and its streets as the walking network; then a start that keeps the district rather than generating the demo over it.
 * Each run opens the database afresh, which is slow: refusals are tested through the API
 * (tests/api/district-init.test.ts), which runs the same code.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-district-init-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/small-district/${name}`, import.meta.url));

function districtInit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/district-init.ts', ...args], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function readDatabase<T>(read: (sql: ReturnType<typeof createDatabase>) => Promise<T>): Promise<T> {
  const embedded = await startEmbeddedDatabase(join(dataDir, 'pglite'));
  const sql = createDatabase({ url: embedded.url, embedded: true });
  try {
    return await read(sql);
  } finally {
    await sql.end();
    await embedded.stop();
  }
}

describe('npm run district:init', { timeout: 400_000 }, () => {
  it('refuses without its files, with the usage, before opening a database', async () => {
    const run = await districtInit(['--boundary', fixture('boundary.geojson')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('district:init: --boundary and --divisions are required');
    expect(run.stderr).toContain('usage: npm run district:init -- --boundary FILE --divisions FILE');
  });

  it('loads communities given as points with their totals and the roads, and a start keeps the district', async () => {
    const run = await districtInit(['--boundary', fixture('boundary.geojson'), '--divisions', fixture('divisions-points.geojson'), '--population', fixture('population-totals.geojson'), '--roads', fixture('roads.geojson')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^now serving 试验区 \(510999\): 3\.83 km²/);
    expect(run.stdout).toContain('6 communities (points), population 14,700');
    expect(run.stdout).toContain('walking network: 32 edges, 21 nodes');

    const messages: string[] = [];
    const held = await readDatabase(async (sql) => {
      await ensureDemoDataset(sql, 20211223, { info: (message) => messages.push(message), debug: () => {}, error: () => {} });
      const [row] = await sql<{ name: string; communities: number; roads: number; population: number; approximate: boolean; audit: string[] }[]>`
        SELECT (SELECT name FROM dataset) AS name, (SELECT count(*)::int FROM communities) AS communities, (SELECT count(*)::int FROM roads WHERE NOT demo) AS roads,
               (SELECT sum(population)::int FROM population) AS population, (SELECT bool_and(approximate) FROM communities) AS approximate,
               (SELECT array_agg(actor || ' ' || action ORDER BY id) FROM audit_log WHERE entity = 'district') AS audit`;
      return row;
    });
    expect(held).toEqual({ name: 'district:510999', communities: 6, roads: 32, population: 14_700, approximate: true, audit: ['cli replace'] });
    expect(messages).toEqual(['dataset present: district:510999']);
  });
});
