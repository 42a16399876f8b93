// Takes the README's screenshots from the real app: builds, starts the browser host on a fresh
// data directory opened as the demo clinic, and drives Chromium (Playwright) by keyboard.
// Usage: node scripts/screenshots.mjs   (writes docs/screenshots/*.png)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });

const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const dataDir = mkdtempSync(join(tmpdir(), 'portal-screenshots-'));
const host = spawn(process.execPath, [join(root, 'dist/host/cli.mjs'), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let text = '';
  host.stdout.on('data', (c) => {
    text += c;
    const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(text);
    if (m) resolve(m[1]);
  });
  host.on('exit', (code) => reject(new Error(`host exited ${code}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  await page.goto(url);
  // first run: open the demo clinic (the button has the focus)
  await page.getByRole('button', { name: 'Open the demo clinic' }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Sign in to Portal Desk' }).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(out, 'sign-in.png') });

  await page.keyboard.type('frontdesk');
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo-frontdesk-portal');
  await page.keyboard.press('Enter');
  const search = page.getByRole('searchbox', { name: 'Find a patient' });
  await search.waitFor();
  await search.press('End'); // waits for the search box, which has the focus after sign-in
  await page.keyboard.type('han');
  await page.getByRole('grid', { name: 'Patients found' }).getByRole('row').nth(2).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Patient header' }).waitFor();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, 'patient.png') });

  await page.keyboard.press('Control+K');
  await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
  await page.keyboard.type('go to');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, 'palette.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  host.kill('SIGTERM');
  await new Promise((r) => host.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
