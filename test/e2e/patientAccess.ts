import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { HostProcess } from './host';
import { readDb, waitForSynced } from './inspect';

/** What a patient sees after code + date of birth: where they landed, the results' first cells, the page's words. */
export interface Redeemed {
  url: string;
  studies: string[];
  text: string;
}

/**
 * The patient's side of an access code, in its own tab of the same browser: the embedded hub's
 * page `/c/<clinic>/access`, reached as a patient would (hub root → the clinic → the access link).
 */
export class PatientAccessPage {
  private constructor(readonly page: Page, readonly accessUrl: string) {}

  static async open(context: BrowserContext, host: HostProcess): Promise<PatientAccessPage> {
    const page = await context.newPage();
    const hub = await host.embeddedHubUrl();
    // the clinic is on the hub once the workstation's first sync has brought it there
    await expect(async () => {
      await page.goto(hub);
      await expect(page.getByRole('link', { name: 'Demo Clinic patient portal' })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Demo Clinic patient portal' }).click();
    await page.getByRole('link', { name: 'Got an access code from the clinic? See your results' }).click();
    await expect(page.getByRole('heading', { name: 'See your results with an access code' })).toBeVisible();
    return new PatientAccessPage(page, page.url());
  }

  /** Types code and date of birth into the access form and sends it. */
  async redeem(code: string, dateOfBirth: string): Promise<Redeemed> {
    const { page } = this;
    await page.goto(this.accessUrl);
    await page.getByLabel('Access code').fill(code);
    await page.getByLabel('Date of birth').fill(dateOfBirth);
    await page.getByRole('button', { name: 'Show my results' }).click();
    await page.waitForLoadState('domcontentloaded');
    const studies = await page.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent?.trim() ?? ''));
    return { url: new URL(page.url()).pathname, studies, text: (await page.locator('main').textContent()) ?? '' };
  }

  /** The error shown at a field of the access form (its `.error` paragraph). */
  fieldError(name: 'code' | 'date_of_birth') {
    return this.page.locator(`#f-${name}-error`);
  }

  /**
   * After a change at the workstation: waits until it has reached the hub (the workstation's
   * outbox drained and a pull done since), then redeems, again while the answer is not the one
   * expected yet. Each try counts against the page's per-source limit, so the wait comes first.
   */
  async redeemOnceSynced(host: HostProcess, code: string, dateOfBirth: string, until: (r: Redeemed) => boolean): Promise<Redeemed> {
    await waitForSynced(host);
    let last: Redeemed | null = null;
    await expect
      .poll(async () => until((last = await this.redeem(code, dateOfBirth))), { timeout: 20_000, intervals: [1_000, 2_000, 4_000] })
      .toBe(true);
    return last as unknown as Redeemed;
  }
}

/** A patient's date of birth, by MRN, from the workstation's own records. */
export function dateOfBirthOf(host: HostProcess, mrn: string): string {
  return readDb(host, (db) => (db.prepare('SELECT date_of_birth FROM patient WHERE mrn = ?').pluck().get(mrn) as string | undefined) ?? '');
}

/** The newest key of a patient (by MRN): its id, expiry, and the descriptions of its studies. */
export function newestKeyOf(host: HostProcess, mrn: string): { id: string; expiresAt: string; studies: string[] } {
  return readDb(host, (db) => {
    const key = db.prepare('SELECT k.id, k.expires_at AS expiresAt FROM issued_key k JOIN patient p ON p.id = k.patient_id WHERE p.mrn = ? ORDER BY k.issued_at DESC LIMIT 1').get(mrn) as
      | { id: string; expiresAt: string }
      | undefined;
    if (!key) throw new Error(`no key issued to ${mrn}`);
    const studies = db.prepare('SELECT s.description FROM issued_key_study ks JOIN study s ON s.id = ks.study_id WHERE ks.key_id = ? ORDER BY s.description').pluck().all(key.id) as string[];
    return { ...key, studies };
  });
}
