import { apiCall, demoPassword, expect, signIn, test } from './fixtures';
import { openPalette, openScreen, retype, tabTo } from './keys';
import type { Page } from '@playwright/test';

/** Opens the history of the focused setting (Alt+H) and returns its newest row's text. */
async function newestChange(page: Page, setting: string) {
  await page.keyboard.press('Alt+H');
  const dialog = page.getByRole('dialog', { name: `History: ${setting}` });
  await expect(dialog).toBeVisible();
  return { dialog, row: dialog.getByRole('grid', { name: 'Changes of this setting' }).getByRole('row').nth(1) };
}

const settingsForm = (page: Page) => page.getByRole('form', { name: 'Portal configuration' });

test('an admin changes every setting with the keyboard, saves with Alt+S, and finds each change in its history', async ({ page, host }) => {
  // eighteen settings walked with Tab twice over: a long test, not a slow app
  test.setTimeout(240_000);
  await signIn(page, host, 'admin');
  await openScreen(page, 'Portal configuration', 'portalConfig');
  const form = settingsForm(page);
  const group = (name: string) => form.getByRole('group', { name, exact: true });

  await tabTo(page, form.getByLabel('Portal display name', { exact: true }));
  await retype(page, 'Nordklinikken portal');
  await tabTo(page, form.getByLabel('New study (when it is validated)', { exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, form.getByLabel('New report (when it is final)', { exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, group('Send access links by').getByLabel('SMS'));
  await page.keyboard.press('Space');
  await tabTo(page, group('Notification preference').getByLabel('Email'));
  await page.keyboard.press('ArrowRight');
  await tabTo(page, group('Send one-time codes by').getByLabel('Email'));
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await tabTo(page, group('Authentication preference').getByLabel('Email'));
  await page.keyboard.press('ArrowRight');
  await tabTo(page, form.getByLabel('Login session duration (minutes)', { exact: true }));
  await retype(page, '30');
  await tabTo(page, form.getByLabel('Study access delay', { exact: true }));
  await retype(page, '2');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(form.getByLabel('Study access delay: Unit', { exact: true })).toHaveValue('days');
  await tabTo(page, form.getByLabel('Report access delay', { exact: true }));
  await retype(page, '12');
  await tabTo(page, form.getByLabel('Auto-issue results (ENABLE_AUTO_ISSUE)', { exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, form.getByLabel('Email the patient when a result is issued (ENABLE_EMAILNOTI_EVENT)', { exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, group('Approval of self-registrations').getByLabel('Manually, by staff in Login requests'));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, form.getByLabel('Automatic approval may create a patient the clinic does not have yet', { exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, form.getByLabel('Activate staff-created accounts without further confirmation', { exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, group('Rights the clinic offers').getByLabel('E-prescription renewal'));
  await page.keyboard.press('Space');
  await tabTo(page, form.getByLabel('Access key expiry (days)', { exact: true }));
  await retype(page, '60');
  await tabTo(page, form.getByLabel('Temporary password expiry (days)', { exact: true }));
  await retype(page, '7');
  await expect(form.getByRole('status')).toHaveText('18 unsaved changes.');
  await tabTo(page, form.getByLabel('Reason for the change (optional, kept in the history)', { exact: true }));
  await page.keyboard.type('Go-live settings');
  await page.keyboard.press('Alt+S');
  await expect(form.getByRole('status')).toHaveText('Saved 18 settings.');

  // each setting's history shows who, the old and the new value, and why
  const expected: Array<[string, string, string, string]> = [
    ['Portal display name', 'Portal display name', 'Demo Clinic patient portal', 'Nordklinikken portal'],
    ['New study (when it is validated)', 'New study (when it is validated)', 'No', 'Yes'],
    ['New report (when it is final)', 'New report (when it is final)', 'Yes', 'No'],
    ['Send access links by', 'Send access links by', 'Email', 'Email, SMS'],
    ['Notification preference', 'Notification preference', 'Email', 'SMS'],
    ['Send one-time codes by', 'Send one-time codes by', 'Email', 'SMS'],
    ['Authentication preference', 'Authentication preference', 'Email', 'SMS'],
    ['Login session duration (minutes)', 'Login session duration (minutes)', '60 minutes', '30 minutes'],
    ['Study access delay', 'Study access delay', 'At once (0)', '2 days'],
    ['Report access delay', 'Report access delay', 'At once (0)', '12 hours'],
    ['Auto-issue results (ENABLE_AUTO_ISSUE)', 'Auto-issue results (ENABLE_AUTO_ISSUE)', 'No', 'Yes'],
    ['Email the patient when a result is issued (ENABLE_EMAILNOTI_EVENT)', 'Email the patient when a result is issued (ENABLE_EMAILNOTI_EVENT)', 'Yes', 'No'],
    ['Approval of self-registrations', 'Approval of self-registrations', 'Manually, by staff in Login requests', 'Automatically, when the identity is strongly verified (MitID)'],
    ['Automatic approval may create a patient the clinic does not have yet', 'Automatic approval may create a patient the clinic does not have yet', 'No', 'Yes'],
    ['Activate staff-created accounts without further confirmation', 'Activate staff-created accounts without further confirmation', 'No', 'Yes'],
    ['Rights the clinic offers', 'Rights the clinic offers', 'E-consultation, E-booking, E-prescription renewal', 'E-consultation, E-booking'],
    ['Access key expiry (days)', 'Access key expiry (days)', '30 days', '60 days'],
    ['Temporary password expiry (days)', 'Temporary password expiry (days)', '14 days', '7 days'],
  ];
  for (const [control, setting, from, to] of expected) {
    const groupControl = group(control);
    const target = (await groupControl.count()) ? groupControl.locator('input:checked').first() : form.getByLabel(control, { exact: true });
    await tabTo(page, target);
    const { dialog, row } = await newestChange(page, setting);
    await expect(row.getByRole('gridcell')).toHaveText([/\d/, 'Ada Admin', from, to, 'Go-live settings']);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // back where the admin was, ready for the next setting
    await expect(target).toBeFocused();
  }
});

test('a 101-character display name and a 14-minute session are refused at their fields, and nothing is written', async ({ page, host }) => {
  test.setTimeout(180_000);
  await signIn(page, host, 'admin');
  await openScreen(page, 'Portal configuration', 'portalConfig');
  const form = settingsForm(page);
  const name = form.getByLabel('Portal display name', { exact: true });
  const session = form.getByLabel('Login session duration (minutes)', { exact: true });

  await tabTo(page, name);
  await retype(page, 'x'.repeat(101));
  await tabTo(page, session);
  await retype(page, '14');
  await page.keyboard.press('Alt+S');

  await expect(form.getByRole('status')).toHaveText('Nothing was saved. Correct the marked fields first.');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/At most 100 characters\./);
  await expect(session).toHaveAccessibleDescription(/Must be at least 15\./);
  await expect(name).toBeFocused();

  // nothing reached the store: neither setting has a history
  for (const [field, setting] of [[name, 'Portal display name'], [session, 'Login session duration (minutes)']] as const) {
    await tabTo(page, field);
    const { dialog } = await newestChange(page, setting);
    await expect(dialog).toContainText('No changes yet: this setting has had its default value from the start.');
    await page.keyboard.press('Escape');
  }

  const { clientId } = await apiCall(host, 'auth.signIn', { username: 'admin', password: demoPassword('admin') });
  const stored = await apiCall(host, 'settings.get', {}, clientId);
  expect(stored.body).toMatchObject({ ok: true, value: { values: { 'portal.displayName': 'Demo Clinic patient portal', 'portal.sessionMinutes': 60 } } });

  // the limits themselves are accepted
  await tabTo(page, name);
  await retype(page, 'x'.repeat(100));
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await tabTo(page, session);
  await retype(page, '15');
  await page.keyboard.press('Alt+S');
  await expect(form.getByRole('status')).toHaveText('Saved 2 settings.');
});

test('disabling the portal asks first and says what happens; enabling again is confirmed too; both are in the history', async ({ page, host }) => {
  await signIn(page, host, 'admin');
  await openScreen(page, 'Portal configuration', 'portalConfig');
  const switchRegion = page.getByRole('region', { name: 'Patient portal' });
  await expect(switchRegion.getByRole('status')).toHaveText('Enabled');

  // Esc cancels: still enabled
  await page.keyboard.press('Alt+D');
  const disable = page.getByRole('dialog', { name: 'Disable the patient portal?' });
  await expect(disable).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(disable).toBeHidden();
  await expect(switchRegion.getByRole('status')).toHaveText('Enabled');

  await page.keyboard.press('Alt+D');
  await expect(disable).toContainText('Every patient’s access stops: nobody can sign in to the portal.');
  await expect(disable).toContainText('Every access link and issued key stops working.');
  await expect(disable).toContainText('Patients’ data is no longer reachable through the portal.');
  await expect(disable).toContainText('Tell patients beforehand.');
  await expect(disable.getByLabel('Reason (optional, kept in the history)')).toBeFocused();
  await page.keyboard.type('Moving to a new system');
  await page.keyboard.press('Enter');
  await expect(disable).toBeHidden();
  await expect(switchRegion.getByRole('status')).toHaveText('Disabled');
  await expect(page.getByText('The patient portal is disabled: patients cannot sign in')).toBeVisible();

  await page.keyboard.press('Alt+E');
  const enable = page.getByRole('dialog', { name: 'Enable the patient portal?' });
  await expect(enable).toContainText('Nothing is restored silently');
  await page.keyboard.press('Enter');
  await expect(enable).toBeHidden();
  await expect(switchRegion.getByRole('status')).toHaveText('Enabled');

  await tabTo(page, switchRegion.getByRole('button', { name: 'History of Patient portal enabled' }));
  await page.keyboard.press('Enter');
  const history = page.getByRole('dialog', { name: 'History: Patient portal enabled' });
  const rows = history.getByRole('grid').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Ada Admin');
  await expect(rows.nth(1).getByRole('gridcell').nth(2)).toHaveText('No');
  await expect(rows.nth(1).getByRole('gridcell').nth(3)).toHaveText('Yes');
  await expect(rows.nth(2).getByRole('gridcell').nth(3)).toHaveText('No');
  await expect(rows.nth(2).getByRole('gridcell').nth(4)).toHaveText('Moving to a new system');
});

for (const [username, role] of [['frontdesk', 'Front desk'], ['media', 'Media management']] as const) {
  test(`${role} has no Portal configuration screen, and its methods refuse them`, async ({ page, host }) => {
    await signIn(page, host, username);
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await expect(nav.getByRole('button', { name: /Patients/ })).toBeVisible();
    await expect(nav.getByRole('button', { name: /Portal configuration/ })).toHaveCount(0);
    await expect(nav.getByRole('button', { name: /Staff/ })).toHaveCount(0);
    await openPalette(page);
    await page.keyboard.type('Portal configuration');
    await expect(page.getByText('No command matches.')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Portal configuration' })).toHaveCount(0);

    const { clientId } = await apiCall(host, 'auth.signIn', { username, password: demoPassword(username) });
    const calls = [
      ['settings.get', {}],
      ['settings.save', { changes: { 'portal.sessionMinutes': 30 } }],
      ['settings.setPortalEnabled', { enabled: false }],
      ['settings.history', { key: 'portal.enabled' }],
    ] as const;
    for (const [method, input] of calls) {
      const r = await apiCall(host, method, input, clientId);
      expect(r.body, method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
}
