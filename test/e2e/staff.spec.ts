import { expect, signIn, test } from './fixtures';
import { openPalette, openScreen, tabTo } from './keys';

test('an admin creates a staff member by keyboard; the temporary password is shown once and must be changed at first sign-in', async ({ page, host }) => {
  await signIn(page, host, 'admin');
  await openScreen(page, 'Staff', 'staff');
  const table = page.getByRole('grid', { name: 'Staff members' });
  await expect(table.getByRole('row')).toHaveCount(4);

  await page.keyboard.press('Alt+N');
  const form = page.getByRole('dialog', { name: 'New staff member' });
  await expect(form.getByLabel('Username', { exact: true })).toBeFocused();
  await page.keyboard.type('bo.hansen');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Bo Hansen');
  await tabTo(page, form.getByRole('checkbox', { name: /Front desk/ }));
  await page.keyboard.press('Space');
  await tabTo(page, form.getByRole('checkbox', { name: 'Portal authorised' }));
  await page.keyboard.press('Space');
  await tabTo(page, form.getByRole('button', { name: 'Create' }));
  await page.keyboard.press('Enter');

  const shown = page.getByRole('dialog', { name: 'Temporary password for Bo Hansen' });
  await expect(shown).toContainText('This is shown only now.');
  const password = (await shown.getByRole('status', { name: 'Temporary password' }).textContent()) ?? '';
  expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await page.keyboard.press('Enter');
  await expect(shown).toBeHidden();
  const row = table.getByRole('row', { name: /bo\.hansen/ });
  await expect(row).toContainText('Front desk');
  await expect(row).toContainText('Temporary password');
  await expect(row.getByRole('gridcell').nth(3)).toHaveText('Yes');
  await expect(page.getByText(password)).toHaveCount(0);

  await openPalette(page);
  await page.keyboard.type('Sign out');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Username' })).toBeFocused();
  await page.keyboard.type('bo.hansen');
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
});

test('disable, enable and reset a password from the table; the last admin cannot disable themselves', async ({ page, host }) => {
  await signIn(page, host, 'admin');
  await openScreen(page, 'Staff', 'staff');
  const table = page.getByRole('grid', { name: 'Staff members' });
  await tabTo(page, table);

  // the first row is the admin themself, the only admin of the demo clinic
  await expect(table.getByRole('row').nth(1)).toContainText('admin (you)');
  await page.keyboard.press('Alt+D');
  const disableSelf = page.getByRole('dialog', { name: 'Disable Ada Admin?' });
  await page.keyboard.press('Enter');
  await expect(disableSelf.getByRole('alert')).toHaveText('The clinic needs at least one active portal admin. Make someone else a portal admin first.');
  await page.keyboard.press('Escape');
  await expect(disableSelf).toBeHidden();
  // the focus goes back to the table, so the arrow keys move in it again
  await expect(table).toBeFocused();
  await expect(table.getByRole('row').nth(1)).toContainText('Active');

  await page.keyboard.press('ArrowDown');
  await expect(table.getByRole('row').nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(table.getByRole('row').nth(2)).toContainText('frontdesk');
  await page.keyboard.press('Alt+D');
  const disable = page.getByRole('dialog', { name: 'Disable Frida Front?' });
  await expect(disable).toContainText('signed out everywhere at once');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Frida Front is disabled.' })).toBeVisible();
  await expect(table.getByRole('row', { name: /frontdesk/ })).toContainText('Disabled');

  // the cursor stays on the row just acted on, so the next key acts on the same person
  await expect(table).toBeFocused();
  await expect(table.getByRole('row', { name: /frontdesk/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Alt+D');
  await expect(page.getByRole('status').filter({ hasText: 'Frida Front is enabled.' })).toBeVisible();
  await expect(table.getByRole('row', { name: /frontdesk/ })).toContainText('Active');

  await page.keyboard.press('Alt+R');
  const reset = page.getByRole('dialog', { name: 'Reset the password of Frida Front?' });
  await expect(reset).toBeVisible();
  await page.keyboard.press('Enter');
  const shown = page.getByRole('dialog', { name: 'Temporary password for Frida Front' });
  await expect(shown.getByRole('status', { name: 'Temporary password' })).toHaveText(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await page.keyboard.press('Enter');
  await expect(shown).toBeHidden();
  await expect(table).toBeFocused();
  await expect(table.getByRole('row', { name: /frontdesk/ })).toContainText('Temporary password');
});
