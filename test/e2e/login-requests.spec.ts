import type { Locator, Page } from '@playwright/test';
import type { Email } from 'postal-mime';
import { LoopbackSmtp } from '../hub/mailServers';
import { expect, signIn, test as base } from './fixtures';
import type { HostProcess } from './host';
import { readDb } from './inspect';
import { openScreen, retype, tabTo } from './keys';

/**
 * Issue 7 end to end: a patient registers on the hub's page, the request reaches the workstation
 * by sync, front-desk staff handle it with the keyboard only, and the patient gets the outcome by
 * email from a real SMTP server on loopback (the host's embedded hub reads PORTAL_HUB_SMTP_URL).
 */
const test = base.extend<{ smtp: LoopbackSmtp }>({
  // eslint-disable-next-line no-empty-pattern
  smtp: async ({}, use) => {
    const smtp = new LoopbackSmtp();
    await smtp.start();
    await use(smtp);
    await smtp.stop();
  },
  hostEnv: async ({ smtp }, use) => use({ PORTAL_HUB_SMTP_URL: smtp.url }),
});
test.use({ hostArgs: ['--demo-eid'] });
test.setTimeout(180_000);

const PASSWORD = 'lilac harbour telescope';

interface Chart {
  id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postal_code: string;
  email: string;
}

/** A demo patient with email and postal code, no portal account, and nobody else sharing the name, birth date or email. */
function loneChart(host: HostProcess): Chart {
  const p = readDb(host, (db) => db.prepare(`SELECT id, mrn, given_name, family_name, date_of_birth, postal_code, email FROM patient p
    WHERE email IS NOT NULL AND postal_code IS NOT NULL AND deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM portal_account a WHERE a.patient_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM patient q WHERE q.id <> p.id AND (lower(q.email) = lower(p.email) OR (q.family_name = p.family_name AND q.date_of_birth = p.date_of_birth)))
    ORDER BY mrn LIMIT 1`).get()) as Chart | undefined;
  if (!p) throw new Error('the demo has no such patient');
  return p;
}

/** The first mail to `to` whose subject matches, once the hub has sent it. */
async function mailTo(smtp: LoopbackSmtp, to: string, subject: RegExp): Promise<Email> {
  let found: Email | undefined;
  await expect
    .poll(async () => {
      found = (await smtp.messages()).find((m) => m.to?.some((a) => a.address === to) && subject.test(m.subject ?? ''));
      return !!found;
    }, { timeout: 30_000 })
    .toBe(true);
  return found as Email;
}
const linkIn = (mail: Email) => /https?:\/\/\S+token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0] ?? '';
const codeIn = (mail: Email) => /\b(\d{6})\b/.exec(mail.text ?? '')?.[1] ?? '';

interface Registration {
  email: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postalCode: string;
  language: 'en' | 'da';
  /** Rights left ticked (the form starts with every offered right ticked). */
  untick: string[];
  eid: boolean;
}

