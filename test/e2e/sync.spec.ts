import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { apiCall, expect, openDemo, signIn, test } from './fixtures';
import { startHost, type HostProcess } from './host';
import { enrollmentCode, freePort, startHubProcess, type HubProcess } from './hub';

/**
 * Two workstations of one clinic and a standalone hub, all real processes: A (the demo clinic)
 * enrolls through the Sync screen, B joins from an empty data directory, then the hub goes away
 * and comes back while staff keep working.
 */
test.describe.serial('sync between two workstations through a hub that goes away', () => {
  test.setTimeout(240_000);
  const hubDir = mkdtempSync(join(tmpdir(), 'portal-e2e-hub-'));
  let port: number;
  let hub: HubProcess;
  let a: HostProcess;
  let b: HostProcess;
  const contexts: BrowserContext[] = [];
  let pageA: Page;
  let pageB: Page;

  const indicator = (page: Page) => page.getByRole('button', { name: /^Sync status:/ });
  const header = (page: Page) => page.getByRole('region', { name: 'Patient header' });

  /** The indicator opens the Sync screen (its heading takes the focus); Alt+N syncs now, and answers when the round is over. */
  async function syncNow(page: Page): Promise<void> {
    await indicator(page).click();
    await expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeFocused();
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/call') && !!r.request().postData()?.includes('"sync.now"'));
    await page.keyboard.press('Alt+N');
    await answered;
    await expect(indicator(page)).toHaveAccessibleName(/^Sync status: Online\. synced/);
  }

  async function openPatient(page: Page, mrn: string): Promise<void> {
    await page.getByRole('button', { name: /^Patients/ }).click();
    await page.getByLabel('Find a patient').fill(mrn);
    await expect(page.getByRole('grid', { name: 'Patients found' }).getByRole('row', { name: new RegExp(mrn) })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(header(page)).toContainText(mrn);
  }

  /** The patient header's contact dialog, by its Alt+T mnemonic; Enter saves. */
  async function editMobile(page: Page, mobile: string): Promise<void> {
    await page.keyboard.press('Alt+T');
    const dialog = page.getByRole('dialog', { name: /^Contact details of/ });
    await expect(dialog.getByLabel('Email')).toBeFocused();
    await dialog.getByLabel('Mobile').fill(mobile);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  }

  test.beforeAll(async ({ browser }) => {
    port = await freePort();
    hub = await startHubProcess(hubDir, port);
    [a, b] = await Promise.all([startHost({ args: ['--hub', hub.url] }), startHost({ args: ['--hub', hub.url] })]);
    await openDemo(a);
    for (const _ of [a, b]) contexts.push(await browser.newContext());
    pageA = await (contexts[0] as BrowserContext).newPage();
    pageB = await (contexts[1] as BrowserContext).newPage();
  });

  test.afterAll(async () => {
    for (const c of contexts) await c.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await hub?.stop();
    rmSync(hubDir, { recursive: true, force: true });
  });

  test('A enrolls on the Sync screen, B joins from empty, and changes made offline arrive once the hub is back', async () => {
    // A: the demo clinic, not yet on any hub; its admin enrolls it with a code from the hub's CLI
    await signIn(pageA, a, 'admin');
    await expect(indicator(pageA)).toHaveAccessibleName(/^Sync status: Sync off/);
    await indicator(pageA).click();
    await pageA.getByLabel('Hub address').fill('not a url');
    await pageA.getByLabel('Enrollment code').fill(await enrollmentCode(hubDir));
    await pageA.keyboard.press('Enter');
    await expect(pageA.getByText('Enter the hub address, like https://portal.example.dk.')).toBeVisible();
    await pageA.getByLabel('Hub address').fill(hub.url);
    await pageA.getByLabel('Enrollment code').press('Enter');
    await expect(pageA.getByRole('status').filter({ hasText: 'Enrolled. The first sync has started.' })).toBeVisible();
    await expect(indicator(pageA)).toHaveAccessibleName(/^Sync status: Online\. synced/, { timeout: 30_000 });

    // B: an empty data directory joins the clinic with a join code; the clinic's staff sign in there
    const state = await apiCall(a, 'session.state');
    const clinicId = (state.body.value as { clinic: { id: string } }).clinic.id;
    await pageB.goto(b.url);
    await pageB.getByRole('form', { name: 'Join a clinic' }).getByLabel('Hub address').fill(hub.url);
    await pageB.getByLabel('Join code').fill(await enrollmentCode(hubDir, clinicId));
    await pageB.keyboard.press('Enter');
    await expect(pageB.getByRole('heading', { name: 'Sign in to Portal Desk' })).toBeVisible({ timeout: 30_000 });
    await signIn(pageB, b, 'frontdesk');
    await expect(indicator(pageB)).toHaveAccessibleName(/^Sync status: Online/);
    await openPatient(pageB, 'P1000001');

    // the hub goes away; front desk on A keeps working
    await pageA.getByRole('button', { name: 'Sign out' }).click();
    await signIn(pageA, a, 'frontdesk');
    await hub.stop();
    await openPatient(pageA, 'P1000001');
    await pageA.keyboard.press('Alt+T');
    const dialog = pageA.getByRole('dialog', { name: /^Contact details of/ });
    await dialog.getByLabel('Postal code').fill('80000');
    await pageA.keyboard.press('Enter');
    await expect(dialog.getByText('Enter a postal code of 4 digits, like 8000.')).toBeVisible();
    await dialog.getByLabel('Email').fill('new.address@example.dk');
    await dialog.getByLabel('Mobile').fill('+45 31 41 59 26');
    await dialog.getByLabel('Address').fill('Havnegade 7');
    await dialog.getByLabel('Postal code').fill('8000');
    await pageA.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(header(pageA)).toContainText('+4531415926');
    await expect(indicator(pageA)).toHaveAccessibleName(/^Sync status: Offline\. 1 change waiting/);
    await expect(pageA.getByRole('status').filter({ hasText: /^Sync: offline/ })).toBeAttached();
    await indicator(pageA).click();
    await expect(pageA.getByRole('grid', { name: 'Changes waiting to be sent' }).getByRole('row', { name: /Patient details changed.*Frida Front/ })).toBeVisible();
    await expect(pageA.getByText('The hub could not be reached.', { exact: false })).toBeVisible();

    // the hub comes back on the same data and port: the change goes, and B shows it in its header
    hub = await startHubProcess(hubDir, port);
    await syncNow(pageA);
    await expect(indicator(pageA)).not.toHaveAccessibleName(/waiting/);
    await expect(pageA.getByRole('grid', { name: 'Changes waiting to be sent' })).toContainText('Nothing is waiting');
    await syncNow(pageB);
    await expect(header(pageB)).toContainText('+4531415926');
    await expect(header(pageB)).toContainText('new.address@example.dk');
    await expect(header(pageB)).toContainText('Havnegade 7');
  });

  test('both edit one patient while the hub is away: one overwritten conflict, shown on both, acknowledged once for both', async () => {
    await hub.stop();
    await openPatient(pageA, 'P1000002');
    await editMobile(pageA, '+45 11 11 11 11');
    await openPatient(pageB, 'P1000002');
    await editMobile(pageB, '+45 22 22 22 22');
    await expect(indicator(pageA)).toHaveAccessibleName(/1 change waiting/);
    await expect(indicator(pageB)).toHaveAccessibleName(/1 change waiting/);

    hub = await startHubProcess(hubDir, port);
    await syncNow(pageA);
    await syncNow(pageB);
    await syncNow(pageA);
    for (const page of [pageA, pageB]) {
      await expect(page.getByRole('button', { name: '1 conflict', exact: true })).toBeVisible();
      await expect(header(page)).toContainText('+4522222222');
      await page.keyboard.press('G');
      await page.keyboard.press('X');
      const grid = page.getByRole('grid', { name: 'Conflicts' });
      await expect(grid).toBeFocused();
      await expect(grid.getByRole('row', { name: /Overwritten.*Patient details changed/ })).toHaveCount(1);
      const detail = page.getByRole('region', { name: /^Overwritten/ });
      const mobile = detail.getByRole('row', { name: /Mobile/ });
      await expect(mobile).toContainText('+4522222222');
      await expect(mobile).toContainText('+4511111111');
      await expect(mobile).toContainText('differs');
      await expect(detail).toContainText('It replaced a change by Frida Front');
    }
    await expect(pageA.getByRole('region', { name: /^Overwritten/ })).toContainText('made at another workstation');
    await expect(pageB.getByRole('region', { name: /^Overwritten/ })).toContainText('made at this workstation');

    // A acknowledges (Space selects, Alt+A); after B syncs it is acknowledged there too
    await pageA.keyboard.press('Space');
    await pageA.keyboard.press('Alt+A');
    await expect(pageA.getByRole('status').filter({ hasText: '1 conflict acknowledged.' })).toBeVisible();
    await expect(pageA.getByRole('grid', { name: 'Conflicts' })).toContainText('No conflicts wait to be acknowledged.');
    await expect(pageA.getByRole('button', { name: '1 conflict', exact: true })).toBeHidden();
    await syncNow(pageA);
    await syncNow(pageB);
    await expect(pageB.getByRole('button', { name: '1 conflict', exact: true })).toBeHidden();
    await pageB.keyboard.press('G');
    await pageB.keyboard.press('X');
    await expect(pageB.getByRole('grid', { name: 'Conflicts' })).toContainText('No conflicts wait to be acknowledged.');
    await pageB.keyboard.press('Alt+W');
    await expect(pageB.getByRole('grid', { name: 'Conflicts' }).getByRole('row', { name: /Acknowledged \(Frida Front\)/ })).toBeVisible();
  });
});
