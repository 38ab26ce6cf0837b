import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH, INSTALL_COMMAND } from '../../scripts/test-requirements.ts';

/**
 * Chromium as installed by apt, rendering WebGL in software (SwiftShader): no GPU, no sandbox.
 * Shared by the browser tests and the client benchmark.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  // `npm test` checks this first; a direct `npx vitest run` gets the same advice.
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is not at ${CHROMIUM_PATH}: ${INSTALL_COMMAND}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
