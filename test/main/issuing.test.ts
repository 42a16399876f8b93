import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeCode, parseAccessCode } from '../../common/rules/accessCode';
import { codeLookup, verifyAccessCode } from '../../main/accessCodes';
import { createTestApp, type TestApp } from '../helpers/app';
import { portalFixture, type PortalFixture } from '../helpers/issuing';

let t: TestApp;
let f: PortalFixture;
let anna: string;
let finals: [string, string];
let prelim: string;

beforeEach(async () => {
  t = await createTestApp();
  f = portalFixture(t);
  f.setting('portal.enabled', true);
  anna = f.patient({ mrn: 'P1', given: 'Anna', family: 'Holm', dob: '1980-02-03', email: 'anna@example.dk', mobile: '+45 11 22 33 44' });
  finals = [f.study(anna), f.study(anna)];
  prelim = f.study(anna, { report: 'preliminary' });
  await t.addStaff('media', ['media_management']);
  await t.addStaff('desk', ['front_desk']);
  await t.signIn('media');
});
afterEach(() => t.close());

describe('issuing.patients (the Portal patients worklist)', () => {
  it('lists portal patients matched to the RIS patient, with their requests and states, and audits the read', async () => {
    const bo = f.patient({ mrn: 'P2', given: 'Bo', family: 'Berg', dob: '1970-01-01' });
    f.account(bo);
    const r1 = f.request({ patientId: anna });
    f.request({ patientId: anna, status: 'handled' });
    const { rows } = await t.value('issuing.patients', {});
    expect(rows.map((r) => r.mrn)).toEqual(['P1', 'P2']); // open requests first
    expect(rows[0]).toMatchObject({ patientId: anna, openRequests: 1, notIssuable: null });
    expect(rows[0]?.requests.map((r) => r.status).sort()).toEqual(['handled', 'new']);
    expect(rows[0]?.requests.find((r) => r.id === r1)).toMatchObject({ status: 'new', version: 7 });
    expect(rows[1]).toMatchObject({ patientId: bo, requests: [], accountId: expect.any(String) });
    expect(f.audits('portalPatients.list')).toEqual([expect.objectContaining({ detail: '2 portal patients' })]);
  });

  it('a request from an account is matched through the account; one with no patient says why it cannot be issued', async () => {
    const account = f.account(anna);
    f.request({ accountId: account });
    f.request({ requester: { given: 'Jonas', family: 'Ukendt', dob: '1991-05-17' } });
    const { rows } = await t.value('issuing.patients', { view: 'open' });
    expect(rows.find((r) => r.patientId === anna)).toMatchObject({ openRequests: 1, accountId: account });
    expect(rows.find((r) => r.patientId === null)).toMatchObject({ familyName: 'Ukendt', mrn: null, notIssuable: 'notMatched' });
  });

  it('front desk may not read it, nor prepare an issue: forbidden at the dispatcher, nothing read', async () => {
    f.request({ patientId: anna });
    await t.signIn('desk');
    expect(await t.call('issuing.patients', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.call('issuing.prepare', { patientId: anna })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.audits('access.denied').map((a) => a.detail)).toEqual(['issuing.patients', 'issuing.prepare']);
    expect(f.audits('issuing.validate')).toEqual([]);
    expect(f.audits('portalPatients.list')).toEqual([]);
  });
});

describe('issuing.prepare (Patient validation, Confirm & pick studies)', () => {
  it('puts the portal side beside the RIS side and names the differences', async () => {
    const request = f.request({ patientId: anna, requester: { given: 'Anna', family: 'Hólm', dob: '1980-02-03', email: 'ANNA@example.dk', mobile: '+4599999999', sex: 'M' } });
    const p = await t.value('issuing.prepare', { patientId: anna });
    expect(p.request).toEqual({ id: request, status: 'new', version: 7 });
    expect(p.portal).toMatchObject({ source: 'request', familyName: 'Hólm', mobile: '+4599999999' });
    expect(p.ris).toMatchObject({ mrn: 'P1', familyName: 'Holm', mobile: '+45 11 22 33 44' });
    // accents and case are no difference; another mobile and sex are
    expect(p.differences).toEqual(['sex', 'mobile']);
    expect(f.audits('issuing.validate')).toEqual([expect.objectContaining({ patient_id: anna, entity_id: request, detail: '3 studies' })]);
  });

  it('lists every study; only those with a final report can be picked, with their ready times under the delays', async () => {
    f.setting('portal.reportAccessDelayHours', 24);
    f.setting('portal.studyAccessDelayHours', 2);
    const p = await t.value('issuing.prepare', { patientId: anna });
    expect(p.studies).toHaveLength(3);
    const final = p.studies.find((s) => s.id === finals[0]);
    expect(final).toMatchObject({ pickable: true, reportStatus: 'final' });
    expect(Date.parse(final?.reportReadyAt as string) - Date.parse(final?.reportFinalAt as string)).toBe(24 * 3_600_000);
    expect(p.studies.find((s) => s.id === prelim)).toMatchObject({ pickable: false, reportStatus: 'preliminary', reportReadyAt: null });
    expect(p).toMatchObject({ expiryDays: 30, notify: true, notIssuable: null });
  });

  it('a portal patient not matched to a RIS patient gets no RIS side, no studies, and the reason', async () => {
    const request = f.request({ requester: { given: 'Jonas', family: 'Ukendt' } });
    const p = await t.value('issuing.prepare', { requestId: request });
    expect(p).toMatchObject({ patientId: null, ris: null, studies: [], notIssuable: 'notMatched' });
  });
});

describe('keys.issue (Issue the Access Code)', () => {
  const issue = (extra: Record<string, unknown> = {}) =>
    t.call('keys.issue', { patientId: anna, studyIds: [...finals], identityConfirmed: true, ...extra } as never);

  it('creates the key, shows a well-formed code once, and keeps only its hash', async () => {
    const request = f.request({ patientId: anna, version: 12 });
    const r = await issue();
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { code, keyId } = r.value;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const parsed = parseAccessCode(code);
    expect(parsed.ok).toBe(true);
    const canonical = normalizeCode(code);
    const key = t.portal.app.store.sqlite.prepare('SELECT * FROM issued_key WHERE id = ?').get(keyId) as Record<string, string>;
    expect(key).toMatchObject({ patient_id: anna, origin: 'staff', issuer_username: 'media', code_lookup: codeLookup(canonical), request_id: request });
    expect(await verifyAccessCode(canonical, key.code_hash as string)).toBe(true);
    // the code is nowhere: not in any table, not in the audit, not in the outbox
    const all = f.everything();
    expect(all).not.toContain(canonical);
    expect(all).not.toContain(code);
    // and no method gives it back
    const found = await t.value('keys.search', { issuer: 'media' });
    expect(JSON.stringify(found)).not.toContain(canonical);
    expect(f.count('issued_key_study WHERE key_id = ?', keyId)).toBe(2);
  });

  it('marks the request handled (a command with its base version) and queues the key for the hub', async () => {
    const request = f.request({ patientId: anna, version: 12 });
    const r = await t.value('keys.issue', { patientId: anna, studyIds: [...finals], identityConfirmed: true, requestId: request });
    expect(r.requestHandled).toBe(true);
    const [issued] = f.mutations('keys.issue');
    expect(issued?.put?.issued_key?.[0]).toMatchObject({ id: r.keyId, code_hash: expect.stringMatching(/^scrypt\$16384\$8\$1\$/), version: 0 });
    expect(issued?.put?.issued_key_study?.map((s) => s.study_id).sort()).toEqual([...finals].sort());
    expect(issued?.notify).toEqual({ event: 'issued', at: r.issuedAt });
    expect(f.mutations('requests.handle')).toEqual([{ id: request, baseVersion: 12, status: 'handled', keyId: r.keyId }]);
    expect(f.count("result_request WHERE id = ? AND status = 'handled' AND handled_by = 'media'", request)).toBe(1);
    const [audit] = f.audits('key.issue');
    expect(audit).toMatchObject({ patient_id: anna, entity_type: 'issued_key', entity_id: r.keyId, staff_id: expect.any(String) });
    expect(audit?.detail).toMatch(/^studies T00000[12],T00000[12]; request .+; notify$/);
  });

  it('asks for no notification with ENABLE_EMAILNOTI_EVENT off, and for one at the first report’s ready time with a delay', async () => {
    f.setting('portal.notifyOnIssue', false);
    await t.value('keys.issue', { patientId: anna, studyIds: [finals[0]], identityConfirmed: true });
    f.setting('portal.notifyOnIssue', true);
    f.setting('portal.reportAccessDelayHours', 48);
    const second = await t.value('keys.issue', { patientId: anna, studyIds: [finals[1]], identityConfirmed: true });
    const [off, on] = f.mutations('keys.issue');
    expect(off?.notify).toBeNull();
    expect(on?.notify).toEqual({ event: 'issued', at: second.studies[0]?.reportReadyAt });
    expect(Date.parse(second.studies[0]?.reportReadyAt as string) - Date.parse(second.issuedAt)).toBe(48 * 3_600_000);
  });

  it('refuses a study without a final report at the field, and writes nothing', async () => {
    const before = f.everything();
    const r = await issue({ studyIds: [finals[0], prelim] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'studyIds', key: 'issuing.errors.studyNotFinal', params: { accession: 'T000003' } } });
    expect(f.everything()).toBe(before);
  });

  it('refuses a study of another patient, an unconfirmed validation, an empty pick', async () => {
    const other = f.patient({ mrn: 'P9', given: 'Ole', family: 'Dam', dob: '1960-01-01' });
    const theirs = f.study(other);
    expect(await issue({ studyIds: [theirs] })).toMatchObject({ ok: false, error: { field: 'studyIds', key: 'issuing.errors.studyOtherPatient' } });
    expect(await issue({ identityConfirmed: false })).toMatchObject({ ok: false, error: { field: 'identityConfirmed', key: 'issuing.errors.confirmIdentity' } });
    expect(await issue({ studyIds: [] })).toMatchObject({ ok: false, error: { field: 'studyIds', key: 'errors.tooFew' } });
    expect(f.count('issued_key')).toBe(0);
  });

  it('refuses while the portal is disabled', async () => {
    f.setting('portal.enabled', false);
    expect(await issue()).toMatchObject({ ok: false, error: { code: 'portal_disabled' } });
    expect(f.count('issued_key')).toBe(0);
  });

  it('is forbidden to front desk, at the dispatcher, and the refusal is audited', async () => {
    await t.signIn('desk');
    expect(await issue()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.count('issued_key')).toBe(0);
    expect(f.audits('access.denied')).toEqual([expect.objectContaining({ outcome: 'denied', detail: 'keys.issue' })]);
  });
});

