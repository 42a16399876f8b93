import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../common/time';
import { verifyPassword } from '../../main/passwords';
import { buildCredentialLetter } from '../../main/services/portalLetter';
import { generateTempPassword } from '../../main/services/portalCredentials';
import type { TestApp } from '../helpers/app';
import { pdfLines } from '../helpers/pdf';
import { audits, one, outbox, patientIds, portalTestApp, setSetting, written } from '../helpers/portal';

let t: TestApp;
let noEmail: string;
beforeEach(async () => {
  t = await portalTestApp();
  noEmail = patientIds(t, 'noEmail')[0] as string;
  setSetting(t, 'portal.patientUrl', 'https://portal.test-clinic.example');
});
afterEach(() => t.close());

const postal = (id: string) => one(t, 'SELECT postal_code FROM patient WHERE id = ?', id)?.postal_code as string;
const account = (id: string) => one(t, 'SELECT * FROM portal_account WHERE patient_id = ? AND deleted_at IS NULL', id) as Record<string, unknown>;
const createWithoutEmail = (tempPassword: { mode: 'generate' | 'typed'; password?: string }) =>
  t.call('portal.create', { patientId: noEmail, email: '', postalCode: postal(noEmail), username: '', rights: ['econsultation'], wantsElectronicReply: false, tempPassword: { password: '', ...tempPassword }, language: 'en' });

describe('a patient without email: temporary password and credential letter', () => {
  it('generates a password, shows it once, and keeps only its scrypt hash', async () => {
    const r = await createWithoutEmail({ mode: 'generate' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { view, letter } = r.value;
    expect(letter?.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const password = letter?.password as string;
    const row = account(noEmail);
    expect(row.temp_password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword(password, row.temp_password_hash as string)).toBe(true);
    expect(row.must_change_password).toBe(1);
    expect(row.temp_password_expires_at).toBe(new Date(t.clock.now() + 14 * DAY_MS).toISOString());
    // a temporary password signs in by username: the patient got the suggested one
    expect(view.account?.username).toBe(view.suggestedUsername);
    expect(letter?.username).toBe(view.account?.username);
    expect(view.status).toMatchObject({ kind: 'awaiting', group: 'invited', tempPasswordExpiresAt: row.temp_password_expires_at });
    // never in clear anywhere on disk: not in the rows, the outbox or the audit trail
    const dump = JSON.stringify(t.portal.app.store.sqlite.prepare("SELECT * FROM sync_outbox").all()) + JSON.stringify(t.portal.app.store.sqlite.prepare('SELECT * FROM audit_event').all()) + JSON.stringify(row);
    expect(dump).not.toContain(password);
    expect(outbox(t)[0]).toMatchObject({ name: 'portal.create', args: { send: 'none' } });
    // and never shown again
    expect(JSON.stringify(await t.value('portal.get', { patientId: noEmail }))).not.toContain(password);
  });

  it('the letter is a PDF with username, temporary password, portal address and expiry', async () => {
    const r = await createWithoutEmail({ mode: 'generate' });
    if (!r.ok || !r.value.letter) throw new Error('no letter');
    const { letter } = r.value;
    const pdf = Buffer.from(letter.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const lines = pdfLines(pdf);
    expect(lines).toEqual(expect.arrayContaining([letter.username, letter.password, 'https://portal.test-clinic.example']));
    expect(letter.generated).toBe(true);
    expect(lines.join('\n')).toContain('The temporary password works until 6 December 2026.');
    expect(lines.join('\n')).toContain('you must choose a new password');
    expect(letter.fileName).toMatch(/^portal-credentials-P\d+\.pdf$/);
  });

  it('a typed password that meets the policy works and goes on the letter', async () => {
    const r = await createWithoutEmail({ mode: 'typed', password: 'blue ferry lantern 42' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.letter).toMatchObject({ password: 'blue ferry lantern 42', generated: false });
    expect(await verifyPassword('blue ferry lantern 42', account(noEmail).temp_password_hash as string)).toBe(true);
    expect(pdfLines(Buffer.from(r.value.letter?.pdfBase64 ?? '', 'base64'))).toContain('blue ferry lantern 42');
    expect(audits(t, 'portal.create')[0]?.detail).toContain('temporary password typed');
  });

  it('a weak typed password is refused at its field and nothing is written', async () => {
    const before = written(t);
    for (const password of ['qwertyuiop12', 'short', 'letmeinletmein']) {
      const r = await createWithoutEmail({ mode: 'typed', password });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'tempPassword' } });
    }
    expect(written(t)).toEqual(before);
  });

  it('a new temporary password for an existing account replaces the old one and is audited', async () => {
    await createWithoutEmail({ mode: 'generate' });
    const first = account(noEmail).temp_password_hash;
    t.clock.advance(DAY_MS);
    await t.signIn('frida');
    const { letter } = await t.value('portal.setTempPassword', { patientId: noEmail, mode: 'generate', language: 'da' });
    const row = account(noEmail);
    expect(row.temp_password_hash).not.toBe(first);
    expect(await verifyPassword(letter.password as string, row.temp_password_hash as string)).toBe(true);
    expect(outbox(t).at(-1)).toMatchObject({ name: 'portal.setTempPassword', args: { expiresAt: row.temp_password_expires_at } });
    expect(pdfLines(Buffer.from(letter.pdfBase64, 'base64')).join('\n')).toContain('Midlertidig adgangskode');
    expect(audits(t, 'portal.setTempPassword')[0]?.detail).toMatch(/^generated; expires \d{4}-\d{2}-\d{2}$/);
  });

  it('an unused temporary password expires: the patient is inactive again', async () => {
    await createWithoutEmail({ mode: 'generate' });
    t.clock.advance(15 * DAY_MS);
    await t.signIn('frida');
    expect((await t.value('portal.get', { patientId: noEmail })).status).toMatchObject({ kind: 'inactive', reasons: ['noEmail', 'tempPasswordExpired'] });
  });

  it('saving or printing the letter asks for nothing more but is audited', async () => {
    await createWithoutEmail({ mode: 'generate' });
    const before = outbox(t).length;
    await t.value('portal.letterUsed', { patientId: noEmail, how: 'download' });
    await t.value('portal.letterUsed', { patientId: noEmail, how: 'print' });
    expect(audits(t, 'portal.letter').map((a) => a.detail)).toEqual(['download', 'print']);
    expect(outbox(t)).toHaveLength(before);
  });
});

describe('the generator and the letter on their own', () => {
  it('generated passwords differ and meet the patient password policy', () => {
    const seen = new Set(Array.from({ length: 200 }, generateTempPassword));
    expect(seen.size).toBe(200);
  });

  it('prints names outside Latin-1 readably instead of failing', async () => {
    const pdf = await buildCredentialLetter({ language: 'en', clinicName: 'Klinik', portalName: 'Portal', patientName: 'Łukasz Żółć', username: 'lukasz', password: 'k7fm-x2qp-9wtz', portalAddress: '', expiresAt: '2026-12-01T00:00:00.000Z', issuedAt: '2026-11-22T00:00:00.000Z' });
    const lines = pdfLines(pdf);
    expect(lines).toContain('Dear Lukasz Zólc,');
    expect(lines).toContain('Ask the clinic for the portal address.');
  });
});
