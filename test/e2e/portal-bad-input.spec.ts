import type { Locator, Page } from '@playwright/test';
import { signIn } from './fixtures';
import type { HostProcess } from './host';
import { retype, tabTo } from './keys';
import { expect, openPatient, patientWithout, query, test } from './portalWorld';

/**
 * Issue 5's bad input in the portal form, by keyboard: an invalid email, a missing postal code,
 * a taken username and a weak temporary password each get their message at their own field, and
 * nothing is written. The same rules at the dispatcher are in test/main/portalForm.test.ts.
 */

/** What Create would write: the patient's contact, a portal account, a mutation for the hub, an audited change. */
function writes(host: HostProcess, patientId: string) {
  return {
    patient: query(host, 'SELECT email, postal_code, version FROM patient WHERE id = ?', patientId),
    accounts: query(host, 'SELECT id FROM portal_account WHERE patient_id = ?', patientId),
    outbox: query(host, 'SELECT mutation_id FROM sync_outbox ORDER BY mutation_id'),
    // reading the patient and the form is audited; only changes count as writes here
    changes: query(host, "SELECT id FROM audit_event WHERE action NOT IN ('patient.search', 'patient.read', 'portal.read', 'auth.signIn')"),
  };
}

/** The field is marked invalid and its message is what a screen reader reads with it. */
async function expectErrorAt(field: Locator, message: string): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(new RegExp(escape(message)));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function create(page: Page): Promise<void> {
  await page.keyboard.press('Alt+P');
}

test('bad input in the portal form: each message at its field, nothing written; corrected, Create works', async ({ page, host }) => {
  const patient = patientWithout(host, { email: true });
  const [taken] = query<{ username: string }>(host, 'SELECT username FROM portal_account WHERE username IS NOT NULL AND deleted_at IS NULL ORDER BY username LIMIT 1');
  if (!taken) throw new Error('the demo has no portal user with a username');
  await signIn(page, host, 'frontdesk');
  await openPatient(page, patient.mrn);
  await page.keyboard.press('Alt+O');
  const form = page.getByRole('dialog', { name: /^Patient portal:/ });
  const email = form.getByRole('textbox', { name: 'Email' });
  const postalCode = form.getByRole('textbox', { name: 'Postal code' });
  const username = form.getByRole('textbox', { name: 'Username' });
  await expect(email).toBeFocused();
  await expect(email).toHaveValue(patient.email ?? '');
  const before = writes(host, patient.id);

  // an invalid email
  await retype(page, 'not-an-address');
  await create(page);
  await expectErrorAt(email, 'Enter an email address like name@example.dk.');
  await retype(page, patient.email ?? '');
  await expect(email).not.toHaveAttribute('aria-invalid', 'true');

  // a missing postal code
  await tabTo(page, postalCode);
  await retype(page, '');
  await create(page);
  await expectErrorAt(postalCode, 'A postal code must be on file to enable portal access.');
  await retype(page, patient.postal_code);

  // a taken username: red as it is typed, refused at Create with a free suggestion
  await tabTo(page, username);
  await retype(page, taken.username);
  await expectErrorAt(username, 'This username is taken.');
  await create(page);
  await expectErrorAt(username, 'This username is taken. Try');
  await retype(page, '');

  // a weak temporary password, typed by staff (the radio group is one Tab stop; arrows choose)
  await tabTo(page, form.getByRole('radio', { name: 'No temporary password: the patient activates by email' }));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(form.getByRole('radio', { name: 'Type a temporary password' })).toBeChecked();
  const temporary = form.getByRole('textbox', { name: 'Temporary password' });
  await expect(temporary).toBeFocused();
  await page.keyboard.type('password1234');
  await create(page);
  await expectErrorAt(temporary, 'This password is too common.');

  expect(writes(host, patient.id)).toEqual(before);

  // the form kept everything typed: with a password the policy accepts, Create goes through
  await retype(page, 'copper lantern meadow 7');
  await create(page);
  await expect(page.getByRole('dialog', { name: 'Credential letter' })).toBeVisible();
  await expect.poll(() => query(host, 'SELECT email, postal_code FROM patient WHERE id = ?', patient.id)).toEqual([{ email: patient.email, postal_code: patient.postal_code }]);
  expect(query(host, 'SELECT email, must_change_password FROM portal_account WHERE patient_id = ?', patient.id)).toEqual([{ email: patient.email, must_change_password: 1 }]);
});
