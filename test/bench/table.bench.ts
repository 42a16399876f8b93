import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { benchDir } from './dataset';
import { jsonOut, ms, print, summarize, table, type Summary } from './stats';

/**
 * Chromium over the real DataTable with 100k rows and the real palette: key press → the new
 * active row painted, and Ctrl+K → the palette painted, measured inside the page (probe.ts).
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const ROWS = Number(process.env.PORTAL_BENCH_ROWS ?? 100_000);
const step = (what: string) => process.stderr.write(`table bench: ${what}\n`);
const out = join(benchDir(), 'table-page');

await build({
  configFile: false,
  root: join(HERE, 'table'),
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  build: { outDir: out, emptyOutDir: true, target: 'chrome130' },
});

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = normalize(join(out, new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/$/, '/index.html')));
  if (!path.startsWith(out)) return void res.writeHead(404).end();
  readFile(path).then(
    (body) => res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
    () => res.writeHead(404).end(),
  );
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html?rows=${ROWS}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const browserVersion = browser.version();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const loadStart = performance.now();
step(`loading ${url}`);
await page.goto(url);
await page.getByRole('grid', { name: 'Patients' }).getByRole('row', { name: /P1000000/ }).waitFor();
const loadMs = performance.now() - loadStart;

async function sample(page: Page, key: string, what: 'activeRow' | 'palette' | 'filtered', arg?: number) {
  await page.evaluate(([w, a]) => window.probe.arm(w as 'activeRow', a as number | undefined), [what, arg] as const);
  await page.keyboard.press(key);
  try {
    return await page.evaluate(() => window.probe.measure());
  } catch (err) {
    const state = await page.evaluate(() => ({ active: window.probe.activeIndex(), focus: document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName }));
    throw new Error(`${key} (${what} ${arg ?? ''}): ${String(err)}; page state ${JSON.stringify(state)}`);
  }
}

/** Animation frames from the key to the one that showed its effect: 1 is "the next frame". */
const frames: number[] = [];
const paletteFrames: number[] = [];

async function moves(key: string, step: number, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = await page.evaluate(() => window.probe.activeIndex());
    const r = await sample(page, key, 'activeRow', Math.min(ROWS - 1, Math.max(0, from + step)));
    times.push(r.ms);
    frames.push(r.frames);
  }
  return times;
}

step('measuring');
const frameIntervals = await page.evaluate(() => window.probe.frameIntervals(120));
await moves('ArrowDown', 1, 30); // warm-up: JIT and the first scrolls
const down = await moves('ArrowDown', 1, 300);
const jk = [...(await moves('j', 1, 100)), ...(await moves('k', -1, 100))];
const pageDown = await moves('PageDown', (await page.evaluate(() => {
  const grid = document.querySelector('[role=grid]') as HTMLElement;
  return Math.max(1, Math.floor(grid.clientHeight / 32) - 1);
})), 100);

step('palette');
const palette: number[] = [];
for (let i = 0; i < 60; i++) {
  const r = await sample(page, 'Control+k', 'palette');
  if (i >= 10) {
    palette.push(r.ms);
    paletteFrames.push(r.frames);
  }
  await page.evaluate(() => window.probe.arm('paletteClosed'));
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.probe.measure());
}

// informational: the first letter of type-to-filter folds every row's text; the next reuses it
step('filter');
await page.keyboard.press('/');
const firstLetter = (await sample(page, 'h', 'filtered', ROWS)).ms;
const filteredCount = await page.locator('.datatable-filter-count').textContent();
const secondLetter = (await sample(page, 'a', 'filtered', Number(filteredCount?.split('/')[0]?.trim()))).ms;

await browser.close();
server.close();

const moveAll = summarize([...down, ...jk, ...pageDown]);
const nextFrame = (xs: number[]) => xs.filter((f) => f === 1).length / xs.length;
const rows: Array<[string, Summary]> = [
  ['↓ (300)', summarize(down)],
  ['j / k (200)', summarize(jk)],
  ['PageDown (100)', summarize(pageDown)],
  ['all moves', moveAll],
  ['Ctrl+K → palette painted (50)', summarize(palette)],
];
const frame = summarize(frameIntervals);
print(`\nChromium ${browserVersion} (headless, --disable-gpu), DataTable with ${ROWS} rows`);
print(table([['key press → painted', 'n', 'p50', 'p95', 'max'], ...rows.map(([k, s]) => [k, String(s.n), ms(s.p50, 1), ms(s.p95, 1), ms(s.max, 1)])]));
print(`painted in the first frame after the key: moves ${(nextFrame(frames.slice(30)) * 100).toFixed(0)}%, palette ${(nextFrame(paletteFrames) * 100).toFixed(0)}%`);
print(`frame interval p50 ${ms(frame.p50, 1)}; page load with ${ROWS} rows ${ms(loadMs, 0)}`);
print(`type-to-filter over ${ROWS} rows, key → filtered rows painted: first letter ${ms(firstLetter, 0)}, second letter ${ms(secondLetter, 0)}`);
jsonOut({ rows: ROWS, moves: moveAll, movesNextFrame: nextFrame(frames.slice(30)), paletteNextFrame: nextFrame(paletteFrames), down: summarize(down), jk: summarize(jk), pageDown: summarize(pageDown), palette: summarize(palette), frameInterval: frame, loadMs, firstLetter, secondLetter });