describe('keys.printSlip', () => {
  it('prints the slip for the code on screen, and audits it with the reason', async () => {
    const { code, keyId } = await t.value('keys.issue', { patientId: anna, studyIds: [...finals], identityConfirmed: true });
    const slip = await t.value('keys.printSlip', { keyId, code, reason: 'post', language: 'da' });
    const bytes = Buffer.from(slip.pdfBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Adgang til dine resultater');
    expect(slip.fileName).toMatch(/^access-slip-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(f.audits('key.printSlip')).toEqual([expect.objectContaining({ patient_id: anna, entity_id: keyId, detail: 'reason post' })]);
  });

  it('refuses a code that is not this key’s, a mistyped one and a malformed one, at the field, writing nothing', async () => {
    const first = await t.value('keys.issue', { patientId: anna, studyIds: [finals[0]], identityConfirmed: true });
    const second = await t.value('keys.issue', { patientId: anna, studyIds: [finals[1]], identityConfirmed: true });
    const before = f.everything();
    expect(await t.call('keys.printSlip', { keyId: first.keyId, code: second.code, reason: 'post' })).toMatchObject({
      ok: false, error: { field: 'code', key: 'issuing.errors.codeNotThisKey' },
    });
    const swapped = first.code.slice(0, 5) + first.code[6] + first.code[5] + first.code.slice(7);
    if (swapped !== first.code) {
      expect(await t.call('keys.printSlip', { keyId: first.keyId, code: swapped, reason: 'post' })).toMatchObject({ ok: false, error: { field: 'code', key: 'issuing.errors.codeCheck' } });
    }
    expect(await t.call('keys.printSlip', { keyId: first.keyId, code: 'UUUU-UUUU', reason: 'post' })).toMatchObject({
      ok: false, error: { field: 'code', key: 'issuing.errors.code_character', params: { character: 'U' } },
    });
    expect(await t.call('keys.printSlip', { keyId: first.keyId, code: first.code } as never)).toMatchObject({ ok: false, error: { field: 'reason', key: 'issuing.errors.slipReason' } });
    expect(f.everything()).toBe(before);
  });

  it('is forbidden to front desk', async () => {
    const { code, keyId } = await t.value('keys.issue', { patientId: anna, studyIds: [finals[0]], identityConfirmed: true });
    await t.signIn('desk');
    expect(await t.call('keys.printSlip', { keyId, code, reason: 'post' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.audits('key.printSlip')).toEqual([]);
  });
});
