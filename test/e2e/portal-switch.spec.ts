import { apiCall, demoPassword, expect, signIn, test } from './fixtures';
import { readDb, waitForSynced } from './inspect';
import { openScreen } from './keys';
import { PatientAccessPage } from './patientAccess';

/**
 * Issue 6, the portal switch seen from the patient's side: disabled on the Portal configuration
 * screen (keyboard), a valid access code is refused at the hub's page after sync; enabled again,
 * nothing comes back by itself (issue 6: "Enabling again restores nothing silently"): the key
 * stays disabled, listed with the reason, until staff enable it in Issued keys; then it works.
 */
test.use({ locale: 'en-GB', timezoneId: 'UTC' });

const CLOSED = 'The patient portal of Demo Clinic patient portal is closed at the moment. Contact the clinic if you need help.';

test('portal disabled → a valid access code is refused at the hub page after sync; enabled → the key is listed as disabled with the portal until staff enable it, then it works', async ({ page, host }) => {
  test.setTimeout(180_000);
  // a key issued to a demo patient (the Issuer flow itself is issuing.spec.ts)
  const study = readDb(host, (db) =>
    db.prepare(`SELECT s.id, s.patient_id AS patientId, s.description, p.date_of_birth AS dob FROM study s JOIN report r ON r.study_id = s.id AND r.status = 'final'
      JOIN patient p ON p.id = s.patient_id WHERE p.deleted_at IS NULL ORDER BY s.id LIMIT 1`).get(),
  ) as { id: string; patientId: string; description: string; dob: string };
  const { clientId } = await apiCall(host, 'auth.signIn', { username: 'admin', password: demoPassword('admin') });
  const issued = await apiCall(host, 'keys.issue', { patientId: study.patientId, studyIds: [study.id], identityConfirmed: true }, clientId);
  const { code } = issued.body.value as { code: string };

  const patient = await PatientAccessPage.open(page.context(), host);
  const opened = await patient.redeemOnceSynced(host, code, study.dob, (r) => r.url.endsWith('/access/results'));
  expect(opened.studies).toEqual([study.description]);
  // the patient fills the form again and is about to send it when the clinic closes the portal
  await patient.page.goto(patient.accessUrl);
  await patient.page.getByLabel('Access code').fill(code);
  await patient.page.getByLabel('Date of birth').fill(study.dob);

  await signIn(page, host, 'admin');
  await openScreen(page, 'Portal configuration', 'portalConfig');
  const switchRegion = page.getByRole('region', { name: 'Patient portal' });
  await page.keyboard.press('Alt+D');
  const disable = page.getByRole('dialog', { name: 'Disable the patient portal?' });
  await expect(disable.getByLabel('Reason (optional, kept in the history)')).toBeFocused();
  await page.keyboard.type('Maintenance');
  await page.keyboard.press('Enter');
  await expect(switchRegion.getByRole('status')).toHaveText('Disabled');

  // after sync: the form sent is refused, and the page itself says the portal is closed
  await waitForSynced(host);
  await patient.page.getByRole('button', { name: 'Show my results' }).click();
  await expect(patient.page.getByRole('heading', { name: 'The portal is closed' })).toBeVisible();
  await expect(patient.page.locator('main')).toContainText(CLOSED);
  await expect(patient.page.getByRole('table')).toHaveCount(0);
  await expect(async () => {
    await patient.page.goto(patient.accessUrl);
    await expect(patient.page.locator('main')).toContainText(CLOSED, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(patient.page.getByLabel('Access code')).toHaveCount(0);

  // enabled again: the page opens, but the key the switch disabled stays disabled
  await page.bringToFront();
  await page.keyboard.press('Alt+E');
  const enable = page.getByRole('dialog', { name: 'Enable the patient portal?' });
  await expect(enable).toContainText('Nothing is restored silently');
  await page.keyboard.press('Enter');
  await expect(switchRegion.getByRole('status')).toHaveText('Enabled');
  const stillOff = await patient.redeemOnceSynced(host, code, study.dob, (r) => r.text.includes('This access code has been turned off by the clinic.'));
  expect(stillOff.studies).toEqual([]);

  // Issued keys lists it with the reason; enabling it there (Alt+E) is the staff decision that brings it back
  await page.bringToFront();
  await openScreen(page, 'Issued keys', 'issuedKeys');
  await expect(page.getByLabel('Patient information')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('admin');
  await page.keyboard.press('Enter');
  const keyRow = page.getByRole('grid', { name: 'Issued keys' }).locator('[role=row][aria-rowindex="2"]');
  await expect(page.getByText('1 key found.')).toBeVisible();
  await expect(keyRow).toContainText('Disabled (disabled with the portal)');
  await page.keyboard.press('Alt+E');
  await expect(page.getByText('1 enabled; 0 were not disabled.')).toBeVisible();
  await expect(keyRow).toContainText('Active');
  const back = await patient.redeemOnceSynced(host, code, study.dob, (r) => r.url.endsWith('/access/results'));
  expect(back.studies).toEqual([study.description]);
});
