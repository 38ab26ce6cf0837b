/**
 * The map client: how much JavaScript a first visit downloads (gzip, initial vs lazy; the map's
 * and the public portal's), how long
 * until the first idle map in headless Chromium, how smoothly it pans with every layer on, and
 * how long one what-if step takes in the page (moving a proposed facility).
 * Baselines from the same run: a tiny page from the same server (the browser's own overhead),
 * the same app drawing an empty map (MapLibre with no layers and no data), and the what-if
 * computed from scratch in the same page.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { LAYERS } from '../../core/layers/registry.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { CLIENT_DIST } from '../../server/static/client-build.ts';
import { startServer } from '../../server/start-server.ts';
import { launchChromium } from '../../tests/e2e/chromium.ts';
import { formatMs, heading, median, report } from './measure.ts';

const RUNS = 5;
const PAN_MS = 2000;
const TARGET_INITIAL_KB = 600;
const TARGET_IDLE_MS = 2500;
const VIEW = '#map=13.00/29.53000/106.57000';
const WHAT_IF_STEPS = 20;
const TARGET_WHAT_IF_MS = 50;
const WHAT_IF_VIEW = '#map=15.00/29.53000/106.57000&layers=district,communities,kindergartens&analysis=kindergartens/300/euclidean&lang=en';

const gzipKb = (file: string) => gzipSync(readFileSync(file)).byteLength / 1024;

/** Chunks a module pulls in before it runs: `import … from "./x.js"` (not `import("./x.js")`). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found = [...source.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g)].map((match) => match[1]);
  return found.map((relative) => join(file, '..', relative));
}

/** The entry script of index.html and everything it imports statically, vs the rest. */
export function measureBundle(dist = CLIENT_DIST) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((match) => join(dist, match[1]));
  const closure = (starts: string[], into = new Set<string>()) => {
    const visit = (file: string) => {
      if (into.has(file)) return;
      into.add(file);
      staticImports(file).forEach(visit);
    };
    starts.forEach(visit);
    return into;
  };
  const initial = closure(entries);
  const assets = readdirSync(join(dist, 'assets')).map((name) => join(dist, 'assets', name));
  // The public portal (#/tell): the entry, then its own chunk and what that imports statically.
  const portal = closure(assets.filter((file) => /\/portal-app-[^/]+\.js$/.test(file)), new Set(initial));
  const sum = (files: string[]) => files.reduce((total, file) => total + gzipKb(file), 0);
  const lazy = assets.filter((file) => file.endsWith('.js') && !initial.has(file));
  const worker = assets.filter((file) => file.endsWith('.mjs'));
  const css = assets.filter((file) => file.endsWith('.css'));
  // deck.gl and its renderer luma.gl name themselves in their code; neither may load up front.
  const hasDeck = (file: string) => /deck\.gl|luma\.gl/.test(readFileSync(file, 'utf8'));
  const deckInInitial = [...initial].some(hasDeck);
  const deckKb = sum(lazy.filter(hasDeck));
  const portalCss = css.filter((file) => /\/(index|portal-app)-[^/]+\.css$/.test(file));
  return {
    initialKb: sum([...initial]), initialFiles: initial.size, lazyKb: sum(lazy), lazyFiles: lazy.length, workerKb: sum(worker), cssKb: sum(css), deckInInitial, deckKb,
    portalKb: sum([...portal]), portalFiles: portal.size, portalCssKb: sum(portalCss), deckInPortal: [...portal].some(hasDeck),
  };
}

/** Record the first `idle` of the map the moment the app exposes it, before any event can fire. */
const RECORD_FIRST_IDLE = () => {
  // tsx compiles this file keeping function names through a `__name` helper the page lacks.
  (globalThis as unknown as { __name: <T>(target: T) => T }).__name ??= (target) => target;
  let atlas: { map: { once(event: string, listener: () => void): void } } | undefined;
  Object.defineProperty(window, '__atlas', {
    configurable: true,
    get: () => atlas,
    set(value) {
      atlas = value;
      value.map.once('idle', () => ((window as unknown as { __firstIdleMs: number }).__firstIdleMs = performance.now()));
    },
  });
};

