import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.ts';

export const CLIENT_DIST = 'dist/client';
const CLIENT_SOURCES = ['client', 'core', 'vite.config.ts'];

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestModification(join(path, entry))), stats.mtimeMs);
}

/** True when there is no build, or a client or core source changed since it was made. */
export function isClientBuildStale(): boolean {
  const index = join(CLIENT_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const builtAt = statSync(index).mtimeMs;
  return CLIENT_SOURCES.some((source) => newestModification(source) > builtAt);
}

/** `npm start` right after `npm install` has no build yet: make one (Vite, in-process). */
export async function ensureClientBuilt(log: Logger): Promise<void> {
  if (!isClientBuildStale()) return;
  log.info('building the map client (first start or changed sources)…');
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  log.info(`client built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
