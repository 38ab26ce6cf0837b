import { configDefaults, defineConfig } from 'vitest/config';
import { readTestDatabaseUrl } from './server/config.ts';

/**
 * Database tests run once per database: always on the embedded PGlite + PostGIS, and also on a
 * real PostGIS when TEST_DATABASE_URL (or DATABASE_URL) is set. Each database project has a global
 * setup that migrates from empty and loads the demo dataset once for all its files.
 */
const realDatabaseUrl = readTestDatabaseUrl();
const databaseTests = ['tests/db/**/*.test.ts', 'tests/api/**/*.test.ts'];
/**
 * Several processes on one database (servers, or a command beside the tests): only a real
 * PostGIS takes them, since the embedded one belongs to one process.
 */
const startupTests = 'tests/server/startup.test.ts';
const realDatabaseOnlyTests = ['tests/server/two-processes.test.ts', 'tests/server/user-add-postgres.test.ts'];
/**
 * Database test files share one module graph (no fresh import of the server per file): each file
 * builds its own app and connection from the database its project prepared, so nothing leaks
 * between files that a fresh import would reset, and re-importing the whole server for each of
 * ~65 files was about a fifth of the database lane.
 */
const sharedModules = { isolate: false } as const;

// CI runs every database test on both databases: without a real PostGIS it stops here rather than leave tests out.
if (process.env.CI === 'true' && !realDatabaseUrl) {
  throw new Error('CI=true but no TEST_DATABASE_URL: CI runs the database tests on a real PostGIS too (see .ci/run)');
}

export default defineConfig({
  test: {
    // The embedded database is one PostgreSQL session: files that share it take turns.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/core/**/*.test.ts', 'tests/demo/**/*.test.ts', 'tests/scripts/**/*.test.ts'] },
      },
      // The server as a process: configuration, the command-line tools, body limits.
      {
        extends: true,
        test: { name: 'server', include: ['tests/server/**/*.test.ts'], exclude: [...configDefaults.exclude, ...realDatabaseOnlyTests, startupTests] },
      },
      // `npm start` itself: cold and warm starts that build the demo dataset (the longest server file,
      // a project of its own so the test lanes can place it apart from the other server files).
      { extends: true, test: { name: 'startup', include: [startupTests] } },
      {
        extends: true,
        test: {
          name: 'embedded',
          include: databaseTests,
          ...sharedModules,
          globalSetup: ['tests/setup/embedded-database.ts'],
        },
      },
      // A real Chromium against the real server (embedded database, built client).
      // Its time limit is a safety net for a hung page, not a speed check: the other test lane
      // (scripts/test-lanes.ts) shares the cores, and a page's first load builds the map.
      // In CI a failed browser test runs once more: Chromium, the server and the other lane share
      // two cores there, and a page that misses a moment under that load is not a fault of the
      // product; a real fault fails both times. The report names every test that needed it.
      { extends: true, test: { name: 'browser', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/setup/browser-server.ts'], testTimeout: 180_000, retry: process.env.CI === 'true' ? 1 : 0 } },
      ...(realDatabaseUrl
        ? [{ extends: true as const, test: { name: 'postgres', include: [...databaseTests, ...realDatabaseOnlyTests], ...sharedModules, globalSetup: ['tests/setup/postgres-database.ts'], env: { TEST_DATABASE_URL: realDatabaseUrl } } }]
        : []),
    ],
  },
});
