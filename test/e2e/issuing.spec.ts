import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { generateAccessCode } from '../../common/rules/accessCode';
import { formatDateTime } from '../../hub/patient/format';
import { expect, signIn, test } from './fixtures';
import { readDb } from './inspect';
import { dateOfBirthOf, newestKeyOf, PatientAccessPage } from './patientAccess';

/**
 * Seed 000 end to end on the demo clinic, keyboard only at the workstation, as `media`: the Issuer
 * flow, the code shown once, Issued-Key Mng; and between the steps, the patient's side on the
 * embedded hub's page, in a second tab: the code + date of birth shows exactly the issued studies,
 * a disabled key is refused after sync and works again once enabled, an extension shows, five
 * wrong dates of birth lock the code, the lock reaches Issued keys, and Unlock lifts it.
 */
test.use({ locale: 'en-GB', timezoneId: 'UTC', acceptDownloads: true });

const CODE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

/** A day `days` from today as staff type it (dd-mm-yyyy); the host and the browser run in UTC here. */
function typedDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}`;
}

async function goTo(page: Page, screen: string) {
  await page.keyboard.press('Control+K');
  await page.keyboard.type(`Go to ${screen}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

const NO_MATCH = 'This access code and date of birth do not open any results. Check both against your slip. After 5 wrong dates of birth a code is locked, and only the clinic can unlock it.';

/** What a search must not write: the audit trail and the keys (a refused search or extension writes neither). */
const written = (host: Parameters<typeof readDb>[0]) =>
  readDb(host, (db) => ({ audit: db.prepare('SELECT count(*) FROM audit_event').pluck().get(), keys: db.prepare('SELECT * FROM issued_key ORDER BY id').all() }));

