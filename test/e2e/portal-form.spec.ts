import { readFileSync } from 'node:fs';
import { pdfLines } from '../helpers/pdf';
import { expect, signIn, test } from './fixtures';
import { tabTo } from './keys';
import { openPatient, patientWithout, query } from './portalWorld';

test('portal form by keyboard: create with Alt+P, New code with Alt+K, remove the rights, delete the association', async ({ page, host }) => {
  const patient = patientWithout(host, { email: true });
  await signIn(page, host, 'frontdesk');
  const slot = await openPatient(page, patient.mrn);
  await expect(slot).toContainText('Inactive');
  await expect(slot).toContainText('access not enabled');

  await page.keyboard.press('Alt+O');
  const form = page.getByRole('dialog', { name: /^Patient portal:/ });
  const email = form.getByRole('textbox', { name: 'Email' });
  await expect(email).toBeFocused();

  // bad input first: no email and no temporary password is refused at the field, and nothing is written
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Alt+P');
  await expect(form.getByText('Enter an email address, or set a temporary password for a patient without email.')).toBeVisible();
  expect(query(host, 'SELECT id FROM portal_account WHERE patient_id = ?', patient.id)).toEqual([]);

  await page.keyboard.type('portal.e2e@example.dk');
  await tabTo(page, form.getByRole('checkbox', { name: 'E-consultation' }));
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('checkbox', { name: 'E-booking' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(form.getByRole('button', { name: 'Create portal user' })).toHaveAttribute('aria-keyshortcuts', 'Alt+P');
  await page.keyboard.press('Alt+P');

  await expect(form.locator('[data-status="awaiting"]')).toContainText('Awaiting activation');
  await expect(form.locator('.portal-pill-awaiting')).toBeVisible();
  // the header behind the modal form (hidden from the accessibility tree while the form is open) follows
  const headerSlot = page.locator('[data-slot="portal"]');
  await expect(headerSlot).toContainText('Awaiting activation');
  // "requested" until the hub answers, "sent" once it has (the demo's own hub answers at once)
  await expect(headerSlot).toContainText(/link (requested|sent)/);
  const [created] = query<{ args: string }>(host, "SELECT args FROM sync_outbox WHERE name = 'portal.create'");
  expect(JSON.parse(created?.args ?? '{}')).toMatchObject({ send: 'activation', patientId: patient.id });

  // Ny kode: a reset link, through the hub's outbox
  await page.keyboard.press('Alt+K');
  await expect(form.getByText('Reset link requested.')).toBeVisible();
  const resets = query<{ args: string }>(host, "SELECT args FROM sync_outbox WHERE name = 'portal.sendReset'");
  expect(resets).toHaveLength(1);
  expect(JSON.parse(resets[0]?.args ?? '{}')).toMatchObject({ send: 'reset' });

  // removing every right keeps the account
  await tabTo(page, form.getByRole('checkbox', { name: 'E-consultation' }));
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Alt+S');
  await expect(form.getByText('Saved.')).toBeVisible();
  await expect(form.getByText('Without functions the patient keeps the account')).toBeVisible();
  expect(query(host, 'SELECT right_econsultation + right_ebooking + right_eprescription AS n, deleted_at FROM portal_account WHERE patient_id = ?', patient.id))
    .toEqual([{ n: 0, deleted_at: null }]);

  // Slet: the association with this clinic only, after a confirmation
  await page.keyboard.press('Alt+L');
  const confirm = page.getByRole('dialog', { name: 'Delete the portal association?' });
  await expect(confirm.getByRole('button', { name: 'Delete association' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(form.locator('[data-status="inactive"]')).toContainText('association deleted');
  await expect(form.getByText(/Returning patient/)).toBeVisible();
  expect(query(host, "SELECT name FROM sync_outbox WHERE name = 'portal.delete'")).toHaveLength(1);

  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(slot.getByRole('button', { name: /Inactive/ })).toBeFocused();
});

test('a patient without email gets a temporary password and a credential letter PDF, shown once', async ({ page, host }) => {
  const patient = patientWithout(host, { email: false });
  await signIn(page, host, 'frontdesk');
  const slot = await openPatient(page, patient.mrn);
  await expect(slot).toContainText('no email on file');

  await page.keyboard.press('Alt+O');
  const form = page.getByRole('dialog', { name: /^Patient portal:/ });
  await expect(form.getByRole('radio', { name: 'Generate a temporary password' })).toBeChecked();
  await expect(form.getByText('Valid and free.')).toBeVisible();
  const username = await form.getByLabel('Username').inputValue();
  await page.keyboard.press('Alt+P');

  const letter = page.getByRole('dialog', { name: 'Credential letter' });
  const password = (await letter.getByTestId('temp-password').textContent()) ?? '';
  expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Alt+D');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`portal-credentials-${patient.mrn}.pdf`);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfLines(pdf)).toEqual(expect.arrayContaining([username, password, 'https://portal.demo-clinic.example']));
  await expect(letter.getByText('Letter saved.')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(letter).toBeHidden();
  await expect(form.locator('[data-status="awaiting"]')).toContainText('temporary password valid until');
  // never shown again, never stored in clear
  await expect(page.getByText(password)).toHaveCount(0);
  const [row] = query<{ temp_password_hash: string; must_change_password: number }>(host, 'SELECT temp_password_hash, must_change_password FROM portal_account WHERE patient_id = ?', patient.id);
  expect(row?.temp_password_hash).toMatch(/^scrypt\$/);
  expect(row?.must_change_password).toBe(1);
  const everything = JSON.stringify(query(host, 'SELECT * FROM sync_outbox')) + JSON.stringify(query(host, 'SELECT * FROM audit_event'));
  expect(everything).not.toContain(password);
  expect(query(host, "SELECT detail FROM audit_event WHERE action = 'portal.letter'")).toEqual([{ detail: 'download' }]);
});

test('onboarding tool: filter, select 20, send invitations, see the summary', async ({ page, host }) => {
  await signIn(page, host, 'frontdesk');
  await expect(page.getByLabel('Find a patient')).toBeFocused();
  // the palette (Ctrl+K) works from the search field; "G O" would be typed into it
  await page.keyboard.press('Control+K');
  await page.keyboard.type('Onboarding tool');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Portal onboarding' })).toBeVisible();
  const status = page.getByLabel('Status', { exact: true });
  await expect(status).toBeFocused();
  await page.keyboard.type('Not');
  await expect(status).toHaveValue('notEnabled');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Has email')).toBeFocused();
  await page.keyboard.type('Y');
  await expect(page.getByLabel('Has email')).toHaveValue('yes');
  // red with an email on file: no account at this clinic, access disabled, or no postal code
  const [{ n: red } = { n: 0 }] = query<{ n: number }>(host, `SELECT count(*) AS n FROM patient p
    LEFT JOIN portal_account a ON a.patient_id = p.id AND a.deleted_at IS NULL
    WHERE coalesce(p.email, '') <> '' AND (a.id IS NULL OR a.access_enabled = 0 OR coalesce(p.postal_code, '') = '')`);
  expect(red).toBeGreaterThanOrEqual(20);
  await expect(page.getByText(`1–${red} of ${red}`)).toBeVisible();

  const grid = page.getByRole('grid', { name: 'Patients and their portal status' });
  await tabTo(page, grid);
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
  }
  await expect(page.getByText('20 selected')).toBeVisible();
  await page.keyboard.press('Alt+I');
  await expect(page.getByText(/^Done: \d+ sent, 0 enabled, \d+ skipped\.$/)).toBeVisible();
  const summary = (await page.getByText(/^Done:/).textContent()) ?? '';
  const [, sent, skipped] = /Done: (\d+) sent, 0 enabled, (\d+) skipped/.exec(summary) ?? [];
  expect(Number(sent) + Number(skipped)).toBe(20);
  // skipped ones say why (a patient without a postal code); the rest each asked for one link, none twice
  if (Number(skipped) > 0) await expect(page.getByRole('region', { name: 'Skipped' })).toContainText('no postal code on file');
  const links = query<{ args: string }>(host, "SELECT args FROM sync_outbox WHERE name IN ('portal.create', 'portal.sendActivation')");
  expect(links).toHaveLength(Number(sent));
  const accounts = links.map((l) => (JSON.parse(l.args) as { accountId: string }).accountId);
  expect(new Set(accounts).size).toBe(accounts.length);
  expect(Number(sent)).toBeGreaterThanOrEqual(18);
});