/** An empty registry and no places: the same app and MapLibre, drawing only the background. */
async function emptyCatalogue(page: Page) {
  await page.route('**/api/layers', (route) => route.fulfill({ json: { optimizations: [], layers: [] } }));
  await page.route('**/api/divisions', (route) => route.fulfill({ json: { towns: [], communities: [] } }));
}

async function timeToFirstIdle(browser: Browser, url: string, empty = false): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (empty) await emptyCatalogue(page);
  await page.addInitScript(RECORD_FIRST_IDLE);
  await page.goto(url);
  const handle = await page.waitForFunction(() => (window as unknown as { __firstIdleMs?: number }).__firstIdleMs, undefined, { timeout: 60_000 });
  const ms = Number(await handle.jsonValue());
  await context.close();
  return ms;
}

async function timeToLoad(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const ms = await page.evaluate(() => performance.getEntriesByType('navigation')[0].duration);
  await context.close();
  return ms;
}

/** Frames drawn during a scripted, linear 2 s pan once the map is idle. */
async function framesWhilePanning(browser: Browser, url: string, empty = false): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (empty) await emptyCatalogue(page);
  await page.addInitScript(RECORD_FIRST_IDLE);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __firstIdleMs?: number }).__firstIdleMs, undefined, { timeout: 60_000 });
  const frames = await page.evaluate((duration) => new Promise<number>((resolve) => {
    const map = (window as unknown as { __atlas: { map: { panBy(offset: [number, number], options: object): void } } }).__atlas.map;
    let count = 0;
    const started = performance.now();
    const tick = () => {
      count += 1;
      if (performance.now() - started < duration) requestAnimationFrame(tick);
      else resolve(count);
    };
    map.panBy([900, 300], { duration, easing: (t: number) => t });
    requestAnimationFrame(tick);
  }), PAN_MS);
  await context.close();
  return frames;
}

/**
 * The what-if in the page: propose a kindergarten, then drag it in 20 steps; each step's core
 * update is timed in the page (performance.now around it, see what-if-session.ts). Baseline: the
 * same coverage recomputed from scratch in the same page, 20 times. Both must agree.
 */
async function measureWhatIf(browser: Browser, url: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(url);
    await page.locator('.coverage-sentence').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Propose a facility' }).click();
    await page.getByRole('button', { name: 'Place at the map centre' }).click({ timeout: 60_000 });
    const marker = page.locator('.analysis-proposal').first();
    const box = (await marker.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const stepsSoFar = () => page.evaluate(() => window.__atlasWhatIf!.stepTimes.length);
    const placed = await stepsSoFar();
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let step = 1; step <= WHAT_IF_STEPS; step += 1) {
      const before = await stepsSoFar();
      await page.mouse.move(x + step * 9, y + step * 4);
      await page.waitForFunction((count) => window.__atlasWhatIf!.stepTimes.length > count, before);
    }
    await page.mouse.up();
    return await page.evaluate(({ from, runs }) => {
      const whatIf = window.__atlasWhatIf!;
      const scratch: number[] = [];
      let recomputed = 0;
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        recomputed = whatIf.recomputeFromScratch();
        scratch.push(performance.now() - started);
      }
      return { steps: whatIf.stepTimes.slice(from), scratch, agrees: recomputed === whatIf.coveredPopulation };
    }, { from: placed, runs: WHAT_IF_STEPS });
  } finally {
    await page.close();
  }
}

async function repeat(times: number, task: () => Promise<number>): Promise<number[]> {
  const values: number[] = [];
  for (let run = 0; run < times; run += 1) values.push(await task());
  return values;
}

