import type { Locator, Page } from '@playwright/test';
import { LoopbackSmtp } from '../hub/mailServers';
import { expect, test as base } from './fixtures';
import type { HostProcess } from './host';
import { readDb } from './inspect';

/**
 * The portal from both sides: the staff's page (keyboard), a patient's page in a browser
 * context of its own (the hub's pages), and a real SMTP server on loopback that the host's
 * embedded hub sends through (PORTAL_HUB_SMTP_URL, inherited from the host's environment).
 */
export const test = base.extend<{ smtp: LoopbackSmtp; patientPage: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  smtp: async ({}, use) => {
    const smtp = new LoopbackSmtp();
    await smtp.start();
    await use(smtp);
    await smtp.stop();
  },
  hostEnv: async ({ smtp }, use) => {
    await use({ PORTAL_HUB_SMTP_URL: smtp.url });
  },
  patientPage: async ({ browser }, use) => {
    const context = await browser.newContext();
    await use(await context.newPage());
    await context.close();
  },
});

export { expect };

/** The workstation's database, read while the app runs (WAL lets a reader in). */
export function query<T>(host: HostProcess, sql: string, ...params: unknown[]): T[] {
  return readDb(host, (db) => db.prepare(sql).all(...params) as T[]);
}

export interface DemoPatient {
  id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  postal_code: string;
  email: string | null;
}

/**
 * A demo patient with a postal code and no portal account, with or without an email. Without: one
 * without a mobile too when the demo has one (the demo clinic sends sign-in codes by email only anyway).
 */
export function patientWithout(host: HostProcess, o: { email: boolean }): DemoPatient {
  const [p] = query<DemoPatient>(host, `SELECT id, mrn, given_name, family_name, date_of_birth, postal_code, email FROM patient p
    WHERE postal_code IS NOT NULL AND email IS ${o.email ? 'NOT ' : ''}NULL
    AND NOT EXISTS (SELECT 1 FROM portal_account a WHERE a.patient_id = p.id) ORDER BY mobile IS NOT NULL, mrn LIMIT 1`);
  if (!p) throw new Error('the demo has no such patient');
  return p;
}

/** Patient search (focused after sign-in): type the MRN, Enter opens the patient; returns the header's portal group, once Alt+O can open it. */
export async function openPatient(page: Page, mrn: string): Promise<Locator> {
  const search = page.getByLabel('Find a patient');
  await expect(search).toBeFocused();
  await page.keyboard.type(mrn);
  await expect(page.getByRole('grid', { name: 'Patients found' }).getByRole('row', { name: new RegExp(mrn) })).toBeVisible();
  await page.keyboard.press('Enter');
  const header = page.getByRole('region', { name: 'Patient header' });
  await expect(header).toContainText(mrn);
  const portal = header.getByRole('group', { name: 'Patient portal' });
  // Alt+O waits for the patient's portal view: until it has loaded there is nothing to open
  await expect(portal.getByRole('button', { name: 'Open portal form' })).toBeEnabled();
  return portal;
}

export interface Mail {
  /** The envelope's recipient: where the SMTP server delivered it. */
  rcpt: string;
  subject: string;
  text: string;
  /** The hub-made link in it (activation or reset), if any. */
  link: string | null;
}

export async function mails(smtp: LoopbackSmtp): Promise<Mail[]> {
  const parsed = await smtp.messages();
  return parsed.map((m, i) => ({
    rcpt: smtp.received[i]?.rcpt.join(',') ?? '',
    subject: m.subject ?? '',
    text: m.text ?? '',
    link: /https?:\/\/\S+token=[A-Za-z0-9_-]+/.exec(m.text ?? '')?.[0] ?? null,
  }));
}

/** Waits until the SMTP server has received a mail to `to` whose link matches `link`; returns the newest such mail. */
export async function mailWithLink(smtp: LoopbackSmtp, to: string, link: RegExp): Promise<Mail & { link: string }> {
  let found: Mail | undefined;
  await expect.poll(async () => {
    found = (await mails(smtp)).filter((m) => m.rcpt === to && m.link && link.test(m.link)).at(-1);
    return !!found;
  }, { timeout: 30_000, message: `a mail to ${to} with a link like ${link}` }).toBe(true);
  return found as Mail & { link: string };
}

/** The patient's hub pages of the demo clinic, found as a patient would: the hub's list of clinics. */
export async function openClinicPortal(patientPage: Page, host: HostProcess): Promise<string> {
  const hub = await host.embeddedHubUrl();
  // the demo workstation brings its clinic to its hub at the first sync
  await expect(async () => {
    await patientPage.goto(hub);
    await expect(patientPage.getByRole('link', { name: 'Demo Clinic patient portal' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await patientPage.getByRole('link', { name: 'Demo Clinic patient portal' }).click();
  await expect(patientPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  return patientPage.url();
}
