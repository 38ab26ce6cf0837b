import { chromium, type Browser } from 'playwright-core';

/**
 * Chromium as installed by apt, rendering WebGL in software (SwiftShader): no GPU, no sandbox.
 * Shared by the browser tests and the client benchmark.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
