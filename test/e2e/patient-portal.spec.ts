import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test.use({ hostArgs: ['--demo-eid'] });

/** What the workstation's own database holds: the proof that the request arrived by sync. */
function loginRequests(dataDir: string) {
  const db = new Database(join(dataDir, 'portal-desk.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT email, given_name, family_name, date_of_birth, postal_code, verification, status, right_econsultation, right_ebooking FROM login_request').all();
  } finally {
    db.close();
  }
}

test('a patient self-registers on the hub page with the DEMO eID, and the request reaches the workstation by sync', async ({ page, host }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  const hub = await host.embeddedHubUrl();

  // the demo workstation brings its clinic to its hub at first sync
  await expect(async () => {
    await page.goto(hub);
    await expect(page.getByRole('link', { name: 'Demo Clinic patient portal' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Demo Clinic patient portal' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('link', { name: 'Not registered yet? Register' }).click();

  await expect(page.getByRole('heading', { name: 'Register' })).toBeVisible();
  await page.getByLabel('Email address').fill('karen.selv@example.dk');
  await page.getByLabel('First name').fill('Karen');
  await page.getByLabel('Last name').fill('Selvbetjent');
  await page.getByLabel('Date of birth').fill('1975-06-15');
  await page.getByLabel('Postal code').fill('2100');
  await page.getByLabel('E-booking: ask for an appointment').uncheck();
  await page.getByLabel('MitID — DEMO: simulated, there is no real MitID here').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'DEMO electronic ID' })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('There is no real MitID here');
  await expect(page.getByText('You will be confirmed as Karen Selvbetjent, born 15 June 1975.')).toBeVisible();
  await page.getByRole('button', { name: 'Simulate a successful MitID sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your registration has been sent to the clinic.');

  await expect.poll(() => loginRequests(host.dataDir), { timeout: 30_000 }).toEqual([{
    email: 'karen.selv@example.dk', given_name: 'Karen', family_name: 'Selvbetjent', date_of_birth: '1975-06-15', postal_code: '2100',
    verification: 'strong', status: 'new', right_econsultation: 1, right_ebooking: 0,
  }]);

  // the same pages in Danish, from the language switch
  await page.getByRole('link', { name: 'Dansk' }).click();
  await expect(page.getByRole('heading', { name: 'Tak' })).toBeVisible();
  // nothing the pages asked for was refused, and no inline script or style broke the strict CSP
  expect(problems).toEqual([]);
});