/** On the embedded database by default, as `npm start` runs; `databaseUrl` measures a real PostGIS. */
export async function benchClient(options: { databaseUrl?: string } = {}): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-client-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: options.databaseUrl });
  const server = await startServer(config, createLogger('silent'));
  let browser: Browser | undefined;
  try {
    await server.ready;
    heading('client: JavaScript a first visit downloads (gzip)');
    const bundle = measureBundle();
    report(`initial JS (entry + static imports, ${bundle.initialFiles} files)`, `${bundle.initialKb.toFixed(1)} KB`, undefined, `≤ ${TARGET_INITIAL_KB} KB ${bundle.initialKb <= TARGET_INITIAL_KB ? 'met' : 'MISSED'}`);
    report(`lazy JS chunks (${bundle.lazyFiles} files, loaded on demand)`, `${bundle.lazyKb.toFixed(1)} KB`);
    report('MapLibre worker (.mjs, fetched when the map starts)', `${bundle.workerKb.toFixed(1)} KB`);
    report('CSS', `${bundle.cssKb.toFixed(1)} KB`);
    report('deck.gl in the initial bundle', bundle.deckInInitial ? 'YES' : 'no');
    report('deck.gl chunks (loaded when the analysis panel opens)', `${bundle.deckKb.toFixed(1)} KB`);
    report(`public portal #/tell first load (initial + its chunk, ${bundle.portalFiles} files)`, `${bundle.portalKb.toFixed(1)} KB`, undefined, `+ ${(bundle.portalKb - bundle.initialKb).toFixed(1)} KB over the map's`);
    report('public portal CSS (the page\'s and the portal\'s)', `${bundle.portalCssKb.toFixed(1)} KB`);
    report('deck.gl in the public portal\'s first load', bundle.deckInPortal ? 'YES' : 'no');

    browser = await launchChromium();
    const all = LAYERS.map((layer) => layer.id).join(',');
    heading(`client: navigation → first idle map, headless Chromium (SwiftShader), median of ${RUNS}`);
    const blank = median(await repeat(RUNS, () => timeToLoad(browser!, `${server.url}/api/client-config`)));
    const empty = median(await repeat(RUNS, () => timeToFirstIdle(browser!, `${server.url}/${VIEW}`, true)));
    const defaults = median(await repeat(RUNS, () => timeToFirstIdle(browser!, `${server.url}/`)));
    const everything = median(await repeat(RUNS, () => timeToFirstIdle(browser!, `${server.url}/${VIEW}&layers=${all}`)));
    report('baseline: a tiny page from the same server (load)', formatMs(blank));
    report('baseline: the app with an empty map (no layers, no data)', formatMs(empty));
    report('first visit, default layers, whole district', formatMs(defaults), defaults / empty, `≤ ${TARGET_IDLE_MS / 1000} s ${defaults <= TARGET_IDLE_MS ? 'met' : 'MISSED'}`);
    report(`every layer on (${LAYERS.length}), zoom 13`, formatMs(everything), everything / empty);

    heading(`client: frames during a scripted ${PAN_MS / 1000} s pan (requestAnimationFrame count)`);
    const emptyFrames = median(await repeat(3, () => framesWhilePanning(browser!, `${server.url}/${VIEW}`, true)));
    const allFrames = median(await repeat(3, () => framesWhilePanning(browser!, `${server.url}/${VIEW}&layers=${all}`)));
    report('baseline: empty map', `${emptyFrames} frames`);
    report('every layer on', `${allFrames} frames`, allFrames / emptyFrames);
    report('every layer on, frames per second', `${(allFrames / (PAN_MS / 1000)).toFixed(1)} fps`);

    heading(`client: what-if step in the page (kindergartens, 300 m), median of ${WHAT_IF_STEPS} drag steps`);
    const whatIf = await measureWhatIf(browser, `${server.url}/${WHAT_IF_VIEW}`);
    const scratch = median(whatIf.scratch);
    const step = median(whatIf.steps);
    report('baseline: coverage recomputed from scratch in the page', formatMs(scratch));
    report('incremental what-if step (core update)', formatMs(step), step / scratch, `≤ ${TARGET_WHAT_IF_MS} ms ${step <= TARGET_WHAT_IF_MS ? 'met' : 'MISSED'}`);
    report('slowest incremental step', formatMs(Math.max(...whatIf.steps)));
    report('incremental total equals the recomputation', whatIf.agrees ? 'yes' : 'NO');
  } finally {
    await browser?.close();
    await server.stop();
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchClient({ databaseUrl: process.argv[2] });
