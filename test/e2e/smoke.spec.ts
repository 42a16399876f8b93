import { expect, signIn, test } from './fixtures';

test('the demo clinic opens, signs in by keyboard and finds a patient', async ({ page, host }) => {
  await signIn(page, host, 'frontdesk');
  // the Patients screen loads on first visit; keys typed before it has the focus would be lost
  await expect(page.getByRole('searchbox', { name: 'Find a patient' })).toBeFocused();
  await page.keyboard.type('P1000001');
  await expect(page.getByRole('grid', { name: 'Patients found' }).getByRole('row', { name: /P1000001/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Patient header' })).toContainText('P1000001');
});