test('issue an access code to a portal patient, see it once, redeem it on the hub page, then find, disable, enable, extend, lock and unlock it', async ({ page, host }) => {
  // every step at the workstation is followed by its effect at the hub: long, not slow
  test.setTimeout(240_000);
  await signIn(page, host, 'media');
  await goTo(page, 'Portal patients');

  const patients = page.getByRole('grid', { name: 'Portal patients' });
  await expect(patients).toBeFocused();
  // the newest request comes from someone the RIS does not know: the screen says why no key can be issued
  await expect(patients.locator('[data-active]')).toContainText('Ukendtsen');
  await expect(page.getByTestId('not-issuable')).toContainText('not matched to a RIS patient');
  await expect(page.getByRole('button', { name: 'Issuer' })).toBeDisabled();
  await page.keyboard.press('Alt+I');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // the next one is matched: Issuer → Patient validation
  await page.keyboard.press('ArrowDown');
  const row = patients.locator('[data-active]');
  await expect(row).not.toContainText('Not matched');
  const mrn = (await row.getByRole('gridcell').nth(2).textContent()) ?? '';
  expect(mrn).toMatch(/^P\d+$/);
  await expect(page.getByTestId('not-issuable')).toHaveCount(0);
  await page.keyboard.press('Alt+I');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Patient validation' })).toBeVisible();
  const compare = dialog.getByRole('table', { name: 'Patient validation' });
  await expect(compare.getByRole('row', { name: /MRN/ })).toContainText(mrn);
  await expect(compare.getByRole('columnheader', { name: 'Portal patient' })).toBeVisible();
  await expect(compare.getByRole('columnheader', { name: 'RIS patient' })).toBeVisible();

  // Confirm & Pick studies: two studies with a final report, by Space
  await page.keyboard.press('Alt+C');
  await expect(dialog.getByRole('heading', { name: 'Select studies & Issue a key' })).toBeVisible();
  await expect(dialog).toContainText('Only studies with a final report can be visible to the patient');
  const studies = dialog.getByRole('grid', { name: 'Studies of the patient' });
  await expect(studies).toBeFocused();
  const texts = await studies.locator('[role=row][aria-rowindex]').filter({ hasNot: page.locator('[role=columnheader]') }).allTextContents();
  let picked = 0;
  const pickedTexts: string[] = [];
  for (let i = 0; i < texts.length && picked < 2; i++) {
    if (!texts[i]?.includes('No: no final report')) {
      await page.keyboard.press('Space');
      pickedTexts.push(texts[i] ?? '');
      picked++;
    } else {
      // a study without a final report cannot be picked: Space leaves the count alone
      await page.keyboard.press('Space');
      await expect(dialog.getByRole('status').filter({ hasText: /selected|Select at least/ })).toContainText(picked ? `${picked} stud` : 'Select at least one');
    }
    await page.keyboard.press('ArrowDown');
  }
  expect(picked).toBe(2);
  await expect(dialog).toContainText('2 studies selected.');

  // Issue the Access Code: the code, this once
  await page.keyboard.press('Alt+I');
  await expect(dialog.getByRole('heading', { name: 'Access code issued' })).toBeVisible();
  const code = ((await dialog.getByTestId('access-code').textContent()) ?? '').trim();
  expect(code).toMatch(CODE);
  await expect(dialog).toContainText('shown only this once');

  // printing asks for a reason first, then saves the slip
  await page.keyboard.press('Alt+P');
  await expect(dialog.getByText('Choose why the slip is printed.')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Reason for printing')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Alt+P');
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^access-slip-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(dialog.getByText(/The access slip was saved as/)).toBeVisible();

  // Done: the code is gone, and opening the Issuer again does not bring it back
  await page.keyboard.press('Alt+D');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(code);
  // the highlighted portal patient is still the one just issued to, and their request is handled
  await expect(row.getByRole('gridcell').nth(2)).toHaveText(mrn);
  await expect(row).toContainText('none new');
  await expect(row.getByRole('gridcell').last()).toHaveText('1');
  await page.keyboard.press('Alt+I');
  await expect(page.getByRole('dialog').getByRole('heading', { name: 'Patient validation' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(code);

  // the patient's side: the hub's page, in another tab
  const dob = dateOfBirthOf(host, mrn);
  const issued = newestKeyOf(host, mrn);
  expect(issued.studies).toHaveLength(2);
  issued.studies.forEach((description, i) => expect(pickedTexts.some((t) => t.includes(description)), `study ${i}`).toBe(true));
  const patient = await PatientAccessPage.open(page.context(), host);
  // bad input there: a typo the check symbol catches, a code nobody was given; each said at the code field
  const typo = code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z');
  await patient.redeem(typo, dob);
  await expect(patient.fieldError('code')).toHaveText('This code has a typo: one character is wrong or two are swapped. Check it against your slip.');
  await patient.redeem(generateAccessCode(), dob);
  await expect(patient.fieldError('code')).toHaveText(NO_MATCH);
  // once the key has synced: code + date of birth show exactly the two issued studies
  const opened = await patient.redeemOnceSynced(host, code, dob, (r) => r.url.endsWith('/access/results'));
  expect([...opened.studies].sort()).toEqual(issued.studies);
  await page.bringToFront();

  // Issued keys: a reversed date range is refused at the field, nothing written; issuer + today finds the key
  await goTo(page, 'Issued keys');
  await expect(page.getByLabel('Patient information')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('media');
  await page.keyboard.press('Tab');
  await page.keyboard.type(typedDay(1));
  await page.keyboard.press('Tab');
  await page.keyboard.type(typedDay(-1));
  const beforeReversed = written(host);
  await page.keyboard.press('Enter');
  await expect(page.locator('.field', { has: page.getByLabel('Issued to') }).getByRole('alert')).toHaveText('The end of the range is before its start.');
  expect(written(host)).toEqual(beforeReversed);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(typedDay(0));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(typedDay(0));
  await page.keyboard.press('Enter');
  const keys = page.getByRole('grid', { name: 'Issued keys' });
  const keyRow = keys.locator('[role=row][aria-rowindex="2"]');
  await expect(page.getByText('1 key found.')).toBeVisible();
  await expect(keyRow).toContainText(mrn);
  await expect(keyRow).toContainText('Active');
  await expect(keyRow).toContainText('media');
  await expect(keyRow).toContainText('2: ');
  await expect(page.locator('body')).not.toContainText(code);

  // disable (the highlighted key) → the patient's page refuses it after sync
  await page.keyboard.press('Alt+D');
  await expect(keyRow).toContainText('Disabled (disabled by staff)');
  await expect(page.getByText('1 disabled; 0 were disabled already.')).toBeVisible();
  const refused = await patient.redeemOnceSynced(host, code, dob, (r) => r.text.includes('This access code has been turned off by the clinic.'));
  expect(refused.studies).toEqual([]);

  // enable → it opens the results again
  await page.bringToFront();
  await page.keyboard.press('Alt+E');
  await expect(keyRow).toContainText('Active');
  const again = await patient.redeemOnceSynced(host, code, dob, (r) => r.url.endsWith('/access/results'));
  expect([...again.studies].sort()).toEqual(issued.studies);

  // extend: a past date is refused at the field with nothing written, a later one is saved
  await page.bringToFront();
  await page.keyboard.press('Alt+T');
  const extend = page.getByRole('dialog');
  await expect(extend.getByRole('heading', { name: 'Extend expiry' })).toBeVisible();
  await expect(extend.getByLabel('New expiry date')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(typedDay(-2));
  const beforePast = written(host);
  await page.keyboard.press('Enter');
  await expect(extend.getByRole('alert')).toHaveText('Choose a date in the future.');
  expect(written(host)).toEqual(beforePast);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(typedDay(60));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const later = new Date(Date.now() + 60 * 86_400_000);
  const shown = `${String(later.getUTCDate()).padStart(2, '0')}/${String(later.getUTCMonth() + 1).padStart(2, '0')}/${later.getUTCFullYear()}`;
  await expect(keyRow).toContainText(shown);
  await expect(page.getByText(/^1 extended to/)).toBeVisible();
  // the patient's page gives the new expiry after sync
  const extendedTo = newestKeyOf(host, mrn).expiresAt;
  expect(extendedTo).not.toBe(issued.expiresAt);
  await patient.redeemOnceSynced(host, code, dob, (r) => r.text.includes(`The access code is valid until ${formatDateTime('en', extendedTo)}.`));

  // five wrong dates of birth lock the code: each answered as a code nobody was given, then the right one too
  for (let i = 0; i < 5; i++) {
    await patient.redeem(code, '1901-01-01');
    await expect(patient.fieldError('code')).toHaveText(NO_MATCH);
  }
  const locked = await patient.redeem(code, dob);
  await expect(patient.fieldError('code')).toHaveText(NO_MATCH);
  expect(locked.studies).toEqual([]);

  // the lock comes to Issued keys by sync; Unlock (Alt+U) lifts it, and the code opens the results again
  await page.bringToFront();
  await expect(async () => {
    await page.keyboard.press('Alt+S');
    await expect(keyRow).toContainText('Locked (after 5 wrong dates of birth)', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press('Alt+U');
  await expect(page.getByText('1 unlocked (the hub confirms at the next sync); 0 were not locked.')).toBeVisible();
  await expect(keyRow).toContainText('Active');
  const unlocked = await patient.redeemOnceSynced(host, code, dob, (r) => r.url.endsWith('/access/results'));
  expect([...unlocked.studies].sort()).toEqual(issued.studies);
});