/** The patient's side: the hub's registration page, then the DEMO eID step or the emailed confirmation link. */
async function register(patient: Page, hubUrl: string, smtp: LoopbackSmtp, r: Registration): Promise<void> {
  await expect(async () => {
    await patient.goto(hubUrl);
    await expect(patient.getByRole('link', { name: 'Demo Clinic patient portal' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await patient.getByRole('link', { name: 'Demo Clinic patient portal' }).click();
  await patient.getByRole('link', { name: 'Not registered yet? Register' }).click();
  await expect(patient.getByRole('heading', { name: 'Register' })).toBeVisible();
  await patient.getByLabel('Email address').fill(r.email);
  await patient.getByLabel('First name').fill(r.givenName);
  await patient.getByLabel('Last name').fill(r.familyName);
  await patient.getByLabel('Date of birth').fill(r.dateOfBirth);
  await patient.getByLabel('Postal code').fill(r.postalCode);
  await patient.getByLabel('Language for messages from us').selectOption(r.language);
  for (const right of r.untick) await patient.getByLabel(right).uncheck();
  if (r.eid) {
    await patient.getByLabel('MitID — DEMO: simulated, there is no real MitID here').check();
    await patient.getByRole('button', { name: 'Continue' }).click();
    await patient.getByRole('button', { name: 'Simulate a successful MitID sign-in' }).click();
  } else {
    await patient.getByLabel(/^Email only/).check();
    await patient.getByRole('button', { name: 'Continue' }).click();
    await expect(patient.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    const confirm = await mailTo(smtp, r.email, r.language === 'da' ? /Bekræft din e-mailadresse/ : /Confirm your email address/);
    await patient.goto(linkIn(confirm));
    // a button behind the link, so that mail scanners opening links send nothing
    await patient.getByRole('button', { name: 'Confirm and send' }).click();
  }
  await expect(patient.getByRole('heading', { name: /^(Thank you|Tak)$/ })).toBeVisible();
}

/** The workstation: Login requests by the palette, the filter (focused on arrival), ↓ to the list, Enter. */
async function openRequest(page: Page, filter: string): Promise<Locator> {
  await openScreen(page, 'Login requests', 'loginRequests');
  return pickRequest(page, filter);
}

/** From the focused filter: type, ↓ to the one request left, Enter. */
async function pickRequest(page: Page, filter: string): Promise<Locator> {
  await expect(page.getByLabel('Filter')).toBeFocused();
  await page.keyboard.type(filter);
  const grid = page.getByRole('grid', { name: 'Login requests' });
  await expect(grid.getByRole('row')).toHaveCount(2); // the header and the one request
  await page.keyboard.press('ArrowDown');
  await expect(grid).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /^Login request: / });
  await expect(dialog).toBeVisible();
  return dialog;
}

const navItem = (page: Page) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /^Login requests/ });

test('approve: the request arrives with match evidence, one right is unticked, and the patient activates and signs in with exactly the rest', async ({ page, host, smtp, browser }) => {
  const chart = loneChart(host);
  // staff look at the empty screen while the patient registers
  await signIn(page, host, 'frontdesk');
  await openScreen(page, 'Login requests', 'loginRequests');
  await expect(page.getByText('No login requests.')).toBeVisible();

  const hub = await host.embeddedHubUrl();
  const patientContext = await browser.newContext();
  const patient = await patientContext.newPage();
  // the patient types their last name in upper case: a match all the same, shown as such
  await register(patient, hub, smtp, {
    email: chart.email, givenName: chart.given_name, familyName: chart.family_name.toUpperCase(), dateOfBirth: chart.date_of_birth,
    postalCode: chart.postal_code, language: 'en', untick: ['E-prescription renewal'], eid: true,
  });

  // sync brings the request to the open screen and to the navigation's count, nothing reloaded by hand
  const grid = page.getByRole('grid', { name: 'Login requests' });
  await expect(grid.getByRole('row').nth(1)).toContainText(chart.family_name.toUpperCase(), { timeout: 30_000 });
  await expect(navItem(page)).toContainText('1 new login request');
  await expect(grid.getByRole('row').nth(1)).toContainText('New');

  await page.keyboard.press('Alt+F');
  const dialog = await pickRequest(page, chart.family_name);
  await expect(dialog).toContainText('Strong eID (MitID)');
  await expect(dialog).toContainText('E-consultation, E-booking');
  // the one patient on file is picked, every required field marked as matching in a word, not a colour
  const candidate = dialog.getByRole('radio', { name: new RegExp(`MRN ${chart.mrn}`) });
  await expect(candidate).toBeChecked();
  await expect(candidate).toBeFocused();
  const evidence = dialog.getByRole('table');
  for (const field of ['Email', 'Last name', 'Date of birth', 'Postal code']) {
    await expect(evidence.getByRole('row', { name: new RegExp(`^${field}`) }).getByRole('cell').nth(1)).toContainText('Matches:');
  }
  await expect(evidence.getByRole('row', { name: /^Last name/ })).toContainText('same apart from case');

  // rights come ticked as asked; E-booking is unticked by keyboard
  const ebooking = dialog.getByRole('checkbox', { name: 'E-booking' });
  await expect(dialog.getByRole('checkbox', { name: 'E-consultation' })).toBeChecked();
  await expect(ebooking).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /E-prescription renewal/ })).toBeDisabled();
  await tabTo(page, ebooking);
  await page.keyboard.press('Space');
  await expect(ebooking).not.toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Approve' })).toHaveAttribute('aria-keyshortcuts', 'Alt+O');
  await page.keyboard.press('Alt+O');

  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Approved: ${chart.given_name} ${chart.family_name.toUpperCase()}.`)).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Login requests' })).toBeFocused();
  await expect(page.getByRole('grid', { name: 'Login requests' }).getByRole('row').nth(1)).toContainText('Approved');
  await expect(navItem(page)).not.toContainText('new login request');

  // the patient: the activation email, a password, and then a sign-in of their own with a one-time code
  const activation = await mailTo(smtp, chart.email, /^Activate your/);
  await patient.goto(linkIn(activation));
  await patient.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await patient.getByLabel('Repeat the new password').fill(PASSWORD);
  await patient.getByRole('button', { name: 'Activate account' }).click();
  await patient.getByRole('button', { name: 'Sign out' }).click();
  await patient.getByLabel('Username or email address').fill(chart.email);
  await patient.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await patient.getByRole('button', { name: 'Sign in' }).click();
  const code = await mailTo(smtp, chart.email, /sign-in code$/);
  await patient.getByLabel('One-time code').fill(codeIn(code));
  await patient.getByRole('button', { name: 'Continue' }).click();
  await patient.getByRole('link', { name: 'My details' }).first().click();
  const rights = patient.getByRole('definition').filter({ has: patient.getByRole('listitem') });
  await expect(rights.getByRole('listitem')).toHaveText(['E-consultation: write to the clinic']);
  await patientContext.close();
});

test('reject: an email-only request from someone not on file is rejected with a reason, which the patient reads in their language', async ({ page, host, smtp, browser }) => {
  const hub = await host.embeddedHubUrl();
  const patientContext = await browser.newContext();
  const patient = await patientContext.newPage();
  const email = 'ukendt.person@example.dk';
  await register(patient, hub, smtp, {
    email, givenName: 'Ukendt', familyName: 'Fremmedsen', dateOfBirth: '1961-02-03', postalCode: '9990', language: 'da', untick: [], eid: false,
  });

  await signIn(page, host, 'frontdesk');
  await expect(navItem(page)).toContainText('1 new login request', { timeout: 30_000 });
  const dialog = await openRequest(page, 'Fremmedsen');
  await expect(dialog).toContainText('Email only');
  await expect(dialog).toContainText('No patient in the records comes close');
  await expect(dialog.getByRole('radio', { name: /Create a new patient/ })).toBeChecked();

  await page.keyboard.press('Alt+R');
  const reject = page.getByRole('dialog', { name: 'Reject the login request of Ukendt Fremmedsen' });
  const first = reject.getByRole('radio', { name: /^Identity not confirmed/ });
  await expect(first).toBeFocused();
  // nothing chosen yet: said at the field, nothing sent
  await page.keyboard.press('Alt+J');
  await expect(reject.getByText('Choose a reason.')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  const notAPatient = reject.getByRole('radio', { name: /^Not a patient of this clinic/ });
  await expect(notAPatient).toBeChecked();
  await expect(reject).toContainText('The patient reads: “Vi kunne ikke finde dig blandt vores patienter.”');
  await page.keyboard.press('Alt+J');

  await expect(reject).toBeHidden();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Rejected: Ukendt Fremmedsen.')).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Login requests' }).getByRole('row').nth(1)).toContainText('Rejected');

  // the filter narrows as it is typed
  await page.keyboard.press('Alt+F');
  await expect(page.getByLabel('Filter')).toBeFocused();
  await retype(page, 'Nobody by that name');
  await expect(page.getByText('No login request matches the filter.')).toBeVisible();
  await retype(page, 'fremmed');
  await expect(page.getByRole('grid', { name: 'Login requests' }).getByRole('row')).toHaveCount(2);

  const rejected = await mailTo(smtp, email, /^Din registrering blev ikke godkendt$/);
  expect(rejected.text).toContain('Vi kunne ikke finde dig blandt vores patienter.');
  await patientContext.close();
});

test('two staff approve the same request: the second is told who handled it and when, and the patient has one account', async ({ page, host, smtp, browser }) => {
  const chart = loneChart(host);
  const patientContext = await browser.newContext();
  await register(await patientContext.newPage(), await host.embeddedHubUrl(), smtp, {
    email: chart.email, givenName: chart.given_name, familyName: chart.family_name, dateOfBirth: chart.date_of_birth,
    postalCode: chart.postal_code, language: 'en', untick: [], eid: true,
  });
  await patientContext.close();

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(page, host, 'frontdesk');
  await signIn(other, host, 'admin');
  await expect(navItem(page)).toContainText('1 new login request', { timeout: 30_000 });
  const mine = await openRequest(page, chart.family_name);
  const theirs = await openRequest(other, chart.family_name);

  await other.keyboard.press('Alt+O');
  await expect(theirs).toBeHidden();
  await page.keyboard.press('Alt+O');
  await expect(mine.getByText(/^⚠ This request was handled by Ada Admin, Demo Clinic at .+, before your decision\. Nothing was changed\.$/)).toBeVisible();
  await expect(mine).toContainText('Approved — Approved by Ada Admin, Demo Clinic at');
  await expect(mine.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  expect(readDb(host, (db) => db.prepare('SELECT count(*) AS n FROM portal_account WHERE patient_id = ? AND deleted_at IS NULL').get(chart.id))).toEqual({ n: 1 });

  await page.keyboard.press('Escape');
  await expect(mine).toBeHidden();
  await expect(navItem(page)).not.toContainText('new login request');
  await otherContext.close();
});
