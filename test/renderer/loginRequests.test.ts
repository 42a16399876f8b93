import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoginRequestCandidate, LoginRequestDetail, LoginRequestRow } from '../../common/api/loginRequests';
import { catalogs } from '../../common/i18n';
import { initialChoice, rightsList, rightsOf } from '../../renderer/screens/loginRequests/choice';
import { decisionLine } from '../../renderer/screens/loginRequests/words';

const request: LoginRequestRow = {
  id: 'r1', clinicId: 'c1', clinicName: 'Demo Clinic', createdAt: '2026-03-02T09:00:00.000Z', givenName: 'Karen', familyName: 'Selvbetjent',
  dateOfBirth: '1975-06-15', email: 'karen@example.dk', mobile: null, postalCode: '2100', language: 'da',
  rights: { econsultation: true, ebooking: true, eprescription: false }, verification: 'strong', state: 'new', returningPatient: false, previousRights: [],
  grantedRights: null, decidedBy: null, decidedAt: null, decidedAutomatically: false, rejectReason: null, manualReason: null, patientId: null, version: 1,
};
const candidate = (id: string, full: boolean, score: number): LoginRequestCandidate => ({
  patient: { id, mrn: `P${id}`, givenName: 'Karen', familyName: 'Selvbetjent', dateOfBirth: '1975-06-15', sex: 'F', email: null, mobile: null, postalCode: '2100', hasAccount: false },
  fields: [], score, full,
});
const detail = (candidates: LoginRequestCandidate[], tie = false, over: Partial<LoginRequestRow> = {}): LoginRequestDetail => ({ request: { ...request, ...over }, candidates, tie });

describe('the patient the approve dialog starts with', () => {
  it('picks the one full match, so staff confirm rather than search', () => {
    expect(initialChoice(detail([candidate('a', true, 100), candidate('b', false, 40)]))).toEqual({ id: 'a' });
  });
  it('picks nobody when two match equally or the best match is partial: staff must look', () => {
    expect(initialChoice(detail([candidate('a', true, 100), candidate('b', true, 100)], true))).toBeNull();
    expect(initialChoice(detail([candidate('a', false, 75)]))).toBeNull();
  });
  it('offers a new patient when nobody on file comes close', () => {
    expect(initialChoice(detail([]))).toEqual({ createNew: true });
  });
  it('shows the patient a decided request was approved for', () => {
    expect(initialChoice(detail([candidate('a', true, 100)], false, { state: 'approved', patientId: 'b' }))).toEqual({ id: 'b' });
  });
});

describe('rights', () => {
  it('start ticked exactly as the patient asked, and go back as the contract’s flags', () => {
    expect(rightsList(request.rights)).toEqual(['econsultation', 'ebooking']);
    expect(rightsOf(['econsultation'])).toEqual({ econsultation: true, ebooking: false, eprescription: false });
  });
});

describe('who decided, in words', () => {
  let t: Parameters<typeof decisionLine>[0];
  beforeAll(async () => {
    const i18n = createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: catalogs.en } }, interpolation: { escapeValue: false }, showSupportNotice: false });
    t = i18n.t;
  });
  it('says nothing while the request is new', () => {
    expect(decisionLine(t, request)).toBeNull();
  });
  it('names the staff member, or says the approval was automatic', () => {
    const at = { decidedAt: '2026-03-02T10:00:00.000Z' };
    expect(decisionLine(t, { ...request, ...at, state: 'approved', decidedBy: 'Frida Front' })).toMatch(/^Approved by Frida Front at /);
    expect(decisionLine(t, { ...request, ...at, state: 'approved', decidedAutomatically: true })).toMatch(/^Approved automatically at /);
  });
  it('gives the reason of a rejection, and who handled it elsewhere', () => {
    const at = { decidedAt: '2026-03-02T10:00:00.000Z', decidedBy: 'Bo' };
    expect(decisionLine(t, { ...request, ...at, state: 'rejected', rejectReason: 'notAPatient' })).toMatch(/^Rejected by Bo at .*: Not a patient of this clinic$/);
    expect(decisionLine(t, { ...request, ...at, state: 'handledElsewhere' })).toMatch(/^Another request from this patient was approved by Bo at /);
  });
});
