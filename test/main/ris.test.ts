import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../common/time';
import { createTestApp, type TestApp } from '../helpers/app';
import { portalFixture, type PortalFixture } from '../helpers/issuing';

let t: TestApp;
let f: PortalFixture;
let anna: string;
const iso = (ms: number) => new Date(ms).toISOString();

beforeEach(async () => {
  t = await createTestApp();
  f = portalFixture(t);
  f.setting('portal.enabled', true);
  anna = f.patient({ mrn: 'P1', given: 'Anna', family: 'Holm', dob: '1980-02-03' });
  await t.addStaff('admin', ['portal_admin']);
  await t.addStaff('media', ['media_management']);
  await t.signIn('admin');
});
afterEach(() => t.close());

const keysOf = (patientId: string) =>
  t.portal.app.store.sqlite.prepare('SELECT * FROM issued_key WHERE patient_id = ? ORDER BY issued_at').all(patientId) as Array<Record<string, string | null>>;

describe('ris.finalizeReport and auto-issue', () => {
  it('with auto-issue off, the report becomes final and nothing is issued', async () => {
    f.account(anna);
    const study = f.study(anna, { report: 'preliminary' });
    const r = await t.value('ris.finalizeReport', { studyId: study });
    expect(r).toMatchObject({ alreadyFinal: false, autoIssuedKeyId: null, autoIssueSkipped: 'autoIssueOff' });
    expect(f.count("report WHERE study_id = ? AND status = 'final' AND final_at IS NOT NULL", study)).toBe(1);
    expect(f.mutations('rows.put')[0]?.put?.report?.[0]).toMatchObject({ study_id: study, status: 'final' });
    expect(keysOf(anna)).toEqual([]);
    expect(f.audits('ris.reportFinal')).toEqual([expect.objectContaining({ patient_id: anna })]);
  });

  it('with auto-issue on, a final report issues the study to the patient’s portal account, with the delays and no code', async () => {
    f.setting('portal.autoIssue', true);
    f.setting('portal.studyAccessDelayHours', 2);
    f.setting('portal.reportAccessDelayHours', 24);
    const account = f.account(anna);
    const validatedAt = iso(t.clock.now() - 10 * HOUR_MS);
    const study = f.study(anna, { report: null, validatedAt });
    const r = await t.value('ris.finalizeReport', { studyId: study });
    expect(r.autoIssuedKeyId).toEqual(expect.any(String));
    const [key] = keysOf(anna);
    expect(key).toMatchObject({ id: r.autoIssuedKeyId, origin: 'auto', account_id: account, code_hash: null, code_lookup: null, issued_by: null, issuer_username: null });
    const ks = t.portal.app.store.sqlite.prepare('SELECT * FROM issued_key_study WHERE key_id = ?').get(key?.id) as Record<string, string>;
    // the report delay counts from the final time, the study delay from the validation
    expect(ks).toMatchObject({ study_id: study, report_ready_at: iso(Date.parse(r.finalAt) + 24 * HOUR_MS), images_ready_at: iso(Date.parse(validatedAt) + 2 * HOUR_MS) });
    const [m] = f.mutations('keys.issue');
    expect(m?.notify).toEqual({ event: 'newReport', at: ks.report_ready_at });
    expect(f.audits('key.autoIssue')).toEqual([expect.objectContaining({ patient_id: anna, entity_id: key?.id })]);
  });

  it('asks for no notification when "Notify on new report" is off', async () => {
    f.setting('portal.autoIssue', true);
    f.setting('portal.notifyOnNewReport', false);
    f.account(anna);
    await t.value('ris.finalizeReport', { studyId: f.study(anna, { report: 'draft' }) });
    expect(f.mutations('keys.issue')[0]?.notify).toBeNull();
  });

  it('a patient without a portal account gets nothing issued automatically (no one could see a code)', async () => {
    f.setting('portal.autoIssue', true);
    const r = await t.value('ris.finalizeReport', { studyId: f.study(anna, { report: null }) });
    expect(r).toMatchObject({ autoIssuedKeyId: null, autoIssueSkipped: 'noPortalAccount' });
    expect(keysOf(anna)).toEqual([]);
  });

  it('a report already final is left alone and issued only once', async () => {
    f.setting('portal.autoIssue', true);
    f.account(anna);
    const study = f.study(anna, { report: 'preliminary' });
    await t.value('ris.finalizeReport', { studyId: study });
    const again = await t.value('ris.finalizeReport', { studyId: study });
    expect(again).toMatchObject({ alreadyFinal: true, autoIssuedKeyId: null });
    expect(keysOf(anna)).toHaveLength(1);
  });

  it('nothing is auto-issued while the portal is disabled', async () => {
    f.setting('portal.autoIssue', true);
    f.setting('portal.enabled', false);
    f.account(anna);
    expect(await t.value('ris.finalizeReport', { studyId: f.study(anna, { report: null }) })).toMatchObject({ autoIssueSkipped: 'portalDisabled' });
  });
});

describe('ris.validateStudy', () => {
  it('gives issued-but-unvalidated studies their images ready time, and asks for a "new study" notification', async () => {
    f.setting('portal.studyAccessDelayHours', 6);
    f.setting('portal.notifyOnNewStudy', true);
    const study = f.study(anna, { validatedAt: null });
    await t.signIn('media');
    const issued = await t.value('keys.issue', { patientId: anna, studyIds: [study], identityConfirmed: true });
    expect(issued.studies[0]?.imagesReadyAt).toBeNull();
    await t.signIn('admin');
    const r = await t.value('ris.validateStudy', { studyId: study });
    expect(r).toMatchObject({ alreadyValidated: false, keysUpdated: 1 });
    const [m] = f.mutations('keys.studyReady');
    const at = iso(Date.parse(r.validatedAt) + 6 * HOUR_MS);
    expect(m?.put?.issued_key_study?.[0]).toMatchObject({ study_id: study, images_ready_at: at });
    expect(m?.notify).toEqual({ event: 'newStudy', at, keyIds: [issued.keyId] });
    expect(await t.value('ris.validateStudy', { studyId: study })).toMatchObject({ alreadyValidated: true, keysUpdated: 0 });
  });
});

describe('permissions', () => {
  it('the RIS stand-in is for admins (ris.feed): media staff are refused at the dispatcher', async () => {
    await t.signIn('media');
    const study = f.study(anna, { report: 'draft' });
    expect(await t.call('ris.finalizeReport', { studyId: study })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.call('ris.validateStudy', { studyId: study })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.count("report WHERE status = 'final'")).toBe(0);
  });

  it('an unknown study is not_found', async () => {
    expect(await t.call('ris.finalizeReport', { studyId: '0190f0f0-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found', key: 'ris.errors.studyNotFound' } });
  });
});
