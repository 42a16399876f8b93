import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

/**
 * Seed 000 end to end on the demo clinic, keyboard only, as `media`: the Issuer flow, the code
 * shown once, and Issued-Key Mng. The hub-side half (redeem with the date of birth, the lock after
 * 5 misses, a disabled key refused after sync) needs the hub and is not in this spec.
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

test('issue an access code to a portal patient, see it once, then find, disable, enable and extend it', async ({ page, host }) => {
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
  for (let i = 0; i < texts.length && picked < 2; i++) {
    if (!texts[i]?.includes('No: no final report')) {
      await page.keyboard.press('Space');
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

  // Issued keys: a reversed date range is refused at the field; issuer + today finds the key
  await goTo(page, 'Issued keys');
  await expect(page.getByLabel('Patient information')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('media');
  await page.keyboard.press('Tab');
  await page.keyboard.type(typedDay(1));
  await page.keyboard.press('Tab');
  await page.keyboard.type(typedDay(-1));
  await page.keyboard.press('Enter');
  await expect(page.locator('.field', { has: page.getByLabel('Issued to') }).getByRole('alert')).toHaveText('The end of the range is before its start.');
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

  // disable, enable (the highlighted key)
  await page.keyboard.press('Alt+D');
  await expect(keyRow).toContainText('Disabled (disabled by staff)');
  await expect(page.getByText('1 disabled; 0 were disabled already.')).toBeVisible();
  await page.keyboard.press('Alt+E');
  await expect(keyRow).toContainText('Active');

  // extend: a past date is refused at the field, a later one is saved
  await page.keyboard.press('Alt+T');
  const extend = page.getByRole('dialog');
  await expect(extend.getByRole('heading', { name: 'Extend expiry' })).toBeVisible();
  await expect(extend.getByLabel('New expiry date')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(typedDay(-2));
  await page.keyboard.press('Enter');
  await expect(extend.getByRole('alert')).toHaveText('Choose a date in the future.');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(typedDay(60));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const later = new Date(Date.now() + 60 * 86_400_000);
  const shown = `${String(later.getUTCDate()).padStart(2, '0')}/${String(later.getUTCMonth() + 1).padStart(2, '0')}/${later.getUTCFullYear()}`;
  await expect(keyRow).toContainText(shown);
  await expect(page.getByText(/^1 extended to/)).toBeVisible();
});
